"""What one roster line shows: code values as names, dates as the adform writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlencode

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.safestring import SafeString, mark_safe

from cadre.core import codebook
from cadre.org.models import Unit
from cadre.people.filters import SORT_KEYS, RosterFilters, Sort
from cadre.people.models import Cadre
from cadre.people.roster_query import selection_params
from cadre.rules.ages import birth_text

ROSTER_URL = "/cadres/"
EXPORT_URL = "/interchange/roster/export/"  # the export page reads the roster's parameters
LRMX_EXPORT_URL = "/interchange/lrmx/export/"

# The columns a roster line needs (the secret and long text fields stay in the database),
# read as plain values: a page of model instances costs more than the line's HTML.
ROW_FIELDS = (
    "id",
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "native_place",
    "political_status",
    "education",
    "current_position",
    "rank",
    "position_since",
    "status",
    "unit_id",
    "unit_name",
)


def row_values(qs: QuerySet[Cadre]) -> QuerySet[Cadre, dict[str, Any]]:
    """The values of `ROW_FIELDS`. The unit's name is a subquery, not a join: PostgreSQL
    looks it up after sorting, for the lines read, where a join may hash every unit of the
    province before the sort."""
    unit_name = Unit.objects.filter(pk=OuterRef("unit_id")).order_by().values("name")[:1]
    return qs.annotate(unit_name=Subquery(unit_name)).values(*ROW_FIELDS)


class PagedRows:
    """A sorted roster selection read a page at a time; after the first page in two steps:
    the page's ids in the roster's order, then the values of those rows (`row_values`).

    The first step is an index-only scan on PostgreSQL (cadre_roster_order_idx carries the
    filter columns), so a deep page (page 50 skips 2,450 lines) costs index entries, not
    table rows and their sort; the second reads just the page's lines."""

    ordered = True  # for Paginator: the selection is sorted

    def __init__(self, qs: QuerySet[Cadre], *, ids_first: bool = False) -> None:
        """`ids_first`: the first page too in two steps (a pinyin search, whose ids and
        order come from its covering index)."""
        self.qs = qs
        self.ids_first = ids_first

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        if not window.start and not self.ids_first:  # one query reads a first page as fast
            return list(row_values(self.qs)[window])
        ids = list(self.qs.values_list("pk", flat=True)[window])
        if not ids:
            return []
        # Through the same scoped selection: a line that left it meanwhile is left out.
        by_id = {r["id"]: r for r in row_values(self.qs.order_by().filter(pk__in=ids))}
        return [by_id[pk] for pk in ids if pk in by_id]


# One roster line, built in Python rather than with template tags: a page has fifty lines
# of eleven cells, and a template variable costs more than its cell. Every value goes
# through html.escape (what Django's escape does) before it is placed.
_GROUP_HTML = '<tr class="unit-group"><th colspan="11" scope="rowgroup">{}</th></tr>'
_ROW_HTML = (
    '<tr><td class="col-no">{}</td><td class="col-name"><a href="{}">{}</a>{}{}</td>'
    '<td>{}</td><td class="nowrap">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    '<td class="col-position">{}</td><td>{}</td><td class="nowrap">{}</td></tr>'
)
_STATUS_HTML = ' <span class="tag tag-warn">{}</span>'
_UNIT_HTML = '<span class="row-unit">{}</span>'


@dataclass(frozen=True)
class RosterRow:
    pk: int
    number: int  # 序号: the line's place in the whole list
    name: str
    gender: str
    birth: str
    ethnicity: str
    native_place: str
    education: str
    political_status: str
    position: str
    rank: str
    position_since: str
    status: str  # shown only when not 现职
    unit_name: str
    group: str  # the unit's name on the first line of each unit, when listed by unit

    @property
    def url(self) -> str:
        return f"{ROSTER_URL}{self.pk}/"

    def html(self, *, show_unit: bool) -> str:
        """The line as the roster table shows it (with its unit heading, if any), escaped."""
        status = _STATUS_HTML.format(escape(self.status)) if self.status else ""
        unit = _UNIT_HTML.format(escape(self.unit_name)) if show_unit and not self.group else ""
        line = _ROW_HTML.format(
            self.number,
            escape(self.url),
            escape(self.name),
            status,
            unit,
            *map(
                escape,
                (
                    self.gender,
                    self.birth,
                    self.ethnicity,
                    self.native_place,
                    self.education,
                    self.political_status,
                    self.position,
                    self.rank,
                    self.position_since,
                ),
            ),
        )
        return _GROUP_HTML.format(escape(self.group)) + line if self.group else line


