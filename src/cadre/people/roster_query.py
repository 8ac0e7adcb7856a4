"""The roster's selection as a value: unit, search, filters and sort read from the roster's
GET parameters by the roster's own parsers (`filters`, `search`, `org.views.tree.scope_unit`).

Other pages that act on "what the roster shows" (exports) read it here, so a roster link
means the same everywhere: a unit out of scope is 404, a bad filter is dropped with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cadre.org.views.tree import scope_unit
from cadre.people.filters import (
    SORT_KEYS,
    RosterFilters,
    Sort,
    apply_filters,
    clean_text,
    parse_filters,
    parse_sort,
)
from cadre.people.search import MAX_LENGTH, SearchTerm, apply_search, interpret, narrowed

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet
    from django.http import QueryDict

    from cadre.accounts.models import User
    from cadre.org.models import Unit
    from cadre.people.models import Cadre


@dataclass(frozen=True)
class RosterQuery:
    unit: Unit | None  # None: the user's whole scope
    q: str  # the search text as typed (cleaned), "" without a search
    term: SearchTerm | None
    filters: RosterFilters
    sort: Sort

    @property
    def notices(self) -> list[str]:
        """Parameters dropped as invalid, in Chinese."""
        return self.filters.notices

    def params(self) -> list[tuple[str, str]]:
        """The valid parameters, in the roster's order (for links that keep them)."""
        unit_code = self.unit.code if self.unit is not None else ""
        return selection_params(unit_code, self.q, self.filters, self.sort.param)

    def descriptions(self) -> list[str]:
        """The search and the filters in words ("性别：女", "姓名包含：张")."""
        search = [f"{self.term.label}：{self.q}"] if self.term else []
        return search + self.filters.descriptions()

    @property
    def sort_label(self) -> str:
        if not self.sort.key:
            return ""
        return f"按{SORT_KEYS[self.sort.key]}{'降序' if self.sort.descending else '升序'}"

    def apply(self, qs: QuerySet[Cadre], today: dt.date) -> QuerySet[Cadre]:
        """``qs`` (already scoped) narrowed to the unit's subtree, the filters and the search;
        unordered: the caller sorts (`filters.apply_sort` for the roster's own order)."""
        if self.unit is not None:
            qs = qs.filter(unit_path__startswith=self.unit.path)
        return apply_search(apply_filters(qs, self.filters, today), self.term)


def selection_params(
    unit_code: str, q: str, filters: RosterFilters, sort_param: str
) -> list[tuple[str, str]]:
    """A roster selection as URL parameters, in the roster's order; empty ones left out."""
    items: list[tuple[str, str]] = []
    if unit_code:
        items.append(("unit", unit_code))
    if q:
        items.append(("q", q))
    items.extend(filters.params())
    if sort_param:
        items.append(("sort", sort_param))
    return items


def roster_query(user: User | AnonymousUser, params: QueryDict) -> RosterQuery:
    """The roster's selection from its GET parameters; 404 for a unit outside the scope."""
    unit = scope_unit(user, params.get("unit"))
    filters = parse_filters(params)
    sort = parse_sort(params.get("sort"), filters.notices)
    q_text = clean_text(params.get("q"), MAX_LENGTH)
    term = narrowed(interpret(q_text))
    return RosterQuery(unit, q_text if term else "", term, filters, sort)
