"""Registry entries: the default figures of RULES.md with their sources.

Keys are ``<area>.<subject>.<figure>``; Chinese names are used where they are the domain's own
identifiers (sanction measures, ranks), e.g. ``sanction.政务.记过.months``,
``rank.required_years.一级调研员``. See docs/rules.md for the full table.
"""

from __future__ import annotations

from cadre.rules.params import Param

GRADE_CHOICES = ("优秀", "称职", "基本称职", "不称职", "不定等次")
CAP_CHOICES = ("无", "非优秀", "不定等次", "不称职")
EDUCATION_CHOICES = ("初中", "高中", "中专", "大专", "本科", "硕士研究生", "博士研究生")

_RETIRE = (
    "全国人大常委会关于实施渐进式延迟法定退休年龄的决定(2024) "
    "附件《国务院关于渐进式延迟法定退休年龄的办法》第二条及附表"
)
_CADRE_AGE = "国务院关于安置老弱病残干部的暂行办法(1978) 第四条"
_WORKER_AGE = "国务院关于工人退休、退职的暂行办法(1978) 第一条"
_COUNTY = "组通字〔2015〕14号（县处级女干部退休年龄）；延迟退休改革如何适用未经官方文本核实"
_ZW = "公职人员政务处分法(2020) 第八条；公务员法(2018) 第六十四条"
_ZW_STACK = "行政机关公务员处分条例(2007) 第十条"
_DJ = "中国共产党纪律处分条例(2023) "
_JM = "党政领导干部选拔任用工作条例(2019) 第二十四条；诫勉影响期未经官方文本核实"
_ZZ = "党政领导干部选拔任用工作条例(2019) 第二十四条；组织处理影响期未经官方文本核实"
_KH = "公务员考核规定(2020)"
_BX = "公务员职务与职级并行规定(2019) "
_QUOTA = "公务员职务与职级并行规定(2019) 第七条；职数比例为新闻报道口径，未经官方文本核实"
_XB = "党政领导干部选拔任用工作条例(2019) "
_JL = "党政领导干部交流工作规定(2006)；党政领导干部职务任期暂行规定(2006)"
_PX = "干部教育培训工作条例(2023)"


def _p(key: str, default: int, label: str, source: str, unit: str, cfg: bool = False) -> Param:
    return Param(key, default, label, source, configurable=cfg, kind="int", unit=unit)


def _r(key: str, default: str, label: str, source: str, cfg: bool = False) -> Param:
    return Param(key, default, label, source, configurable=cfg, kind="ratio")


def _s(
    key: str, default: str, label: str, source: str, choices: tuple[str, ...], cfg: bool = False
) -> Param:
    return Param(key, default, label, source, configurable=cfg, kind="str", choices=choices)


_Y, _M, _D, _H, _N = "年", "个月", "个工作日", "学时", "个"

_RETIREMENT: list[Param] = []
for _stem, _cn, _orig, _src, _y0, _step, _cap in (
    ("male", "男职工", 60, _CADRE_AGE, 1965, 4, 36),
    ("female_cadre", "女干部（管理、技术岗）", 55, _CADRE_AGE, 1970, 4, 36),
    ("female_worker", "女工人", 50, _WORKER_AGE, 1975, 2, 60),
):
    _RETIREMENT += [
        _p(f"retirement.{_stem}.original_age_years", _orig, f"{_cn}原法定退休年龄", _src, "周岁"),
        _p(f"retirement.{_stem}.base_year", _y0, f"{_cn}延迟起算出生年份", _RETIRE, _Y),
        _p(f"retirement.{_stem}.step_months", _step, f"{_cn}每若干个月延迟1个月", _RETIRE, _M),
        _p(f"retirement.{_stem}.cap_months", _cap, f"{_cn}最多延迟月数", _RETIRE, _M),
    ]
_RETIREMENT += [
    _p(
        "retirement.county_female_cadre.age_years",
        60,
        "县处级女干部退休年龄",
        _COUNTY,
        "周岁",
        True,
    ),
    _s(
        "retirement.county_female_cadre.delay_scheme",
        "none",
        "县处级女干部适用的延迟办法（none 不延迟；male 按男职工；female_cadre 按女干部）",
        _COUNTY,
        ("none", "male", "female_cadre"),
        True,
    ),
    _p("retirement.flexible.max_years", 3, "弹性退休最多提前或推迟年数", _RETIRE, _Y),
    _p("retirement.warning.months_ahead", 12, "到龄预警提前月数", "本系统预警设置", _M, True),
]

