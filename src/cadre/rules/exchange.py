"""Exchange and avoidance (§8): tenure limits, kinship classes, kinship and regional avoidance."""

from __future__ import annotations

from datetime import date

from cadre.rules.ages import completed_years
from cadre.rules.errors import Finding
from cadre.rules.params import Params, resolve

SPOUSE, LINEAL, COLLATERAL, IN_LAW = "夫妻", "直系血亲", "三代以内旁系血亲", "近姻亲"
KINSHIP_CLASSES = (SPOUSE, LINEAL, COLLATERAL, IN_LAW)

# GB/T 4761 家庭关系 names and common spellings → avoidance class (公务员回避规定).
_KINSHIP_NAMES: dict[str, tuple[str, ...]] = {
    SPOUSE: ("配偶", "丈夫", "妻子", "夫", "妻", "爱人", "老公", "老婆"),
    LINEAL: (
        "父亲", "母亲", "父", "母", "父母", "爸爸", "妈妈", "养父", "养母", "继父", "继母",
        "儿子", "女儿", "子", "女", "子女", "独生子", "独生女", "长子", "次子", "三子", "四子",
        "五子", "其他儿子", "长女", "次女", "三女", "四女", "五女", "其他女儿", "养子", "养女",
        "继子", "继女", "祖父", "祖母", "爷爷", "奶奶", "外祖父", "外祖母", "外公", "外婆",
        "姥爷", "姥姥", "孙子", "孙女", "外孙子", "外孙女", "外孙", "曾祖父", "曾祖母",
        "曾外祖父", "曾外祖母", "曾孙子", "曾孙女", "曾外孙子", "曾外孙女",
    ),
    COLLATERAL: (
        "兄", "哥哥", "姐", "姐姐", "弟", "弟弟", "妹", "妹妹", "兄弟", "姐妹", "兄弟姐妹",
        "胞兄", "胞弟", "胞姐", "胞妹", "伯父", "伯伯", "叔父", "叔叔", "舅父", "舅舅",
        "姑母", "姑妈", "姑姑", "姨母", "姨妈", "阿姨", "堂兄", "堂哥", "堂弟", "堂姐",
        "堂妹", "堂兄弟", "堂姐妹", "表兄", "表哥", "表弟", "表姐", "表妹", "表兄弟",
        "表姐妹", "侄子", "侄女", "外甥", "外甥女",
    ),
    IN_LAW: (
        "岳父", "岳母", "公公", "婆婆", "配偶父亲", "配偶母亲", "配偶父母", "丈人", "丈母娘",
        "大伯子", "小叔子", "大姑子", "小姑子", "内兄", "内弟", "大姨子", "小姨子", "妻兄",
        "妻弟", "妻姐", "妻妹", "夫兄", "夫弟", "夫姐", "夫妹", "配偶兄弟姐妹", "连襟",
        "妯娌", "儿媳", "儿媳妇", "女婿", "亲家", "亲家公", "亲家母", "嫂子", "嫂嫂", "嫂",
        "弟媳", "弟媳妇", "弟妹", "姐夫", "妹夫", "伯母", "婶母", "婶婶", "舅母", "舅妈",
        "姑父", "姑夫", "姨父", "姨夫", "侄媳", "侄媳妇", "侄女婿", "外甥媳妇", "外甥女婿",
        "堂嫂", "堂弟媳", "堂姐夫", "堂妹夫", "表嫂", "表弟媳", "表姐夫", "表妹夫",
    ),
}  # fmt: skip
_KINSHIP = {name: cls for cls, names in _KINSHIP_NAMES.items() for name in names}


def kinship_class(relation: str) -> str | None:
    """夫妻 / 直系血亲 / 三代以内旁系血亲 / 近姻亲 for a relation name; None when not covered."""
    return _KINSHIP.get(relation.strip().replace(" ", ""))


