"""`cadre units [--json]`: every unit with its parent, kind and number of cadres.

cadre_count is the number of 现职 (status "1") cadres of the unit and all its sub-units.
Computed with one GROUP BY over cadres and summed up the tree in Python: no query per unit.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cadre.core import codebook
from cadre.org.models import Unit
from cadre.org.selectors import subtree_cadre_counts


def unit_rows() -> list[dict[str, Any]]:
    units = list(
        Unit.objects.order_by("path").only(
            "id", "path", "depth", "code", "name", "short_name", "kind", "level", "is_closed"
        )
    )
    code_by_path = {u.path: u.code for u in units}
    counts = subtree_cadre_counts(units)
    return [
        {
            "code": u.code,
            "name": u.name,
            "short_name": u.short_name,
            "parent": code_by_path.get(u.path[: -Unit.steplen]) if u.depth > 1 else None,
            "depth": u.depth,
            "kind": codebook.name("unit_kind", u.kind),
            "kind_code": u.kind,
            "level": codebook.name("unit_level", u.level),
            "is_closed": u.is_closed,
            "cadre_count": counts[u.pk],
        }
        for u in units
    ]


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


class Command(BaseCommand):
    help = "列出全部单位及其现职干部人数（含下级单位）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = unit_rows()
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        header = ["单位代码", "单位名称", "上级单位", "单位类别", "现职干部数", "状态"]
        table = [
            [
                r["code"],
                "  " * (r["depth"] - 1) + r["name"],
                r["parent"] or "",
                r["kind"],
                str(r["cadre_count"]),
                "已撤销" if r["is_closed"] else "",
            ]
            for r in rows
        ]
        widths = [max(_width(row[i]) for row in [header, *table]) for i in range(len(header))]
        for row in [header, *table]:
            self.stdout.write("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)))
        self.stdout.write(f"共 {len(rows)} 个单位（干部数为现职干部，含下级单位）。")
