"""Reading code tables: code → name, choices for forms. Cached per process; the tables are
loaded by migration and change only by migration."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, tuple[str, dict[str, Any]]]]:
    from cadre.core.models import CodeItem

    tables: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {}
    for item in CodeItem.objects.order_by("table", "sort").values_list(
        "table", "code", "name", "attrs"
    ):
        table, code, name, attrs = item
        tables.setdefault(table, {})[code] = (name, attrs or {})
    return tables


def clear_cache() -> None:
    _tables.cache_clear()


def name(table: str, code: str | None, default: str = "") -> str:
    if not code:
        return default
    entry = _tables().get(table, {}).get(code)
    return entry[0] if entry else default or code


def attrs(table: str, code: str | None) -> dict[str, Any]:
    if not code:
        return {}
    entry = _tables().get(table, {}).get(code)
    return entry[1] if entry else {}


def choices(table: str, blank: bool = False) -> list[tuple[str, str]]:
    items = [(code, entry[0]) for code, entry in _tables().get(table, {}).items()]
    return [("", "---------"), *items] if blank else items


def codes(table: str) -> list[str]:
    return list(_tables().get(table, {}))


def code_for(table: str, name_or_code: str) -> str | None:
    """The code for a name (or a code given as such); None if the table has neither."""
    value = name_or_code.strip()
    entries = _tables().get(table, {})
    if value in entries:
        return value
    for code, (label, _attrs) in entries.items():
        if label == value:
            return code
    return None
