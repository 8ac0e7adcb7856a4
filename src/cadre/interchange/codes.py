"""Names as people write them → stored codes (男 → "1", 党员 → "01", 本科 → "21")."""

from __future__ import annotations

from cadre.core import codebook
from cadre.interchange.values import folded

# Spellings seen in rosters and LRMX files that are not the code table's own names.
ALIASES: dict[str, dict[str, str]] = {
    "gender": {"男性": "1", "女性": "2"},
    "political_status": {
        "党员": "01",
        "中共": "01",
        "共产党员": "01",
        "中国共产党党员": "01",
        "预备党员": "02",
        "中共预备": "02",
        "团员": "03",
        "共青团": "03",
        "无党派": "12",
        "民主人士": "12",
        "农工党": "08",
        "致公党": "09",
    },
    "health": {"良好": "1", "好": "1", "身体健康": "1"},
    "staff_category": {
        "公务员": "11",
        "综合管理类": "11",
        "专业技术类": "12",
        "行政执法类": "13",
        "参公": "20",
        "参照管理": "20",
        "参照公务员法管理人员": "20",
        "参公人员": "20",
        "事业单位管理人员": "30",
        "事业管理人员": "30",
        "事业单位专业技术人员": "31",
        "事业专技人员": "31",
        "工勤人员": "40",
        "机关工勤": "40",
    },
    "status": {
        "在职": "1",
        "在岗": "1",
        "退休": "2",
        "离休": "2",
        "离退休": "2",
        "调离": "3",
        "去世": "4",
        "死亡": "4",
        "已故": "4",
    },
    "education": {
        "博士": "11",
        "硕士": "14",
        "研究生": "14",
        "本科": "21",
        "大学": "21",
        "大专": "31",
        "专科": "31",
        "中央党校大专": "3A",
        "省委党校大专": "3A",
        "技校": "47",
        "职高": "41",
        "中等专科": "41",
    },
    "family_relation": {"配偶": "", "爱人": "", "夫": "11", "妻": "12", "子": "20", "女": "30"},
}


def code_of(table: str, value: object) -> str | None:
    """The code for a name, a code, or a known alias; None when none fits."""
    raw = folded(value)
    if not raw:
        return None
    code = codebook.code_for(table, raw)
    if code is not None:
        return code
    alias = ALIASES.get(table, {}).get(raw)
    if alias:
        return alias
    if table == "ethnicity" and not raw.endswith("族"):
        return codebook.code_for(table, raw + "族")
    if table == "political_status":
        for c in codebook.codes(table):
            if codebook.attrs(table, c).get("short") == raw and c != "02":
                return c
    if table == "education":
        for c in codebook.codes(table):
            if codebook.attrs(table, c).get("adform") == raw:
                return c
    return None


def choices_text(table: str, limit: int = 12) -> str:
    names = [n for _c, n in codebook.choices(table)]
    more = "等" if len(names) > limit else ""
    return "、".join(names[:limit]) + more


def degree_code(value: object) -> str | None:
    """学位 code from a degree's name ("理学学士" → "4")."""
    raw = folded(value)
    for word, code in (("博士", "2"), ("硕士", "3"), ("学士", "4")):
        if word in raw:
            return code
    return None