_ID = [
    Param(
        "idnumber.check_weights",
        "7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2",
        "身份证号前17位加权因子",
        "GB 11643-1999 公民身份号码 第8.2条",
        kind="str",
    ),
    Param(
        "idnumber.check_chars",
        "10X98765432",
        "校验码对照（加权和模11为下标）",
        "GB 11643-1999 公民身份号码 第8.2条",
        kind="str",
    ),
    Param("idnumber.legacy_century", "19", "15位旧号码补入的世纪", "GB 11643-1999", kind="str"),
]

_AUDIT = [
    _p("audit.min_work_age_years", 16, "参加工作最低年龄（低于此提示）", "劳动法 第十五条", "周岁"),
    _p("audit.min_party_age_years", 18, "入党最低年龄", "中国共产党章程 第一条", "周岁"),
    _p("audit.resume.max_gap_months", 1, "简历允许的最长断档", "干部人事档案审核口径", _M),
]

_SANCTION = [
    _p("sanction.政务.警告.months", 6, "政务警告处分期", _ZW, _M),
    _p("sanction.政务.记过.months", 12, "政务记过处分期", _ZW, _M),
    _p("sanction.政务.记大过.months", 18, "政务记大过处分期", _ZW, _M),
    _p("sanction.政务.降级.months", 24, "政务降级处分期", _ZW, _M),
    _p("sanction.政务.撤职.months", 24, "政务撤职处分期", _ZW, _M),
    _p("sanction.政务.stacking_cap_months", 48, "处分期内再受政务处分的最长处分期", _ZW_STACK, _M),
    _p("sanction.党纪.警告.months", 12, "党内警告影响期", _DJ + "第十条", _M),
    _p("sanction.党纪.严重警告.months", 18, "党内严重警告影响期", _DJ + "第十条", _M),
    _p("sanction.党纪.撤销党内职务.months", 24, "撤销党内职务影响期", _DJ + "第十一条", _M),
    _p(
        "sanction.党纪.留党察看.after_restore_months",
        24,
        "留党察看恢复党员权利后的影响期",
        _DJ + "第十二条",
        _M,
    ),
    _p(
        "sanction.党纪.留党察看.max_observation_years",
        2,
        "留党察看最长察看年数",
        _DJ + "第十二条",
        _Y,
    ),
    _p("sanction.党纪.开除党籍.months", 60, "开除党籍后不得重新入党期间", _DJ + "第十三条", _M),
    _p("sanction.诫勉.months", 6, "诫勉影响期", _JM, _M, True),
    _p("sanction.组织处理.调整职务.months", 12, "调整职务影响期", _ZZ, _M, True),
    _p("sanction.组织处理.责令辞职免职.months", 24, "责令辞职、免职影响期", _ZZ, _M, True),
    _p("sanction.组织处理.降职.months", 24, "降职影响期", _ZZ, _M, True),
]

_CAP: list[Param] = []
for _stem, _label, _same, _next_years, _next in (
    ("政务.警告", "政务警告", "非优秀", 0, "无"),
    ("政务.记过", "政务记过", "不定等次", 0, "无"),
    ("政务.记大过", "政务记大过", "不定等次", 1, "不定等次"),
    ("政务.降级", "政务降级", "不定等次", 1, "不定等次"),
    ("政务.撤职", "政务撤职", "不定等次", 1, "不定等次"),
    ("党纪.警告", "党内警告", "非优秀", 0, "无"),
    ("党纪.严重警告", "党内严重警告", "不定等次", 0, "无"),
    ("党纪.撤销党内职务", "撤销党内职务", "不称职", 0, "无"),
    ("党纪.留党察看", "留党察看", "不称职", -1, "不定等次"),
    ("党纪.开除党籍", "开除党籍", "不称职", 2, "不定等次"),
    ("诫勉", "诫勉", "非优秀", 0, "无"),
    ("组织处理.调整职务", "调整职务", "非优秀", 0, "无"),
    ("组织处理.责令辞职免职", "责令辞职、免职", "不定等次", 0, "无"),
    ("组织处理.降职", "降职", "不定等次", 0, "无"),
):
    _k = f"assessment.cap.{_stem}"
    _CAP.append(_s(f"{_k}.same_year", _same, f"{_label}当年考核等次上限", _KH, CAP_CHOICES))
    if _next_years < 0:
        _CAP.append(
            _p(
                f"{_k}.next_years_per_observation_year",
                1,
                f"{_label}此后受限年数（每察看一年）",
                _KH,
                _Y,
            )
        )
    else:
        _CAP.append(_p(f"{_k}.next_years", _next_years, f"{_label}此后受限年数", _KH, _Y))
    _CAP.append(_s(f"{_k}.next_grade", _next, f"{_label}此后各年考核等次上限", _KH, CAP_CHOICES))

