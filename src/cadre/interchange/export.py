"""Roster export (干部名册) to .xlsx with XlsxWriter's constant_memory mode: rows stream from
one scoped queryset (`.iterator(chunk_size=2000)`) straight to disk, so memory stays flat
however many cadres are exported. Title row, frozen header, widths, borders, print setup.

What is exported (the source) is the roster's selection (a unit's subtree, search, filters:
`people.roster_query`) or a saved combined query (`analytics.query.run`); how (the options)
is the columns, an order from a fixed list and a title."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol

import xlsxwriter
from django.db.models import Case, F, OrderBy, Value, When

from cadre.accounts.scope import scope_paths
from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.access import may_unmask, readable_cadres, unit_cadres
from cadre.interchange.export_columns import Column, Context, resolve
from cadre.org.models import Unit
from cadre.people.filters import RosterFilters, Sort
from cadre.people.models import Cadre
from cadre.people.roster_query import RosterQuery

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from cadre.analytics.models import SavedQuery

CHUNK = 2000
TITLE_MAX = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE_FILE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_file_name(text: str, fallback: str = "未命名") -> str:
    """``text`` usable as a file name on Windows and in a zip: path separators, reserved
    characters and controls become "_"; ``fallback`` if nothing is left."""
    return _UNSAFE_FILE_NAME.sub("_", text).strip() or fallback


def _blank_last(column: str) -> OrderBy:
    return Case(When(**{column: ""}, then=Value(1)), default=Value(0)).asc()


def _asc(column: str) -> OrderBy:
    return F(column).asc()


def _date(column: str) -> OrderBy:
    return F(column).asc(nulls_last=True)


# The orders a user may choose (nothing else reaches order_by). Blank codes and missing
# dates go last; the primary key makes every order total, so chunks never overlap.
ORDERS: dict[str, tuple[str, tuple[OrderBy, ...]]] = {
    "default": (
        "默认（单位、职务层次、任职时间）",
        (
            _asc("unit_path"),
            _blank_last("position_level"),
            _asc("position_level"),
            _date("position_since"),
            _date("birth_date"),
            _asc("pk"),
        ),
    ),
    "birth": ("出生日期", (_date("birth_date"), _asc("name_pinyin"), _asc("pk"))),
    "name": ("姓名拼音", (_asc("name_pinyin"), _date("birth_date"), _asc("pk"))),
    "position_since": (
        "任现职时间",
        (_date("position_since"), _asc("unit_path"), _date("birth_date"), _asc("pk")),
    ),
    "position_level": (
        "职务层次",
        (
            _blank_last("position_level"),
            _asc("position_level"),
            _date("position_since"),
            _date("birth_date"),
            _asc("pk"),
        ),
    ),
}
ORDER_CHOICES = [(key, label) for key, (label, _cols) in ORDERS.items()]
# The roster's sort (column header) → the export order that matches it, as the initial choice.
_FROM_ROSTER_SORT = {
    "birth": "birth",
    "name": "name",
    "position_since": "position_since",
    "position": "position_level",
}


class Source(Protocol):
    """What is exported: one scoped queryset and how to name and record it."""

    def cadres(self, actor: Actor, today: dt.date) -> QuerySet[Cadre]: ...
    def default_title(self, actor: Actor, today: dt.date) -> str: ...
    def default_order(self) -> str: ...
    def subject(self) -> list[str]: ...
    def audit(self) -> dict[str, Any]: ...
    @property
    def target(self) -> Model | None: ...


@dataclass(frozen=True)
class RosterSource:
    """The roster's selection: a unit's subtree (or the whole scope), search and filters."""

    query: RosterQuery

    @classmethod
    def whole_unit(cls, unit: Unit) -> RosterSource:
        """Every cadre of a unit's subtree, any status (the command's ``--unit``)."""
        return cls(RosterQuery(unit, "", None, RosterFilters(), Sort()))

    def cadres(self, actor: Actor, today: dt.date) -> QuerySet[Cadre]:
        if self.query.unit is not None:
            unit_cadres(actor, self.query.unit)  # 404 for a unit outside the actor's scope
        return self.query.apply(readable_cadres(actor), today)

    def default_title(self, actor: Actor, today: dt.date) -> str:
        unit = self.query.unit
        name = unit.name if unit is not None else _scope_name(actor)
        return f"{name}干部名册（{today:%Y年%m月%d日}）"[:TITLE_MAX]

    def default_order(self) -> str:
        return _FROM_ROSTER_SORT.get(self.query.sort.key, "default")

    def subject(self) -> list[str]:
        unit = self.query.unit
        return [unit.name if unit is not None else "全部管理范围", *self.query.descriptions()]

    def audit(self) -> dict[str, Any]:
        unit = self.query.unit
        return {
            "source": "roster",
            "unit": unit.code if unit is not None else "",
            "params": [list(p) for p in self.query.params() if p[0] != "unit"],
            "filters": self.query.descriptions(),
        }

    @property
    def target(self) -> Model | None:
        return self.query.unit


@dataclass(frozen=True)
class SavedQuerySource:
    """A saved combined query (the caller checked that the user may run it)."""

    saved: SavedQuery

    def cadres(self, actor: Actor, today: dt.date) -> QuerySet[Cadre]:
        from cadre.analytics.query import run

        if actor.user is None:
            raise ValueError("常用查询只能以用户身份导出（请指定 --user）")
        readable_cadres(actor)  # refuses the administrator roles, like every export
        return run(actor.user, self.saved.query, today=today)

    def default_title(self, actor: Actor, today: dt.date) -> str:
        return self.saved.name[:TITLE_MAX]

    def default_order(self) -> str:
        return "default"

    def subject(self) -> list[str]:
        return [f"常用查询“{self.saved.name}”"]

    def audit(self) -> dict[str, Any]:
        return {"source": "query", "query": self.saved.pk, "query_name": self.saved.name}

    @property
    def target(self) -> Model | None:
        return self.saved


def _scope_name(actor: Actor) -> str:
    """The name of the actor's one scope root; "" for several roots or the system."""
    roots = scope_paths(actor.user) if actor.user is not None else []
    if len(roots) != 1:
        return ""
    unit = Unit.objects.filter(path=roots[0]).only("name").first()
    return unit.name if unit is not None else ""


