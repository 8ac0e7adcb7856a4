"""Pagination that never counts a million rows to draw a page.

An exact COUNT over a province's roster costs as much as reading it. Counting stops at a
cap (settings.ROSTER_COUNT_CAP): beyond it the page says "超过 N 人" and offers the pages up
to the cap; narrowing the filters gives the exact figure, and statistics count exactly."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet


class CappedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, cap: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        # COUNT(*) over a LIMITed subquery: stops reading after cap + 1 rows.
        rows: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        return int(rows.order_by()[: self.cap + 1].count())

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
