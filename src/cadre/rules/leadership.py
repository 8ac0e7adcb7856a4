"""Leadership promotion (§7, 党政领导干部选拔任用工作条例 2019): qualifications and bars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from cadre.rules.ages import completed_years
from cadre.rules.assessment import normalize_grade
from cadre.rules.errors import Finding, RulesError
from cadre.rules.params import Params, resolve

# Position levels (职务层次), low to high.
LEVELS = (
    "乡科级副职", "乡科级正职", "县处级副职", "县处级正职",
    "厅局级副职", "厅局级正职", "省部级副职", "省部级正职",
)  # fmt: skip
COUNTY_DEPUTY = LEVELS.index("县处级副职")
BUREAU_DEPUTY = LEVELS.index("厅局级副职")

# Education levels, low to high, with accepted spellings.
EDUCATION_ORDER = ("初中", "高中", "中专", "大专", "本科", "硕士研究生", "博士研究生")
_EDU_ALIASES = {
    "小学": "初中", "初中及以下": "初中", "中等专科": "中专", "技工学校": "中专",
    "职业高中": "高中", "大学专科": "大专", "专科": "大专", "大学本科": "本科",
    "研究生": "硕士研究生", "硕士": "硕士研究生", "博士": "博士研究生",
}  # fmt: skip


def level_index(level: str) -> int:
    try:
        return LEVELS.index(level.strip())
    except ValueError:
        raise RulesError(f"未知的职务层次：“{level}”") from None


def education_index(level: str) -> int:
    name = _EDU_ALIASES.get(level.strip(), level.strip())
    try:
        return EDUCATION_ORDER.index(name)
    except ValueError:
        raise RulesError(f"未知的学历：“{level}”") from None


@dataclass(frozen=True)
class Candidate:
    """Plain facts about a candidate for a leadership post."""

    target_level: str
    current_level: str | None  # None: not yet in a leadership post
    current_level_since: date | None
    work_started_on: date
    grassroots_months: int
    lower_level_posts: int  # posts held at the level just below the target
    education: str
    training_met: bool
    as_of: date


def basic_qualifications(c: Candidate, params: Params | None = None) -> list[Finding]:
    """Art. 8 basic qualifications; errors bar the promotion, warnings need a justification."""
    p = resolve(params)
    out: list[Finding] = []
    target = level_index(c.target_level)
    if target >= COUNTY_DEPUTY:
        need = p.get_int("leadership.county.min_work_years")
        have = completed_years(c.work_started_on, c.as_of)
        if have < need:
            out.append(
                Finding("work_years", f"提任县处级以上领导职务须有{need}年以上工龄，现为{have}年")
            )
        need_g = p.get_int("leadership.county.min_grassroots_years")
        if c.grassroots_months < need_g * 12:
            out.append(
                Finding(
                    "grassroots", f"须有{need_g}年以上基层工作经历，现为{c.grassroots_months}个月"
                )
            )
        posts = p.get_int("leadership.county.lower_level_posts")
        if c.lower_level_posts < posts:
            out.append(
                Finding("lower_posts", f"一般应具有在下一级{posts}个以上职位任职的经历，"
                        f"现为{c.lower_level_posts}个", "warning")
            )  # fmt: skip
    if c.current_level is not None and c.current_level_since is not None:
        cur = level_index(c.current_level)
        held = completed_years(c.current_level_since, c.as_of)
        if cur % 2 == 0 and target == cur + 1:
            need = p.get_int("leadership.deputy_to_principal.min_years")
            if held < need:
                out.append(
                    Finding("deputy_years", f"由副职提任正职须任副职{need}年以上，现为{held}年")
                )
        elif cur % 2 == 1 and target == cur + 1:
            need = p.get_int("leadership.principal_to_upper_deputy.min_years")
            if held < need:
                out.append(
                    Finding(
                        "principal_years",
                        f"由下级正职提任上级副职须任下级正职{need}年以上，现为{held}年",
                    )
                )
        elif target > cur + 1:
            out.append(Finding("skip_level", "提任职务跨越层次，须按破格提拔程序办理"))
    key = (
        "leadership.education.bureau_min_level"
        if target >= BUREAU_DEPUTY
        else ("leadership.education.min_level")
    )
    need_edu = p.get_str(key)
    if education_index(c.education) < education_index(need_edu):
        out.append(Finding("education", f"须具有{need_edu}以上文化程度，现为{c.education}"))
    if not c.training_met:
        grace = p.get_int("leadership.training.grace_years")
        out.append(Finding("training", f"培训学时未达到要求，应在提任后{grace}年内完成", "warning"))
    return out


def vetting_bars(
    *,
    previous_year_grade: str | None,
    influence_running: bool,
    influence_ends_on: date | None = None,
    has_spouse: bool = True,
    spouse_emigrated: bool = False,
    all_children_emigrated: bool = False,
    special_post: bool = False,
    params: Params | None = None,
) -> list[Finding]:
    """Art. 24: reasons a cadre may not be listed as a vetting candidate (考察对象)."""
    p = resolve(params)
    out: list[Finding] = []
    if previous_year_grade is not None:
        grade = normalize_grade(previous_year_grade)
        bar = p.get_str("leadership.vetting.bar_grade")
        barred = {"基本称职": ("基本称职", "不称职"), "称职": ("称职", "基本称职", "不称职")}.get(
            bar, (bar, "不称职")
        )
        if grade in barred:
            out.append(Finding("previous_grade", f"上一年度考核{grade}，不得列为考察对象"))
    if influence_running:
        until = f"（至{influence_ends_on.isoformat()}）" if influence_ends_on else ""
        out.append(Finding("influence", f"处分、诫勉或组织处理影响期未满{until}，不得列为考察对象"))
    emigrated = spouse_emigrated if has_spouse else all_children_emigrated
    if emigrated and not special_post:
        who = "配偶已移居国（境）外" if has_spouse else "没有配偶，子女均已移居国（境）外"
        out.append(Finding("emigrated", f"{who}，不得列为考察对象"))
    return out


def exceptional_promotion_checks(
    *,
    levels_up: int,
    months_since_last_promotion: int | None,
    in_probation: bool,
    previous_promotion_exceptional_on_tenure: bool,
    params: Params | None = None,
) -> list[Finding]:
    """破格提拔: never two levels at once, never within 1 year of the last promotion or during
    probation, never twice in a row on tenure."""
    p = resolve(params)
    out: list[Finding] = []
    max_levels = p.get_int("leadership.exceptional.max_levels")
    if levels_up > max_levels:
        out.append(
            Finding("exceptional_levels", f"破格提拔不得越级提拔（一次最多{max_levels}个层次）")
        )
    gap = p.get_int("leadership.exceptional.min_months_since_promotion")
    if months_since_last_promotion is not None and months_since_last_promotion < gap:
        out.append(Finding("exceptional_interval", f"距上次提拔不满{gap}个月，不得破格提拔"))
    if in_probation:
        out.append(Finding("exceptional_probation", "试用期内不得破格提拔"))
    if previous_promotion_exceptional_on_tenure:
        out.append(Finding("exceptional_twice", "不得连续任职年限破格"))
    return out


def decision_passes(
    members: int, present: int, votes_for: int, params: Params | None = None
) -> tuple[bool, list[str]]:
    """讨论决定: quorum of 2/3 present; passes with more than half of all members."""
    p = resolve(params)
    if members <= 0 or not 0 <= present <= members or not 0 <= votes_for <= present:
        raise RulesError("应到、实到人数和同意票数不合理")
    quorum = p.get_ratio("leadership.decision.quorum_ratio")
    half = p.get_ratio("leadership.decision.pass_ratio")
    reasons: list[str] = []
    ok = True
    if Fraction(present, members) < quorum:
        ok = False
        reasons.append(f"到会{present}人，未达到应到会成员{members}人的{quorum}，不得讨论决定")
    if Fraction(votes_for, members) <= half:
        ok = False
        reasons.append(f"同意{votes_for}票，未超过应到会成员{members}人的半数")
    if ok:
        reasons.append(f"到会{present}人，同意{votes_for}票，超过应到会成员半数，通过")
    return ok, reasons