def _dotted(value: dt.date | None) -> str:
    return f"{value:%Y.%m}" if value else ""


def roster_rows(
    page: Iterable[dict[str, Any]], today: dt.date, *, grouped: bool, first_number: int = 1
) -> list[RosterRow]:
    """Roster lines from `row_values`, numbered from `first_number`."""
    rows: list[RosterRow] = []
    last_unit: int | None = None
    # Code names through one dict per table for the page (the code book is cached).
    genders = _names("gender")
    ethnicities = _names("ethnicity")
    educations = _names("education")
    politics = _names("political_status")
    ranks = _names("rank")
    statuses = _names("status")
    for number, c in enumerate(page, start=first_number):
        unit_name = c["unit_name"]
        group = unit_name if grouped and c["unit_id"] != last_unit else ""
        last_unit = c["unit_id"]
        status = c["status"]
        rows.append(
            RosterRow(
                pk=c["id"],
                number=number,
                name=c["name"],
                gender=genders(c["gender"]),
                birth=birth_text(c["birth_date"], today),
                ethnicity=ethnicities(c["ethnicity"]),
                native_place=c["native_place"],
                education=educations(c["education"]),
                political_status=politics(c["political_status"]),
                position=c["current_position"],
                rank=ranks(c["rank"]),
                position_since=_dotted(c["position_since"]),
                status="" if status == "1" else statuses(status),
                unit_name=unit_name,
                group=group,
            )
        )
    return rows


def _names(table: str) -> Callable[[str], str]:
    """code → name in `table`, as codebook.name gives it (blank → "", unknown → the code)."""
    names = dict(codebook.choices(table))
    return lambda code: names.get(code, code) if code else ""


def rows_html(rows: Iterable[RosterRow], *, show_unit: bool) -> SafeString:
    """The table body's lines, with the unit beside the name when not listed by unit."""
    # Each line escapes its own values (RosterRow.html).
    return mark_safe("".join(row.html(show_unit=show_unit) for row in rows))


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    url: str
    direction: str  # "asc", "desc" or "" when not sorted by this column


@dataclass(frozen=True)
class RosterLinks:
    """Links that keep the current unit, search, filters and sort (only the valid ones)."""

    unit_code: str
    q: str
    filters: RosterFilters
    sort: Sort

    def params(self, *, sort: str | None = None, page: int | None = None) -> list[tuple[str, str]]:
        sort_param = self.sort.param if sort is None else sort
        items = selection_params(self.unit_code, self.q, self.filters, sort_param)
        if page is not None and page > 1:
            items.append(("page", str(page)))
        return items

    def url(self, *, sort: str | None = None, page: int | None = None) -> str:
        query = urlencode(self.params(sort=sort, page=page))
        return f"{ROSTER_URL}?{query}" if query else ROSTER_URL

    def page_url(self, page: int) -> str:
        return self.url(page=page)

    def headers(self) -> list[Header]:
        out = []
        for key, label in SORT_KEYS.items():
            direction = ""
            if self.sort.key == key:
                direction = "desc" if self.sort.descending else "asc"
            out.append(Header(key, label, self.url(sort=self.sort.toggled(key)), direction))
        return out

    @property
    def reset_url(self) -> str:
        """The roster of the same unit without search, filters or sort."""
        return (
            f"{ROSTER_URL}?{urlencode({'unit': self.unit_code})}" if self.unit_code else ROSTER_URL
        )

    @property
    def export_url(self) -> str:
        """The roster export page for what the roster shows (unit, search, filters, sort)."""
        query = urlencode(self.params())
        return f"{EXPORT_URL}?{query}" if query else EXPORT_URL

    @property
    def lrmx_export_url(self) -> str:
        """The same selection as a .zip of LRMX files (the sort does not matter there)."""
        query = urlencode(self.params(sort=""))
        return f"{LRMX_EXPORT_URL}?{query}" if query else LRMX_EXPORT_URL