_ASSESSMENT = [
    _r("assessment.excellent_quota.ratio", "0.20", "优秀等次比例上限", _KH),
    _r(
        "assessment.excellent_quota.ratio_with_approval",
        "0.25",
        "经批准的优秀等次比例上限",
        _KH + "；25%口径未经官方文本核实",
        True,
    ),
    _p("assessment.excellent_notice.working_days", 5, "优秀等次公示期", _KH, _D),
    _p("assessment.merit.consecutive_excellent_years", 3, "连续优秀记三等功年数", _KH, _Y),
    _p(
        "assessment.pay_step.cumulative_competent_years", 2, "累计称职以上晋升一档工资年数", _KH, _Y
    ),
    _p(
        "assessment.grade_promotion.cumulative_competent_years",
        5,
        "累计称职以上晋升一个级别年数",
        _KH,
        _Y,
    ),
    _p(
        "assessment.dismissal.consecutive_incompetent_years",
        2,
        "连续不称职予以辞退年数",
        _KH + "；公务员法(2018) 第八十八条",
        _Y,
    ),
]

_RANK_YEARS = (
    ("一级科员", 2), ("四级主任科员", 2), ("三级主任科员", 2), ("二级主任科员", 2),
    ("一级主任科员", 2), ("四级调研员", 2), ("三级调研员", 2), ("二级调研员", 2),
    ("一级调研员", 3), ("二级巡视员", 4), ("一级巡视员", 4),
)  # fmt: skip
_RANK = [
    _p(f"rank.required_years.{r}", y, f"晋升{r}须在下一职级任职年限", _BX + "第十九条", _Y)
    for r, y in _RANK_YEARS
]
_RANK += [
    _p("rank.excellent_reduction_months", 6, "每个优秀年度缩短任职年限", _BX + "第十九条", _M),
    _p("rank.notice.working_days", 5, "职级晋升公示期", _BX + "第二十条", _D),
    _r(
        "rank.quota.county.二级调研员.ratio", "0.02", "县乡：二级调研员占编制比例上限", _QUOTA, True
    ),
    _r(
        "rank.quota.county.三四级调研员.ratio",
        "0.10",
        "县乡：三级、四级调研员占编制比例上限",
        _QUOTA,
        True,
    ),
    _r(
        "rank.quota.county.三级调研员.ratio",
        "0.40",
        "县乡：三级调研员占三级、四级调研员职数比例上限",
        _QUOTA,
        True,
    ),
    _r(
        "rank.quota.county.主任科员.ratio",
        "0.60",
        "县乡：一至四级主任科员占编制比例上限",
        _QUOTA,
        True,
    ),
    _r(
        "rank.quota.county.一二级主任科员.ratio",
        "0.50",
        "县乡：一级、二级主任科员占一至四级主任科员职数比例上限",
        _QUOTA,
        True,
    ),
    _r("rank.quota.city.调研员.ratio", "0.20", "市级：一至四级调研员占编制比例上限", _QUOTA, True),
    _r(
        "rank.quota.city.一二级调研员.ratio",
        "0.40",
        "市级：一级、二级调研员占一至四级调研员职数比例上限",
        _QUOTA,
        True,
    ),
    _r(
        "rank.quota.city.一级调研员.ratio",
        "0.50",
        "市级：一级调研员占一级、二级调研员职数比例上限",
        _QUOTA,
        True,
    ),
    _r(
        "rank.quota.city.主任科员.ratio",
        "0.60",
        "市级：一至四级主任科员占编制比例上限",
        _QUOTA,
        True,
    ),
]

