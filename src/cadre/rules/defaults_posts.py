"""Registry entries for posts: ranks, leadership, exchange and training (RULES.md §6–§9)."""

from __future__ import annotations

from cadre.rules.defaults_base import (
    _BX,
    _D,
    _H,
    _JL,
    _M,
    _N,
    _PX,
    _QUOTA,
    _XB,
    _Y,
    EDUCATION_CHOICES,
    GRADE_CHOICES,
    _p,
    _r,
    _s,
)
from cadre.rules.params import Param

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

POST_ENTRIES: tuple[Param, ...] = (*_RANK, *_LEADERSHIP, *_EXCHANGE, *_TRAINING)