def kinship_avoidance(
    relation: str,
    *,
    direct_superior_subordinate: bool = False,
    same_leader: bool = False,
    sensitive_department_under_relative: bool = False,
) -> list[Finding]:
    """公务员法 第七十四条: posts that kin in avoidance classes may not hold together.

    ``sensitive_department_under_relative``: one works in 组织人事、纪检监察、审计、财务 of
    an organ where the other is a leader.
    """
    cls = kinship_class(relation)
    if cls is None:
        return []
    out: list[Finding] = []
    who = f"与{relation}（{cls}）"
    if direct_superior_subordinate:
        out.append(Finding("kinship_superior", f"{who}在同一机关存在直接上下级领导关系，应当回避"))
    if same_leader:
        out.append(Finding("kinship_same_leader", f"{who}在同一领导人员直接领导下工作，应当回避"))
    if sensitive_department_under_relative:
        out.append(
            Finding(
                "kinship_sensitive",
                f"{who}一方担任领导，另一方在其机关从事组织人事、纪检监察、审计、财务工作，应当回避",
            )
        )
    return out


# 党政领导干部任职回避暂行规定: 正职 a cadre may not hold in the county where they grew up.
REGIONAL_ORGANS: dict[str, tuple[str, ...]] = {
    "党委": ("县委", "区委", "市委", "党委"),
    "政府": ("人民政府", "县政府", "区政府", "市政府", "政府"),
    "纪委监委": ("纪委", "监委", "纪律检查委员会", "监察委员会"),
    "组织部": ("组织部",),
    "法院": ("法院",),
    "检察院": ("检察院",),
    "公安": ("公安",),
}


def regional_avoidance(
    *, post_county: str, post_organ: str, principal: bool, grew_up_county: str | None
) -> list[Finding]:
    """Flag a 正职 of a county's key organ held by a cadre who grew up in that county."""
    if not principal or not grew_up_county or post_county.strip() != grew_up_county.strip():
        return []
    for kind, words in REGIONAL_ORGANS.items():
        if any(w in post_organ for w in words):
            return [
                Finding(
                    "regional_avoidance",
                    f"不得在本人成长地（{grew_up_county}）担任{kind}正职，应当地域回避",
                )
            ]
    return []


def tenure_checks(
    *,
    as_of: date,
    same_post_since: date | None = None,
    same_post_terms: int | None = None,
    same_level_area_since: date | None = None,
    same_level_total_months: int | None = None,
    key_post_since: date | None = None,
    local_leadership_member: bool = True,
    params: Params | None = None,
) -> list[Finding]:
    """Tenure limits: 10 years same post (must exchange), 10 years same level in one area
    (should), two terms same post, 15 years same level, key-post rotation (configurable)."""
    p = resolve(params)
    out: list[Finding] = []
    if same_post_since is not None:
        years = completed_years(same_post_since, as_of)
        limit = p.get_int("exchange.same_post.must_exchange_years")
        if years >= limit and local_leadership_member:
            out.append(
                Finding("same_post_10y", f"在同一职位任职满{limit}年（已{years}年），必须交流")
            )
        if same_post_terms is None:
            same_post_terms = years // p.get_int("exchange.term_years")
    max_terms = p.get_int("exchange.max_terms")
    if same_post_terms is not None and same_post_terms >= max_terms:
        out.append(
            Finding("two_terms", f"在同一职位连续任职已满{max_terms}个任期，不再推荐提名该职位")
        )
    if same_level_area_since is not None:
        years = completed_years(same_level_area_since, as_of)
        limit = p.get_int("exchange.same_level_area.should_exchange_years")
        if years >= limit:
            out.append(
                Finding("same_area_10y", f"在同一地区同一层次任职满{limit}年，应当交流", "warning")
            )
    if same_level_total_months is not None:
        limit = p.get_int("exchange.same_level.max_years")
        if same_level_total_months >= limit * 12:
            out.append(
                Finding(
                    "same_level_15y", f"在同一层次领导职务累计任职满{limit}年，不再担任同层次职务"
                )
            )
    if key_post_since is not None:
        years = completed_years(key_post_since, as_of)
        limit = p.get_int("exchange.key_post.rotation_years")
        if years >= limit:
            note = p.note("exchange.key_post.rotation_years")
            out.append(
                Finding(
                    "key_post_rotation", f"在重点岗位任职满{limit}年{note}，应当轮岗", "warning"
                )
            )
    return out