_LEADERSHIP = [
    _p(
        "leadership.county.min_work_years",
        5,
        "提任县处级以上领导职务须具有的工龄",
        _XB + "第八条",
        _Y,
    ),
    _p(
        "leadership.county.min_grassroots_years",
        2,
        "提任县处级以上领导职务须具有的基层工作经历",
        _XB + "第八条",
        _Y,
    ),
    _p(
        "leadership.county.lower_level_posts",
        2,
        "提任县处级以上领导职务一般应具有的下一级职位经历",
        _XB + "第八条",
        _N,
    ),
    _p(
        "leadership.deputy_to_principal.min_years",
        2,
        "副职提任正职须任副职年限",
        _XB + "第八条",
        _Y,
    ),
    _p(
        "leadership.principal_to_upper_deputy.min_years",
        3,
        "下级正职提任上级副职须任下级正职年限",
        _XB + "第八条",
        _Y,
    ),
    _s(
        "leadership.education.min_level",
        "大专",
        "提任领导职务最低学历",
        _XB + "第八条",
        EDUCATION_CHOICES,
    ),
    _s(
        "leadership.education.bureau_min_level",
        "本科",
        "提任厅局级以上领导职务最低学历",
        _XB + "第八条",
        EDUCATION_CHOICES,
    ),
    _p("leadership.training.grace_years", 1, "培训未达要求时提任后补训期限", _XB + "第八条", _Y),
    _s(
        "leadership.vetting.bar_grade",
        "基本称职",
        "上一年度考核为此等次或更低者不得列为考察对象",
        _XB + "第二十四条",
        GRADE_CHOICES,
    ),
    _p("leadership.exceptional.max_levels", 1, "破格提拔一次最多提升的层次", _XB + "第十条", _N),
    _p(
        "leadership.exceptional.min_months_since_promotion",
        12,
        "破格提拔距上次提拔最短间隔",
        _XB + "第十条",
        _M,
    ),
    _p("leadership.recommendation.valid_months", 12, "民主推荐结果有效期", _XB + "第三章", _M),
    _p("leadership.vetting.team_min", 2, "考察组最少人数", _XB + "第四章", "人"),
    _r("leadership.decision.quorum_ratio", "2/3", "讨论决定时到会成员比例下限", _XB + "第五章"),
    _r("leadership.decision.pass_ratio", "1/2", "同意票须超过应到会成员的比例", _XB + "第五章"),
    _p("leadership.notice.working_days", 5, "任前公示期", _XB + "第六章", _D),
    _p("leadership.probation.months", 12, "非选举产生领导职务试用期", _XB + "第六章", _M),
]

_EXCHANGE = [
    _p("exchange.same_post.must_exchange_years", 10, "同一职位任职满此年限必须交流", _JL, _Y),
    _p(
        "exchange.same_level_area.should_exchange_years",
        10,
        "同一地区同一层次任职满此年限应当交流",
        _JL,
        _Y,
    ),
    _p("exchange.term_years", 5, "领导职务每个任期年数", _JL, _Y),
    _p("exchange.max_terms", 2, "同一职位连续任职最多届数", _JL, "届"),
    _p("exchange.same_level.max_years", 15, "同一层次领导职务累计任职上限", _JL, _Y),
    _p("exchange.key_post.rotation_years", 5, "重点岗位轮岗年限", _JL + "；年限各地自定", _Y, True),
]

_TRAINING = [
    _s(
        "training.senior.min_position_level",
        "县处级副职",
        "按五年550学时要求的最低领导职务层次",
        _PX,
        ("乡科级副职", "乡科级正职", "县处级副职", "县处级正职", "厅局级副职"),
    ),
    _s(
        "training.senior.min_rank",
        "四级调研员",
        "按五年550学时要求的最低职级",
        _PX,
        ("一级主任科员", "四级调研员", "三级调研员"),
    ),
    _p("training.senior.hours", 550, "县处级以上每五年培训学时", _PX, _H),
    _p("training.senior.period_years", 5, "县处级以上培训学时计算周期", _PX, _Y),
    _p("training.senior.alt_months", 3, "县处级以上每五年脱产培训替代月数", _PX, _M),
    _p("training.junior.hours_per_year", 90, "乡科级及以下每年培训学时", _PX, _H),
    _p("training.junior.alt_days", 12, "乡科级及以下每年脱产培训替代天数", _PX, "天"),
    _p(
        "training.party_member.hours_per_year",
        32,
        "党员每年集中学习培训学时",
        "中国共产党党员教育管理工作条例(2019)；未经官方文本核实",
        _H,
        True,
    ),
    _p(
        "training.party_branch_leader.hours_per_year",
        56,
        "党支部书记和班子成员每年培训学时",
        "中国共产党党员教育管理工作条例(2019)；未经官方文本核实",
        _H,
        True,
    ),
    _p("training.new_recruit.within_months", 12, "新录用人员初任培训期限（试用期内）", _PX, _M),
    _p("training.promoted.grace_months", 12, "提任时未达学时的补训期限", _PX, _M),
]

ENTRIES: tuple[Param, ...] = (
    *_RETIREMENT,
    *_ID,
    *_AUDIT,
    *_SANCTION,
    *_CAP,
    *_ASSESSMENT,
    *_RANK,
    *_LEADERSHIP,
    *_EXCHANGE,
    *_TRAINING,
)
ENTRIES_BY_KEY: dict[str, Param] = {e.key: e for e in ENTRIES}
assert len(ENTRIES_BY_KEY) == len(ENTRIES), "duplicate parameter key"
