"""Column names as rosters spell them, mapped to the fields of a cadre (synonyms)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from cadre.interchange.values import folded

# field → (label shown to users, the names seen in real rosters). Matching ignores white
# space, full-width forms and a trailing parenthesis ("出生年月（岁）").
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "seq": ("序号", ("序号", "编号", "顺序号")),
    "name": ("姓名", ("姓名", "干部姓名", "名字", "人员姓名")),
    "gender": ("性别", ("性别",)),
    "birth_date": (
        "出生年月",
        ("出生年月", "出生日期", "出生年月日", "出生时间", "生日", "出生年月岁"),
    ),
    "age": ("年龄", ("年龄", "现年龄")),
    "id_number": (
        "身份证号",
        (
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "公民身份证号",
            "公民身份证号码",
            "身份证",
            "证件号码",
        ),
    ),
    "ethnicity": ("民族", ("民族",)),
    "native_place": ("籍贯", ("籍贯",)),
    "birthplace": ("出生地", ("出生地", "出生地点")),
    "political_status": ("政治面貌", ("政治面貌", "党派", "政治面目")),
    "party_joined_on": ("入党时间", ("入党时间", "入党年月", "入党日期")),
    "work_started_on": (
        "参加工作时间",
        ("参加工作时间", "参加工作年月", "参加工作日期", "工作时间"),
    ),
    "health": ("健康状况", ("健康状况", "健康状态")),
    "professional_title": (
        "专业技术职务",
        ("专业技术职务", "职称", "专业技术职称", "专技职务"),
    ),
    "specialty": ("熟悉专业有何专长", ("熟悉专业有何专长", "专长", "熟悉专业")),
    "staff_category": ("人员类别", ("人员类别", "身份类别", "人员身份")),
    "status": ("管理状态", ("管理状态", "人员状态", "在职状态")),
    "unit": ("单位", ("单位", "工作单位", "所在单位", "单位名称", "单位全称", "单位代码")),
    "current_position": ("现任职务", ("现任职务", "职务", "现职务", "现任职务全称")),
    "position_level": ("职务层次", ("职务层次", "职务级别", "现职务层次")),
    "position_since": (
        "任现职时间",
        ("任现职时间", "任现职务时间", "现职时间", "任职时间", "任现职年月"),
    ),
    "rank": ("职级", ("职级", "现职级")),
    "rank_since": ("任现职级时间", ("任现职级时间", "任职级时间", "职级时间")),
    "full_time_education": (
        "全日制学历",
        ("全日制学历", "全日制教育学历", "学历学位全日制教育", "学历全日制", "全日制教育"),
    ),
    "full_time_degree": ("全日制学位", ("全日制学位", "全日制教育学位", "学位全日制")),
    "full_time_school": (
        "全日制毕业院校系及专业",
        ("全日制毕业院校系及专业", "全日制毕业院校", "毕业院校全日制", "毕业院校系及专业全日制"),
    ),
    "in_service_education": (
        "在职学历",
        ("在职学历", "在职教育学历", "学历学位在职教育", "学历在职", "在职教育"),
    ),
    "in_service_degree": ("在职学位", ("在职学位", "在职教育学位", "学位在职")),
    "in_service_school": (
        "在职毕业院校系及专业",
        ("在职毕业院校系及专业", "在职毕业院校", "毕业院校在职", "毕业院校系及专业在职"),
    ),
    "education": ("学历", ("学历", "最高学历", "文化程度")),
    "degree": ("学位", ("学位", "最高学位")),
    "remarks": ("备注", ("备注", "说明")),
}

# Recognized but never written: they are computed from the record.
DERIVED_ONLY = frozenset({"seq", "age"})

_PAREN = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]$")


def header_key(label: object) -> str:
    """The comparable form of a header: NFKC, no spaces, no trailing "(…)" or ":"."""
    key = folded(label).rstrip(":：*")
    # "全日制教育 / 学历" and "全日制 / 学历" name the same column.
    return key.replace("全日制教育", "全日制").replace("在职教育", "在职")


_LOOKUP: dict[str, str] = {}
for _field, (_label, _names) in COLUMNS.items():
    for _n in _names:
        _LOOKUP[header_key(_n)] = _field


# What a user chose for headers the synonyms do not know: header_key(label) → field, or ""
# for a column not to import.
HeaderChoices = Mapping[str, str]

# The fields a user may choose for a header: everything an import reads.
CHOOSABLE = tuple(f for f in COLUMNS if f not in DERIVED_ONLY)


def field_for(label: object, chosen: HeaderChoices | None = None) -> str | None:
    """The field a header names (the user's choice first, then the synonyms), or None."""
    key = header_key(label)
    if not key:
        return None
    if chosen and key in chosen:
        return chosen[key] or None
    if key in _LOOKUP:
        return _LOOKUP[key]
    bare = _PAREN.sub("", key)
    if bare != key and bare in _LOOKUP:
        return _LOOKUP[bare]
    return None


def label(field: str) -> str:
    return COLUMNS[field][0]


NOT_IMPORTED = "不导入"


def header_choice(text: str) -> tuple[str, str]:
    """ "岗位=现任职务" (or "爱好=不导入") → (header_key("岗位"), "current_position"): a
    choice as the command line takes it; ValueError (Chinese) for anything else."""
    header, sep, target = text.partition("=")
    key = header_key(header)
    if not sep or not key:
        raise ValueError(f"表头设置“{text}”应写作“表头=项目”，如“岗位=现任职务”")
    if folded(target) == NOT_IMPORTED:
        return key, ""
    f = field_for(target)
    if f is None or f not in CHOOSABLE:
        raise ValueError(
            f"“{target}”不是可导入的项目，可选：{'、'.join(label(c) for c in CHOOSABLE)}"
        )
    return key, f
