"""The editable parts of a cadre record: for each, its model, form, services and the columns
its list shows. The generic part views read this table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from cadre.core import codebook
from cadre.people import services
from cadre.people.forms import (
    AppointmentForm,
    AssessmentForm,
    EducationForm,
    FamilyForm,
    GradeForm,
    RankForm,
    ResumeForm,
    RewardForm,
    SanctionForm,
)
from cadre.people.forms.parts import PartForm
from cadre.people.identity import masked
from cadre.people.models import Cadre
from cadre.people.services.resume import resume_line
from cadre.posts import services as posts

Cell = Callable[[Any], str]


def _d(value: Any) -> str:
    return f"{value:%Y.%m.%d}" if value else ""


def _m(value: Any) -> str:
    return f"{value:%Y.%m}" if value else ""


def _code(table: str, attr: str) -> Cell:
    return lambda obj: codebook.name(table, getattr(obj, attr))


def _yes(attr: str, text: str = "是") -> Cell:
    return lambda obj: text if getattr(obj, attr) else ""


@dataclass(frozen=True)
class Row:
    item: Any
    cells: list[str]
    indent: bool = False
    movable: bool = True


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    form: type[PartForm]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    item_kw: str  # the keyword the services take the item by
    items: Callable[[Cadre], QuerySet[Any]]
    columns: list[tuple[str, Cell]]
    move: Callable[..., Any] | None = None
    hint: str = ""
    extra_initial: Callable[[Any], dict[str, Any]] = field(default=lambda obj: {})
    form_kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda obj: {})

    @property
    def movable(self) -> bool:
        return self.move is not None

    def rows(self, cadre: Cadre) -> list[Row]:
        items = list(self.items(cadre))
        if self.key != "resume":
            return [Row(i, [fn(i) for _, fn in self.columns]) for i in items]
        # Resume: each line followed by its （其间） sub-lines.
        children: dict[int, list[Any]] = {}
        for i in items:
            if i.parent_id is not None:
                children.setdefault(i.parent_id, []).append(i)
        rows: list[Row] = []
        for i in items:
            if i.parent_id is None:
                rows.append(Row(i, [fn(i) for _, fn in self.columns]))
                rows += [
                    Row(c, [fn(c) for _, fn in self.columns], indent=True)
                    for c in children.get(i.pk, [])
                ]
        return rows

    def initial(self, obj: Any) -> dict[str, Any]:
        names = [n for n in self.form.base_fields if n != "confirm"]
        data = {n: getattr(obj, n) for n in names if hasattr(obj, n)}
        if self.key == "appointments":
            data["unit"] = obj.unit_id
        if self.key == "resume":
            data["parent"] = obj.parent_id
        return {**data, **self.extra_initial(obj)}

    def get_item(self, cadre: Cadre, pk: int) -> Any:
        return self.items(cadre).get(pk=pk)


PARTS: dict[str, Part] = {
    p.key: p
    for p in [
        Part(
            key="education",
            label="学历学位",
            form=EducationForm,
            create=services.education_create,
            update=services.education_update,
            delete=services.education_delete,
            move=services.education_move,
            item_kw="education",
            items=lambda c: c.educations.order_by("sort", "id"),
            columns=[
                ("类别", lambda e: e.get_track_display()),
                ("学历", _code("education", "education")),
                ("学位", lambda e: e.degree_name or codebook.name("degree", e.degree)),
                ("毕业院校系及专业", lambda e: f"{e.school}{e.major}"),
                ("起止", lambda e: f"{_m(e.started_on)}--{_m(e.ended_on)}"),
            ],
            hint="全日制教育与在职教育分别填写；党校学历填在在职教育。",
        ),
        Part(
            key="resume",
            label="简历",
            form=ResumeForm,
            create=services.resume_entry_create,
            update=services.resume_entry_update,
            delete=services.resume_entry_delete,
            move=services.resume_entry_move,
            item_kw="entry",
            items=lambda c: c.resume_entries.order_by("sort", "started_on", "id"),
            columns=[("起止年月", resume_line), ("经历", lambda e: e.text)],
            hint="从大学学习或参加工作填起，前后衔接；“其间”经历选择所属经历。",
        ),
        Part(
            key="family",
            label="家庭成员及社会关系",
            form=FamilyForm,
            create=services.family_member_create,
            update=services.family_member_update,
            delete=services.family_member_delete,
            move=services.family_member_move,
            item_kw="member",
            items=lambda c: c.family_members.order_by("sort", "id"),
            columns=[
                ("称谓", _code("family_relation", "relation")),
                ("姓名", lambda m: m.name),
                ("出生年月", lambda m: _m(m.birth_date)),
                ("政治面貌", _code("political_status", "political_status")),
                ("工作单位及职务", lambda m: m.work_unit_position),
                (
                    "情况",
                    lambda m: "、".join(
                        t
                        for t, on in (
                            ("已去世", m.is_deceased),
                            ("已移居国（境）外", m.is_emigrated),
                        )
                        if on
                    ),
                ),
            ],
            form_kwargs=lambda m: {"masked_id": masked(m.id_number_cipher)},
        ),
        Part(
            key="appointments",
            label="任职情况",
            form=AppointmentForm,
            create=posts.appointment_create,
            update=posts.appointment_update,
            delete=posts.appointment_delete,
            move=posts.appointment_move,
            item_kw="appointment",
            items=lambda c: c.appointments.select_related("unit").order_by(
                "sort", "-started_on", "id"
            ),
            columns=[
                ("职务", lambda a: a.title),
                ("职务层次", _code("position_level", "position_level")),
                (
                    "类别",
                    lambda a: (
                        ("领导职务" if a.is_leading else "非领导职务")
                        + ("" if a.is_main else "（兼）")
                    ),
                ),
                ("任职时间", lambda a: _d(a.started_on)),
                ("免职时间", lambda a: _d(a.ended_on)),
                ("任职文号", lambda a: a.document_no),
                ("试用期满", lambda a: _d(a.probation_until)),
            ],
            hint="现任职务按此顺序（主要职务在前）生成；免职后填写免职时间。",
            extra_initial=lambda a: {"no_probation": a.probation_until is None},
        ),
        Part(
            key="ranks",
            label="职级",
            form=RankForm,
            create=posts.rank_create,
            update=posts.rank_update,
            delete=posts.rank_delete,
            item_kw="record",
            items=lambda c: c.ranks.order_by("-started_on", "id"),
            columns=[
                ("职级", _code("rank", "rank")),
                ("任职级时间", lambda r: _d(r.started_on)),
                ("终止时间", lambda r: _d(r.ended_on)),
                ("文号", lambda r: r.document_no),
            ],
        ),
        Part(
            key="grades",
            label="级别",
            form=GradeForm,
            create=posts.grade_create,
            update=posts.grade_update,
            delete=posts.grade_delete,
            item_kw="record",
            items=lambda c: c.grades.order_by("-started_on", "id"),
            columns=[
                ("级别", lambda g: f"{g.grade}级"),
                ("档次", lambda g: f"{g.step}档" if g.step else ""),
                ("起始时间", lambda g: _d(g.started_on)),
                ("终止时间", lambda g: _d(g.ended_on)),
                ("文号", lambda g: g.document_no),
            ],
        ),
        Part(
            key="assessments",
            label="年度考核",
            form=AssessmentForm,
            create=services.assessment_create,
            update=services.assessment_update,
            delete=services.assessment_delete,
            item_kw="assessment",
            items=lambda c: c.assessments.order_by("-year"),
            columns=[
                ("年度", lambda a: f"{a.year}年度"),
                ("考核结果", _code("assessment_grade", "grade")),
                ("经批准按25%", _yes("excellent_approved")),
                ("说明", lambda a: a.note),
            ],
            hint="优秀等次一般不超过本单位参加考核人数的20%，经批准可至25%（可配置口径）。",
        ),
        Part(
            key="rewards",
            label="奖励",
            form=RewardForm,
            create=services.reward_create,
            update=services.reward_update,
            delete=services.reward_delete,
            item_kw="reward",
            items=lambda c: c.rewards.order_by("-awarded_on", "id"),
            columns=[
                ("奖励种类", _code("reward", "kind")),
                ("奖励名称", lambda r: r.title),
                ("奖励时间", lambda r: _d(r.awarded_on)),
                ("批准机关", lambda r: r.issuer),
                ("文号", lambda r: r.document_no),
            ],
        ),
        Part(
            key="sanctions",
            label="处分",
            form=SanctionForm,
            create=services.sanction_create,
            update=services.sanction_update,
            delete=services.sanction_delete,
            item_kw="sanction",
            items=lambda c: c.sanctions.order_by("-effective_on", "id"),
            columns=[
                ("类别", _code("sanction_kind", "kind")),
                (
                    "处分种类",
                    lambda s: (
                        codebook.name("sanction_measure", s.measure)
                        + (f"（{s.observation_years}年）" if s.observation_years else "")
                    ),
                ),
                ("生效日期", lambda s: _d(s.effective_on)),
                ("事由", lambda s: s.reason),
                ("文号", lambda s: s.document_no),
                ("撤销日期", lambda s: _d(s.revoked_on)),
            ],
            hint="含政务处分、党纪处分、诫勉和组织处理；影响期按规定自动计算。",
        ),
    ]
}

PART_TABS: list[tuple[str, str]] = [
    ("basic", "基本信息"),
    *[(k, p.label) for k, p in PARTS.items()],
    ("photo", "照片"),
]
