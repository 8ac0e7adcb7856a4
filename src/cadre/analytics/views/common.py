"""Helpers shared by the analytics views: pagination of cadre rosters, unit choice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.paginator import Page, Paginator

from cadre.analytics.access import scope_units
from cadre.core import codebook

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from cadre.org.models import Unit
    from cadre.people.models import Cadre

ROSTER_COLUMNS = (
    "姓名",
    "性别",
    "出生年月",
    "所在单位",
    "现任职务",
    "职务层次",
    "职级",
    "学历",
    "政治面貌",
)


def roster_page(request: HttpRequest, qs: QuerySet[Cadre]) -> Page[Any]:
    """One page of a cadre list, ordered in the database; rows as display values."""
    ordered = qs.select_related("unit").order_by("unit__path", "name_pinyin", "id")
    paginator = Paginator(ordered, getattr(settings, "ROSTER_PAGE_SIZE", 50))
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = [_row(c) for c in page.object_list]  # type: ignore[misc]
    return page


def page_query(request: HttpRequest) -> str:
    """The current GET parameters without ``page``, ready to prefix a page number."""
    params = request.GET.copy()
    params.pop("page", None)
    text = params.urlencode()
    return f"{text}&" if text else ""


def _row(c: Cadre) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "gender": codebook.name("gender", c.gender),
        "birth": f"{c.birth_date:%Y.%m}" if c.birth_date else "",
        "unit": c.unit.display_name,
        "position": c.current_position,
        "position_level": codebook.name("position_level", c.position_level),
        "rank": codebook.name("rank", c.rank),
        "education": codebook.name("education", c.education),
        "political_status": codebook.name("political_status", c.political_status),
        "status": codebook.name("status", c.status),
        "in_office": c.status == "1",
    }


def unit_context(request: HttpRequest, unit: Unit) -> dict[str, Any]:
    """The unit picker: the scope roots and the chosen unit's chain."""
    return {"unit": unit, "scope_roots": scope_units(request.user)}
