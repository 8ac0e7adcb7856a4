"""统计报表: the cadre statistics table of the annual report (干部情况统计表).

Rows by 职务层次 and by 职级, columns 总数, 女, 少数民族, 非中共党员, age bands and
education levels (highest 学历). One aggregate query grouped by (职务层次, 职级); both row
blocks are sums of those groups, so every block and every column family adds up to 合计.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q

from cadre.analytics.query.builders import cpc_codes
from cadre.analytics.structure import age_band_q, corps
from cadre.core import codebook

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User
    from cadre.org.models import Unit

AGE_COLUMNS = (
    ("age_le35", "35岁及以下", 0, 35),
    ("age_36_40", "36至40岁", 36, 40),
    ("age_41_45", "41至45岁", 41, 45),
    ("age_46_50", "46至50岁", 46, 50),
    ("age_51_54", "51至54岁", 51, 54),
    ("age_ge55", "55岁及以上", 55, None),
)
EDU_COLUMNS = (
    ("edu_graduate", "研究生", Q(education_level=1)),
    ("edu_bachelor", "大学本科", Q(education_level=2)),
    ("edu_college", "大学专科", Q(education_level=3)),
    ("edu_secondary", "中专及以下", Q(education_level__gte=4)),
    ("edu_blank", "未填写", Q(education_level__isnull=True)),
)
HEAD_COLUMNS = (
    ("total", "总数"),
    ("women", "女"),
    ("minority", "少数民族"),
    ("non_cpc", "非中共党员"),
)
COLUMN_KEYS = (
    [k for k, _ in HEAD_COLUMNS] + [c[0] for c in AGE_COLUMNS] + [c[0] for c in EDU_COLUMNS]
)
GROUPS = (
    ("", [(k, lbl) for k, lbl in HEAD_COLUMNS]),
    ("年龄", [(c[0], c[1]) for c in AGE_COLUMNS]),
    ("学历", [(c[0], c[1]) for c in EDU_COLUMNS]),
)


@dataclass
class ReportRow:
    label: str
    values: dict[str, int] = field(default_factory=dict)
    code: str = ""

    def cells(self) -> list[int]:
        return [self.values.get(k, 0) for k in COLUMN_KEYS]


@dataclass
class Report:
    unit: Unit
    as_of: dt.date
    by_level: list[ReportRow]
    by_rank: list[ReportRow]
    total: ReportRow

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[ReportRow]) -> list[dict[str, Any]]:
            return [{"label": r.label, "code": r.code, **r.values} for r in items]

        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "as_of": self.as_of.isoformat(),
            "columns": [{"key": k, "label": lbl} for _, cols in GROUPS for k, lbl in cols],
            "by_position_level": rows(self.by_level),
            "by_rank": rows(self.by_rank),
            "total": {"label": self.total.label, **self.total.values},
        }


def _add(into: dict[str, int], row: dict[str, Any]) -> None:
    for k in COLUMN_KEYS:
        into[k] = into.get(k, 0) + int(row[k])


def _block(table: str, sums: dict[str, dict[str, int]], blank: str) -> list[ReportRow]:
    rows = [
        ReportRow(codebook.name(table, c), sums[c], c) for c in codebook.codes(table) if c in sums
    ]
    leftovers: dict[str, int] = {}
    for code, values in sums.items():
        if code not in codebook.codes(table):
            for k, v in values.items():
                leftovers[k] = leftovers.get(k, 0) + v
    if leftovers:
        rows.append(ReportRow(blank, leftovers, ""))
    return rows


def statistics_table(
    user: User | AnonymousUser, unit: Unit, today: dt.date | None = None
) -> Report:
    today = today or dt.date.today()
    cpc = cpc_codes()
    aggregates: dict[str, Any] = {
        "total": Count("id"),
        "women": Count("id", filter=Q(gender="2")),
        "minority": Count("id", filter=~Q(ethnicity="01") & ~Q(ethnicity="")),
        "non_cpc": Count("id", filter=~Q(political_status__in=cpc)),
    }
    for key, _label, lo, hi in AGE_COLUMNS:
        aggregates[key] = Count("id", filter=age_band_q(lo, hi, today))
    for key, _label, q in EDU_COLUMNS:
        aggregates[key] = Count("id", filter=q)
    groups = corps(user, unit).values("position_level", "rank").annotate(**aggregates).order_by()
    by_level: dict[str, dict[str, int]] = {}
    by_rank: dict[str, dict[str, int]] = {}
    total: dict[str, int] = dict.fromkeys(COLUMN_KEYS, 0)
    for row in groups:
        _add(by_level.setdefault(row["position_level"] or "", {}), row)
        _add(by_rank.setdefault(row["rank"] or "", {}), row)
        _add(total, row)
    return Report(
        unit=unit,
        as_of=today,
        by_level=_block("position_level", by_level, "无职务层次"),
        by_rank=_block("rank", by_rank, "无职级"),
        total=ReportRow("合计", total),
    )
