"""The profile's tabs: what each loads and the context its panel renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

from cadre.core.models import AuditEntry
from cadre.org.models import Unit
from cadre.people.identity import reveal
from cadre.people.models import Cadre
from cadre.people.presenters import panels
from cadre.people.presenters.assessments import assessment_summary, grade_names
from cadre.people.presenters.family import family_rows
from cadre.people.presenters.history import CHANGE_ACTIONS, history_item, unit_ids
from cadre.people.presenters.policy import analyse
from cadre.people.presenters.resume import resume_display
from cadre.people.presenters.rewards import rewards_text
from cadre.rules.assessment import assessment_consequences
from cadre.rules.errors import RulesError
from cadre.rules.params import Params

HISTORY_PAGE_SIZE = 20


@dataclass(frozen=True)
class Tab:
    slug: str
    label: str
    parts: tuple[str, ...]
    edits: tuple[tuple[str, str], ...]  # (link text, path under /cadres/<id>/edit/)


TABS: tuple[Tab, ...] = (
    Tab("basic", "基本信息", (), (("编辑基本信息", ""),)),
    Tab("education", "学历学位", ("educations",), (("编辑学历学位", "education/"),)),
    Tab("resume", "简历", ("resume_entries",), (("编辑简历", "resume/"),)),
    Tab("family", "家庭成员", ("family_members",), (("编辑家庭成员", "family/"),)),
    Tab("appointments", "任职", ("appointments__unit",), (("编辑任职", "appointments/"),)),
    Tab(
        "ranks", "职级级别", ("ranks", "grades"), (("编辑职级", "ranks/"), ("编辑级别", "grades/"))
    ),
    Tab("assessments", "年度考核", ("assessments",), (("编辑年度考核", "assessments/"),)),
    Tab(
        "rewards",
        "奖惩",
        ("rewards", "sanctions"),
        (("编辑奖励", "rewards/"), ("编辑处分", "sanctions/")),
    ),
    Tab(
        "policy",
        "政策分析",
        ("sanctions", "assessments", "ranks", "appointments", "educations", "resume_entries"),
        (),
    ),
    Tab("history", "变更历史", (), ()),
)
TAB_BY_SLUG = {t.slug: t for t in TABS}


def _id_number(cadre: Cadre) -> str | None:
    try:
        return reveal(cadre.id_number_cipher) or None
    except ValueError:
        return None


def panel_context(
    tab: Tab, cadre: Cadre, at: dt.date, params: Params, request: HttpRequest
) -> dict[str, Any]:
    """The values the tab's template shows."""
    if tab.slug == "basic":
        return {"fields": panels.basic_fields(cadre, at)}
    if tab.slug == "education":
        return {"rows": panels.education_rows(cadre.educations.all())}
    if tab.slug == "resume":
        return {"lines": resume_display(cadre.resume_entries.all())}
    if tab.slug == "family":
        return {"rows": family_rows(cadre.family_members.all(), at)}
    if tab.slug == "appointments":
        return {"rows": panels.appointment_rows(cadre.appointments.all())}
    if tab.slug == "ranks":
        return {
            "ranks": panels.rank_rows(cadre.ranks.all()),
            "grades": panels.grade_rows(cadre.grades.all()),
        }
    if tab.slug == "assessments":
        assessments = list(cadre.assessments.all())
        try:
            consequences = assessment_consequences(grade_names(assessments), params)
        except RulesError:
            consequences = []
        return {
            "rows": panels.assessment_rows(assessments),
            "summary": assessment_summary(assessments, up_to_year=at.year),
            "consequences": consequences,
        }
    if tab.slug == "rewards":
        return {
            "rewards": panels.reward_rows(cadre.rewards.all()),
            "sanctions": panels.sanction_rows(cadre.sanctions.all(), params),
            "text": rewards_text(cadre.rewards.all(), cadre.sanctions.all()),
        }
    if tab.slug == "policy":
        return {"analysis": analyse(cadre, at=at, id_number=_id_number(cadre), params=params)}
    # history
    entries = AuditEntry.objects.filter(cadre_id=cadre.pk, action__in=CHANGE_ACTIONS).order_by(
        "-created_at", "-id"
    )
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    ids: set[int] = set()
    for e in listed:
        if isinstance(e.changes, dict):
            ids |= unit_ids(e.changes)
    # Unit names for the unit ids in the changes: one query for the page (units of any
    # scope are organisational data, not cadre data).
    units = {
        str(pk): name for pk, name in Unit.objects.filter(pk__in=ids).values_list("pk", "name")
    }
    return {"page": page, "items": [history_item(e, units) for e in listed]}