@dataclass(frozen=True)
class Options:
    columns: list[Column]
    order: str
    title: str


def clean_order(raw: str | None, default: str) -> str:
    """An order key from the list, else ValueError (Chinese)."""
    key = (raw or "").strip()
    if not key:
        return default
    if key not in ORDERS:
        names = "、".join(label for label, _cols in ORDERS.values())
        raise ValueError(f"排序方式“{_CONTROL.sub('', key)[:20]}”无效，可选：{names}")
    return key


def clean_title(raw: str | None, default: Callable[[], str]) -> str:
    """A title of at most TITLE_MAX characters without control characters, else ValueError;
    ``default()`` for none."""
    title = (raw or "").strip()
    if not title:
        return default()
    if _CONTROL.search(title):
        raise ValueError("标题不能包含换行符或其他控制字符")
    if len(title) > TITLE_MAX:
        raise ValueError(f"标题不能超过{TITLE_MAX}个字（现有{len(title)}个字）")
    return title


def export_options(
    *,
    source: Source,
    actor: Actor,
    columns: str | list[str] | None,
    order: str | None,
    title: str | None,
    today: dt.date,
) -> Options:
    """The checked options; ValueError (Chinese) for an unknown column, order or a bad title."""
    return Options(
        columns=resolve(columns, unmask=may_unmask(actor)),
        order=clean_order(order, source.default_order()),
        title=clean_title(title, lambda: source.default_title(actor, today)),
    )


def export_roster(
    *,
    out: str | IO[bytes],
    actor: Actor,
    source: Source | None = None,
    unit: Unit | None = None,
    columns: str | list[str] | None = None,
    order: str | None = None,
    title: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Write the cadres of ``source`` (or every cadre of ``unit``'s subtree) to ``out``, in
    the chosen order under the chosen title; one export audit entry; return the row count.

    Raises ValueError (Chinese) for bad options before anything is read or written;
    Http404 for a unit out of the actor's scope."""
    today = today or dt.date.today()
    if source is None:
        if unit is None:
            raise ValueError("请指定导出的单位或常用查询")
        source = RosterSource.whole_unit(unit)
    opts = export_options(
        source=source, actor=actor, columns=columns, order=order, title=title, today=today
    )
    qs = source.cadres(actor, today).select_related("unit").order_by(*ORDERS[opts.order][1])
    ctx = Context(today=today, unmask=may_unmask(actor) and any(c.secret for c in opts.columns))
    count = _write(out, opts.title, opts.columns, qs.iterator(chunk_size=CHUNK), ctx)
    target = source.target
    audit.record(
        actor,
        AuditEntry.Action.EXPORT,
        target=target,
        target_type="" if target is not None else "interchange.roster",
        changes={
            "format": "xlsx",
            **source.audit(),
            "columns": [c.key for c in opts.columns],
            "order": opts.order,
            "title": opts.title,
            "count": count,
            "id_number": ctx.unmask,
        },
        note=f"导出“{opts.title}”共{count}人{'（含身份证号）' if ctx.unmask else ''}",
    )
    return count


def _write(
    out: str | IO[bytes], heading: str, cols: list[Column], rows: Iterator[Cadre], ctx: Context
) -> int:
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("干部名册")
    title = wb.add_format(
        {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter", "font_name": "宋体"}
    )
    head = wb.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "bg_color": "#F2F2F2",
            "font_name": "宋体",
        }
    )
    cell = wb.add_format({"border": 1, "valign": "vcenter", "font_name": "宋体"})
    num = wb.add_format({"border": 1, "align": "center", "valign": "vcenter"})
    text = wb.add_format({"border": 1, "valign": "vcenter", "num_format": "@"})
    for i, c in enumerate(cols):
        ws.set_column(i, i, c.width)
    ws.set_row(0, 30)
    last = max(0, len(cols) - 1)
    # The title is the user's text: always a string cell ("=…" is never a formula).
    if last:
        ws.merge_range(0, 0, 0, last, "", title)
    ws.write_string(0, 0, heading, title)
    ws.set_row(1, 24)
    for i, c in enumerate(cols):
        ws.write_string(1, i, c.label, head)
    ws.freeze_panes(2, 2 if len(cols) > 2 else 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    n = 0
    for n, cadre in enumerate(rows, start=1):
        r = n + 1
        for i, c in enumerate(cols):
            value = n if c.key == "seq" else c.value(cadre, ctx)
            if c.number and isinstance(value, int):
                ws.write_number(r, i, value, num)
            elif c.secret:
                ws.write_string(r, i, str(value), text)
            else:
                ws.write_string(r, i, str(value), cell)
    if n:
        ws.autofilter(1, 0, n + 1, last)
    wb.close()
    return n
