"""Registry entries: the default figures of RULES.md with their sources (§1–§5 here,
§6–§9 in defaults_posts).

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
    "附件《国务院关于渐进式延迟法定退休年龄的办法》第一条及对照表"
)
_FLEX = (
    "全国人大常委会关于实施渐进式延迟法定退休年龄的决定(2024) "
    "附件《国务院关于渐进式延迟法定退休年龄的办法》第三条、第四条"
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
    _p("retirement.flexible.max_years", 3, "弹性退休最多提前或推迟年数", _FLEX, _Y),
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

BASE_ENTRIES: tuple[Param, ...] = (
    *_RETIREMENT,
    *_ID,
    *_AUDIT,
    *_SANCTION,
    *_CAP,
    *_ASSESSMENT,
)
