"""变更历史: audit entries of one cadre as readable rows (field labels in Chinese, codes as
names, before → after)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from cadre.core import codebook
from cadre.core.models import AuditEntry

# Actions shown in the change history (views and unmasking are in the audit log only).
CHANGE_ACTIONS = (
    AuditEntry.Action.CREATE,
    AuditEntry.Action.UPDATE,
    AuditEntry.Action.DELETE,
    AuditEntry.Action.APPROVE,
    AuditEntry.Action.REJECT,
    AuditEntry.Action.IMPORT,
)
EMPTY = "（空）"
HIDDEN_TEXT = "（已加密，不显示）"

_CADRE_CODES = {
    "gender": "gender",
    "ethnicity": "ethnicity",
    "political_status": "political_status",
    "other_party": "political_status",
    "health": "health",
    "staff_category": "staff_category",
    "status": "status",
    "position_level": "position_level",
    "rank": "rank",
    "education": "education",
    "full_time_education": "education",
}
CODE_FIELDS: dict[str, dict[str, str]] = {
    "people.cadre": _CADRE_CODES,
    "people.education": {"education": "education", "degree": "degree"},
    "people.familymember": {"relation": "family_relation", "political_status": "political_status"},
    "people.reward": {"kind": "reward"},
    "people.sanction": {"kind": "sanction_kind", "measure": "sanction_measure"},
    "people.annualassessment": {"grade": "assessment_grade"},
    "posts.appointment": {"position_level": "position_level", "way": "appointment_way"},
    "posts.rankrecord": {"rank": "rank"},
}
EXTRA_LABELS = {"order": "排序", "id_number": "身份证号", "image": "照片", "during": "其间经历"}


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryItem:
    entry: AuditEntry
    action: str
    subject: str  # 干部, 学历学位, 家庭成员 …
    target: str
    changes: list[ChangeRow]


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            f = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return f if isinstance(f, models.Field) else None
    return None


def value_text(value: Any, *, table: str | None = None, field: Any = None) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if table and isinstance(value, str):
        return codebook.name(table, value, value)
    choices = getattr(field, "choices", None)
    if choices and isinstance(value, str):
        return str(dict(choices).get(value, value))
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


UNIT_KEYS = frozenset({"unit", "unit_id"})


def unit_ids(changes: dict[str, Any]) -> set[int]:
    """Unit ids named in the changes, so a caller can look their names up in one query."""
    ids: set[int] = set()
    for key in UNIT_KEYS & set(changes):
        pair = changes[key]
        for value in pair if isinstance(pair, list) else [pair]:
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                ids.add(int(value))
    return ids


def change_rows(
    target_type: str, changes: dict[str, Any], units: Mapping[str, str] | None = None
) -> list[ChangeRow]:
    """Rows of one entry's changes; ``units`` maps unit ids (as text) to names."""
    units = units or {}
    model = _model(target_type)
    codes = CODE_FIELDS.get(target_type, {})
    rows: list[ChangeRow] = []
    for key, pair in changes.items():
        f = _field(model, key)
        label = str(f.verbose_name) if f is not None else EXTRA_LABELS.get(key, key)
        if key.endswith(("_cipher", "_index")) or getattr(f, "audit_secret", False):
            rows.append(ChangeRow(label, HIDDEN_TEXT, HIDDEN_TEXT))
            continue
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else [None, pair]
        table = codes.get(key)
        if key in UNIT_KEYS:
            before = units.get(str(before), before)
            after = units.get(str(after), after)
        rows.append(
            ChangeRow(
                label,
                value_text(before, table=table, field=f),
                value_text(after, table=table, field=f),
            )
        )
    return rows


def history_item(entry: AuditEntry, units: Mapping[str, str] | None = None) -> HistoryItem:
    model = _model(entry.target_type)
    subject = str(model._meta.verbose_name) if model is not None else entry.target_type
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    return HistoryItem(
        entry=entry,
        action=entry.get_action_display(),
        subject=subject,
        target=entry.target_repr,
        changes=change_rows(entry.target_type, changes, units),
    )
