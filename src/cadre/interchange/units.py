"""Which unit a roster row belongs to: its 单位 cell (code, full or short name), else the
unit its sheet is named after, else the unit chosen for the upload — always inside the
chosen unit's subtree."""

from __future__ import annotations

from collections import defaultdict

from cadre.interchange.values import CellError, folded, is_blank, text
from cadre.org.models import Unit


class UnitResolver:
    def __init__(self, root: Unit) -> None:
        self.root = root
        self._by_key: dict[str, list[Unit]] = defaultdict(list)
        for unit in Unit.objects.filter(path__startswith=root.path).order_by("path"):
            keys = {folded(unit.code), folded(unit.name), folded(unit.short_name)}
            for key in keys - {""}:
                self._by_key[key].append(unit)
        self._sheet_cache: dict[str, Unit] = {}

    def find(self, value: object) -> Unit:
        key = folded(value)
        units = self._by_key.get(key, [])
        if not units:
            raise CellError(f"单位“{text(value)}”不在“{self.root.name}”及其下级单位中")
        if len({u.pk for u in units}) > 1:
            raise CellError(f"单位名称“{text(value)}”对应多个单位，请改填单位代码")
        unit = units[0]
        if unit.is_closed:
            raise CellError(f"单位“{unit.name}”已撤销")
        return unit

    def __call__(self, value: object, sheet: str) -> Unit:
        if not is_blank(value):
            return self.find(value)
        if sheet not in self._sheet_cache:
            try:
                self._sheet_cache[sheet] = self.find(sheet)
            except CellError:
                self._sheet_cache[sheet] = self.root
        return self._sheet_cache[sheet]


def find_unit(code_or_name: str) -> Unit:
    """The unit named on the command line or in a form: its code, full or short name."""
    value = code_or_name.strip()
    unit = Unit.objects.filter(code=value).first()
    if unit is not None:
        return unit
    matches = list(Unit.objects.filter(name=value)[:2]) or list(
        Unit.objects.filter(short_name=value)[:2]
    )
    if not matches:
        raise CellError(f"找不到单位“{value}”")
    if len(matches) > 1:
        raise CellError(f"单位名称“{value}”对应多个单位，请使用单位代码")
    return matches[0]
