"""Pagination that never counts a million rows to draw a page.

An exact COUNT over a province's roster costs as much as reading it. Counting stops at a
cap (settings.ROSTER_COUNT_CAP): beyond it the page says "超过 N 人" and offers the pages up
to the cap; narrowing the filters gives the exact figure, and statistics count exactly.

The page's rows are read first: a page that is not full (most searches) tells the count
without counting."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class CappedPaginator(Paginator):
    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cap: int,
        counted: QuerySet[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """`counted`: the same rows to count, when `object_list` reads more than it needs
        for a count (joined columns, values)."""
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.counted = counted

    @cached_property
    def count(self) -> int:
        # COUNT(*) over a LIMITed subquery (a QuerySet): stops reading after cap + 1 rows.
        rows: Any = self.object_list if self.counted is None else self.counted
        return int(rows.order_by()[: self.cap + 1].count())

    def get_page(self, number: Any) -> Page:
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        bottom = (wanted - 1) * self.per_page
        if wanted < 1 or bottom >= self.cap or self.orphans:
            return super().get_page(number)
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows and wanted > 1:
            return super().get_page(number)  # beyond the end: the last page
        if len(rows) < self.per_page:
            self.__dict__["count"] = bottom + len(rows)
        return Page(rows, wanted, self)

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def shown_count(self) -> int:
        return min(self.count, self.cap)

    @cached_property
    def num_pages(self) -> int:
        hits = min(self.count, self.cap)
        if hits == 0 and not self.allow_empty_first_page:
            return 0
        return max(1, -(-hits // self.per_page))
