"""The field registry: every field a combined query may test, with its Chinese label, type,
operators and extra options. The condition builder page reads it (``registry_json``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from cadre.analytics.query import builders as b
from cadre.analytics.query.spec import (
    BOOL_OPS,
    CODE_OPS,
    DATE_OPS,
    EXISTS_OPS,
    LEVEL_OP_LABELS,
    NUM_OPS,
    OP_LABELS,
    TEXT_OPS,
    TYPE_LABELS,
    UNIT_OPS,
    FieldSpec,
    Option,
)
from cadre.core import codebook
from cadre.core.codes import EDUCATION_LEVEL_NAMES
from cadre.people.models import Education, Reward, Sanction
from cadre.people.models import ResumeEntry as Resume
from cadre.posts.models import Appointment, RankRecord

BASIC, POSTS, EDU, MERIT, HISTORY, FAMILY = (
    "基本信息",
    "职务职级",
    "学历学位",
    "考核奖惩",
    "任职经历",
    "家庭成员",
)
LEVELS = tuple(sorted(EDUCATION_LEVEL_NAMES.items()))
LEVEL_OPS = ("lte", "gte", "eq", "ne", "lt", "gt", "in", "empty", "not_empty")
NULLABLE_NUM = (*NUM_OPS, "empty", "not_empty")
YEARS = Option("years", "统计近几年", "int", default=3, minimum=1, maximum=30)


def _f(
    key: str, label: str, group: str, type_: str, ops: tuple[str, ...], build: Any, **extra: Any
) -> FieldSpec:
    return FieldSpec(key, label, group, type_, ops, build, **extra)


FIELDS: tuple[FieldSpec, ...] = (
    _f("name", "姓名", BASIC, "text", TEXT_OPS[:5], b.column("name")),
    _f("gender", "性别", BASIC, "code", CODE_OPS[:4], b.column("gender"), table="gender"),
    _f("age", "年龄（周岁）", BASIC, "int", NUM_OPS, b.years_since("birth_date"), maximum=120),
    _f("birth_date", "出生日期", BASIC, "date", DATE_OPS[:6], b.column("birth_date", blank=None)),
    _f("ethnicity", "民族", BASIC, "code", CODE_OPS, b.column("ethnicity"), table="ethnicity"),
    _f("ethnic_minority", "少数民族", BASIC, "bool", BOOL_OPS, b.ethnic_minority),
    _f("native_place", "籍贯", BASIC, "text", TEXT_OPS, b.column("native_place")),
    _f("birthplace", "出生地", BASIC, "text", TEXT_OPS, b.column("birthplace")),
    _f(
        "political_status",
        "政治面貌",
        BASIC,
        "code",
        CODE_OPS[:4],
        b.column("political_status"),
        table="political_status",
    ),
    _f("is_cpc", "中共党员（含预备党员）", BASIC, "bool", BOOL_OPS, b.is_cpc),
    _f(
        "party_joined_on",
        "入党时间",
        BASIC,
        "date",
        DATE_OPS,
        b.column("party_joined_on", blank=None),
    ),
    _f(
        "party_years",
        "党龄（年，自入党时间）",
        BASIC,
        "int",
        NUM_OPS,
        b.years_since("party_joined_on"),
    ),
    _f(
        "work_started_on",
        "参加工作时间",
        BASIC,
        "date",
        DATE_OPS,
        b.column("work_started_on", blank=None),
    ),
    _f("work_years", "工龄（年）", BASIC, "int", NUM_OPS, b.years_since("work_started_on")),
    _f(
        "staff_category",
        "人员类别",
        BASIC,
        "code",
        CODE_OPS[:4],
        b.column("staff_category"),
        table="staff_category",
    ),
    _f("status", "管理状态", BASIC, "code", CODE_OPS[:4], b.column("status"), table="status"),
    _f(
        "unit",
        "所在单位",
        BASIC,
        "unit",
        UNIT_OPS,
        b.unit_field,
        help="填写单位代码；“属于”含其下级单位",
    ),
    _f(
        "unit_kind",
        "所在单位类别",
        BASIC,
        "code",
        CODE_OPS[:4],
        b.column("unit__kind"),
        table="unit_kind",
    ),
    _f(
        "in_township",
        "在乡镇（街道）工作",
        BASIC,
        "bool",
        BOOL_OPS,
        b.in_township,
        help="所在单位为乡镇、街道或其内设机构",
    ),
    _f(
        "professional_title",
        "专业技术职务",
        BASIC,
        "text",
        TEXT_OPS,
        b.column("professional_title"),
    ),
    _f("specialty", "熟悉专业有何专长", BASIC, "text", TEXT_OPS, b.column("specialty")),
    _f("retire_month", "到龄年月", BASIC, "date", DATE_OPS, b.column("retire_month", blank=None)),
    # 职务职级 (current, from the derived columns)
    _f("current_position", "现任职务", POSTS, "text", TEXT_OPS, b.column("current_position")),
    _f(
        "position_level",
        "职务层次",
        POSTS,
        "code",
        CODE_OPS,
        b.column("position_level"),
        table="position_level",
    ),
    _f("is_leader", "担任领导职务", POSTS, "bool", BOOL_OPS, b.flag(Q(is_leader=True))),
    _f(
        "position_years", "任现职年限（年）", POSTS, "int", NUM_OPS, b.years_since("position_since")
    ),
    _f(
        "position_level_years",
        "任现职务层次年限（年）",
        POSTS,
        "int",
        NUM_OPS,
        b.years_since("position_level_since"),
    ),
    _f("rank", "职级", POSTS, "code", CODE_OPS, b.column("rank"), table="rank"),
    _f("rank_years", "任现职级年限（年）", POSTS, "int", NUM_OPS, b.years_since("rank_since")),
    # 学历学位
    _f(
        "education_level",
        "最高学历层次",
        EDU,
        "level",
        LEVEL_OPS,
        b.column("education_level", blank=None),
        choices=LEVELS,
    ),
    _f("education", "最高学历", EDU, "code", CODE_OPS, b.column("education"), table="education"),
    _f(
        "full_time_education_level",
        "全日制学历层次",
        EDU,
        "level",
        LEVEL_OPS,
        b.column("full_time_education_level", blank=None),
        choices=LEVELS,
    ),
    _f(
        "full_time_education",
        "全日制学历",
        EDU,
        "code",
        CODE_OPS,
        b.column("full_time_education"),
        table="education",
    ),
    _f(
        "in_service_education_level",
        "在职教育学历层次",
        EDU,
        "level",
        LEVEL_OPS,
        b.in_service_level,
        choices=LEVELS,
    ),
    _f(
        "degree",
        "学位（任一学历）",
        EDU,
        "code",
        CODE_OPS[:2],
        b.related_code(Education, "degree"),
        table="degree",
    ),
    _f("school", "毕业院校", EDU, "text", TEXT_OPS[:2], b.related_text(Education, "school")),
    _f("major", "所学专业", EDU, "text", TEXT_OPS[:2], b.related_text(Education, "major")),
    # 考核奖惩
    _f(
        "excellent_count",
        "年度考核优秀次数",
        MERIT,
        "int",
        NUM_OPS,
        b.assessment_count("1"),
        options=(YEARS,),
        help="统计今年以前若干个年度",
        maximum=30,
    ),
    _f(
        "assessment_count",
        "年度考核某等次次数",
        MERIT,
        "int",
        NUM_OPS,
        b.assessment_count(),
        options=(Option("grade", "考核等次", "code", table="assessment_grade"), YEARS),
        maximum=30,
    ),
    _f(
        "assessment_grade",
        "某年度考核结果",
        MERIT,
        "code",
        CODE_OPS,
        b.assessment_grade,
        table="assessment_grade",
        options=(Option("year", "年度（默认上一年度）", "int", minimum=1949, maximum=2100),),
    ),
    _f(
        "reward_count",
        "奖励次数",
        MERIT,
        "int",
        NUM_OPS,
        b.reward_count,
        options=(
            Option("kind", "奖励种类（可选）", "code", table="reward"),
            Option("years", "近几年（可选）", "int", minimum=1, maximum=50),
        ),
    ),
    _f(
        "ever_reward",
        "受过奖励",
        MERIT,
        "code",
        ("in", "not_in", "not_empty", "empty"),
        b.related_code(Reward, "kind", years_column="awarded_on"),
        table="reward",
        options=(Option("years", "近几年（可选）", "int", minimum=1, maximum=50),),
    ),
    _f(
        "ever_sanction",
        "受过处分或处理",
        MERIT,
        "code",
        ("in", "not_in", "not_empty", "empty"),
        b.related_code(Sanction, "measure", years_column="effective_on"),
        table="sanction_measure",
        options=(Option("years", "近几年（可选）", "int", minimum=1, maximum=50),),
    ),
    _f(
        "no_influence_period",
        "无影响期（处分、诫勉、组织处理）",
        MERIT,
        "bool",
        BOOL_OPS,
        b.no_influence_period,
        help="影响期按政策口径参数计算",
    ),
    # 任职经历 (history)
    _f(
        "appointment",
        "任职经历（组合条件）",
        HISTORY,
        "appointment",
        EXISTS_OPS,
        b.appointment,
        help="同一任职同时满足所填各项，如：在乡镇任过党委书记满2年",
    ),
    _f(
        "ever_position_title",
        "曾任职务名称",
        HISTORY,
        "text",
        TEXT_OPS[:2],
        b.related_text(Appointment, "title"),
    ),
    _f(
        "ever_position_level",
        "曾任职务层次",
        HISTORY,
        "code",
        CODE_OPS[:2],
        b.related_code(Appointment, "position_level"),
        table="position_level",
    ),
    _f(
        "ever_unit_kind",
        "曾在此类单位任职",
        HISTORY,
        "code",
        CODE_OPS[:2],
        b.related_code(Appointment, "unit__kind"),
        table="unit_kind",
    ),
    _f(
        "ever_rank",
        "曾任职级",
        HISTORY,
        "code",
        CODE_OPS[:2],
        b.related_code(RankRecord, "rank"),
        table="rank",
    ),
    _f("resume_text", "简历内容", HISTORY, "text", TEXT_OPS[:2], b.related_text(Resume, "text")),
    # 家庭成员
    _f(
        "family_emigrated",
        "有家庭成员移居国（境）外",
        FAMILY,
        "bool",
        BOOL_OPS,
        b.family_emigrated(False),
    ),
    _f(
        "spouse_emigrated", "配偶移居国（境）外", FAMILY, "bool", BOOL_OPS, b.family_emigrated(True)
    ),
)
FIELDS_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in FIELDS}
assert len(FIELDS_BY_KEY) == len(FIELDS), "duplicate field key"

APPOINTMENT_PARTS: tuple[tuple[str, str, str, str], ...] = (
    # key, label, type, code table
    ("title_contains", "职务名称包含", "text", ""),
    ("unit_kind", "任职单位类别", "codes", "unit_kind"),
    ("unit", "任职单位（单位代码）", "unit", ""),
    ("unit_tree", "任职单位含下级（单位代码）", "unit", ""),
    ("position_level", "职务层次", "codes", "position_level"),
    ("is_leading", "领导职务", "bool", ""),
    ("current", "现任（是）/已免（否）", "bool", ""),
    ("min_years", "任职满几年", "int", ""),
    ("started_from", "任职时间不早于", "date", ""),
    ("started_to", "任职时间不晚于", "date", ""),
)


def _choices(spec: FieldSpec) -> list[list[Any]]:
    if spec.table:
        return [[c, n] for c, n in codebook.choices(spec.table)]
    return [[v, n] for v, n in spec.choices]


def registry_json() -> dict[str, Any]:
    """The registry as plain data for the condition builder (and the docs)."""
    fields = []
    for spec in FIELDS:
        labels = LEVEL_OP_LABELS if spec.type == "level" else OP_LABELS
        fields.append(
            {
                "key": spec.key,
                "label": spec.label,
                "group": spec.group,
                "type": spec.type,
                "type_label": TYPE_LABELS[spec.type],
                "ops": [[op, labels[op]] for op in spec.ops],
                "choices": _choices(spec),
                "options": [
                    {**o.as_dict(), "choices": [list(c) for c in codebook.choices(o.table)]}
                    if o.table
                    else o.as_dict()
                    for o in spec.options
                ],
                "help": spec.help,
            }
        )
    parts = [
        {"key": k, "label": lbl, "type": t, "choices": [list(c) for c in codebook.choices(tbl)]}
        for k, lbl, t, tbl in APPOINTMENT_PARTS
    ]
    return {"fields": fields, "appointment_parts": parts}
