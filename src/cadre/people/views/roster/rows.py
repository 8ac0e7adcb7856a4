"""What one roster line shows: code values as names, dates as the adform writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from cadre.core import codebook
from cadre.people.filters import SORT_KEYS, RosterFilters, Sort
from cadre.people.models import Cadre
from cadre.rules.ages import birth_text

ROSTER_URL = "/cadres/"

# The columns a roster line needs (the secret and long text fields stay in the database).
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
    "position_level",
    "rank",
    "position_since",
    "status",
    "unit_path",
    "unit__id",
    "unit__name",
    "unit__short_name",
)


@dataclass(frozen=True)
class RosterRow:
    pk: int
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


def _dotted(value: dt.date | None) -> str:
    return f"{value:%Y.%m}" if value else ""


def roster_rows(cadres: Iterable[Cadre], today: dt.date, *, grouped: bool) -> list[RosterRow]:
    rows: list[RosterRow] = []
    last_unit: int | None = None
    for c in cadres:
        unit_name = c.unit.name
        group = unit_name if grouped and c.unit_id != last_unit else ""
        last_unit = c.unit_id
        rows.append(
            RosterRow(
                pk=c.pk,
                name=c.name,
                gender=codebook.name("gender", c.gender),
                birth=birth_text(c.birth_date, today),
                ethnicity=codebook.name("ethnicity", c.ethnicity),
                native_place=c.native_place,
                education=codebook.name("education", c.education),
                political_status=codebook.name("political_status", c.political_status),
                position=c.current_position,
                rank=codebook.name("rank", c.rank),
                position_since=_dotted(c.position_since),
                status="" if c.status == "1" else codebook.name("status", c.status),
                unit_name=unit_name,
                group=group,
            )
        )
    return rows


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
        items: list[tuple[str, str]] = []
        if self.unit_code:
            items.append(("unit", self.unit_code))
        if self.q:
            items.append(("q", self.q))
        items.extend(self.filters.params())
        sort_param = self.sort.param if sort is None else sort
        if sort_param:
            items.append(("sort", sort_param))
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
