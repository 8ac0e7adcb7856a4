"""政策口径: the rule parameters in force, and the services that change them.

The rules engine (`cadre.rules`) keeps every figure in its registry with a default and a
source. An organization department overrides a figure by storing a `RuleParameter` row;
`current_params()` is the registry with those overrides applied, and `CoreConfig.ready()`
registers it with `cadre.rules.params.set_default_provider`, so every rules call that passes
no params uses the figures in force.

Caching. `current_params()` is cached per process. A change made through
`rule_parameter_set` / `rule_parameter_reset` clears this process's cache when its
transaction commits; other worker processes reload after at most `CACHE_TTL_SECONDS`
(60 s). So for up to a minute after a change another worker may still compute with the
previous figure. A load that races with a change is used but not cached.

Before migrations have created the table (``migrate`` on an empty database, data
migrations that call the rules) the registry defaults apply. Only a missing table falls back:
any other database error propagates, so a lost connection never silently computes with the
defaults instead of the figures in force.

Who: the organization department's 干部管理员 (org_admin) changes the figures, as they are
its business rules; every other signed-in role except the three administrator roles reads
them (administrators never see business data, 三权分立).

Entries whose source is a national standard (GB 11643 check weights and characters) are
shown but cannot be changed: changing them would invalidate every stored ID number.
"""

from __future__ import annotations

import fnmatch
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from cadre.accounts.models import Role
from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry, RuleParameter
from cadre.rules.errors import RulesError
from cadre.rules.params import Param, Params, ParamValue, registry

logger = logging.getLogger(__name__)

CACHE_TTL_SECONDS = 60.0

# Areas of the registry, by key prefix (longest match wins), in RULES.md terms.
AREAS: tuple[tuple[str, str], ...] = (
    ("retirement.", "到龄（RULES §3）"),
    ("idnumber.", "身份证号（RULES §2）"),
    ("audit.", "档案审核（RULES §1）"),
    ("sanction.", "处分影响期（RULES §4）"),
    ("assessment.cap.", "处分对年度考核等次的影响（RULES §5）"),
    ("assessment.", "年度考核（RULES §5）"),
    ("rank.", "职级晋升（RULES §6）"),
    ("leadership.", "领导职务提拔（RULES §7）"),
    ("exchange.", "交流与回避（RULES §8）"),
    ("training.", "教育培训（RULES §9）"),
)
OTHER_AREA = "其他"

# National-standard constants: shown, never changed.
FIXED_KEYS = frozenset(
    {"idnumber.check_weights", "idnumber.check_chars", "idnumber.legacy_century"}
)

# Whole numbers the rules divide by or count runs of: 0 would be meaningless or break them.
POSITIVE_PATTERNS = (
    "retirement.*.step_months",
    "retirement.*.original_age_years",
    "retirement.county_female_cadre.age_years",
    "sanction.党纪.留党察看.max_observation_years",
    "assessment.merit.consecutive_excellent_years",
    "assessment.pay_step.cumulative_competent_years",
    "assessment.grade_promotion.cumulative_competent_years",
    "assessment.dismissal.consecutive_incompetent_years",
    "rank.required_years.*",
    "*.working_days",
    "exchange.term_years",
    "exchange.max_terms",
    "training.senior.period_years",
)
MAX_INT = 9999
AGE_RANGE = (1, 100)
YEAR_RANGE = (1900, 2100)
MAX_TEXT = 40

_INT_RE = re.compile(r"[+-]?[0-9]{1,9}")
# Plain decimals and fractions only: an exponent ("1e999999999") would make Fraction build a
# huge integer.
_RATIO_RE = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6})?|[0-9]{1,6}/[0-9]{1,6}")
_TRUE = frozenset({"true", "1", "是", "yes", "on"})
_FALSE = frozenset({"false", "0", "否", "no", "off"})


# ---------------------------------------------------------------------------------------
# The params in force (provider)


@dataclass(frozen=True)
class _Cached:
    params: Params
    loaded_at: float


_lock = threading.Lock()
_cached: _Cached | None = None
_generation = 0


def current_params() -> Params:
    """Registry defaults with the stored overrides applied; cached, see the module doc."""
    global _cached
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - cached.loaded_at < CACHE_TTL_SECONDS:
        return cached.params
    generation = _generation
    params, complete = _load()
    if complete:
        with _lock:
            if _generation == generation:
                _cached = _Cached(params, now)
    return params


def clear_cache() -> None:
    """Drop this process's cached params (after a change commits; between tests)."""
    global _cached, _generation
    with _lock:
        _cached = None
        _generation += 1


def _load() -> tuple[Params, bool]:
    """(params, whether they came from the table) — defaults while the table is missing."""
    rows = _stored_rows()
    if rows is None:
        return Params(), False
    return Params(_valid_overrides((r.key, r.value) for r in rows)), True


def _stored_rows() -> list[RuleParameter] | None:
    query = RuleParameter.objects.only("key", "value")
    try:
        if not connection.in_atomic_block:
            return list(query)
        # Inside a transaction (a data migration, say) read in a savepoint: on PostgreSQL a
        # failed query would otherwise abort the caller's transaction.
        with transaction.atomic():
            return list(query)
    except DatabaseError:
        if _table_exists():
            raise
        return None


def _table_exists() -> bool:
    return RuleParameter._meta.db_table in connection.introspection.table_names()


def _valid_overrides(items: Iterable[tuple[str, object]]) -> dict[str, ParamValue]:
    """Stored overrides that still fit the registry; a release that renames or tightens an
    entry makes old rows inert (logged, shown on the page) instead of breaking every rule."""
    out: dict[str, ParamValue] = {}
    for key, value in items:
        try:
            out[key] = check_value(key, value)
        except ValidationError as exc:
            logger.warning("ignoring stored rule parameter %s=%r: %s", key, value, exc.messages)
    return out


# ---------------------------------------------------------------------------------------
# Validation


def entry_of(key: str) -> Param:
    try:
        return Params().entry(key)
    except RulesError as exc:
        raise ValidationError(str(exc)) from None


def parse_input(entry: Param, raw: object) -> object:
    """A value typed into the page (text) → the registry's kind; other values pass through."""
    if not isinstance(raw, str):
        return raw
    text = unicodedata.normalize("NFKC", raw).strip()  # full-width digits from a Chinese IME
    if not text:
        raise ValidationError(f"请填写“{entry.label}”的取值")
    if len(text) > MAX_TEXT:
        raise ValidationError(f"“{entry.label}”的取值过长")
    if entry.kind == "int":
        if not _INT_RE.fullmatch(text):
            raise ValidationError(f"“{entry.label}”应为整数")
        return int(text)
    if entry.kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValidationError(f"“{entry.label}”应为“是”或“否”")
    if entry.kind == "ratio":
        bad = ValidationError(f"“{entry.label}”应为比例，如 0.20、20% 或 2/3")
        if text.endswith("%"):
            number = text[:-1].strip()
            if "/" in number or not _RATIO_RE.fullmatch(number):
                raise bad
            return _percent_to_ratio(Decimal(number))
    return text


def _percent_to_ratio(percent: Decimal) -> str:
    """20 → "0.20", 12.5 → "0.125": the registry's own two-decimal style, exactly."""
    whole, _, frac = format((percent / 100).normalize(), "f").partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def check_value(key: str, value: object) -> ParamValue:
    """The value as stored, after the registry's coercion and this system's bounds."""
    entry = entry_of(key)
    if entry.kind == "ratio" and isinstance(value, str) and not _RATIO_RE.fullmatch(value.strip()):
        raise ValidationError(f"“{entry.label}”应为比例，如 0.20、20% 或 2/3")
    try:
        coerced = Params({key: value}).value(key)
    except RulesError as exc:
        raise ValidationError(str(exc)) from None
    except (ValueError, ArithmeticError):
        # The registry's own message is Chinese; other ValueErrors (e.g. int("²")) are not.
        raise ValidationError(f"“{entry.label}”的取值无效：{value!r}") from None
    if entry.kind == "int" and isinstance(coerced, int):
        _check_int(entry, coerced)
    elif entry.kind == "ratio":
        ratio = Fraction(str(coerced))
        if not 0 <= ratio <= 1:
            raise ValidationError(f"“{entry.label}”应在0到1之间（0%至100%）")
    return coerced


def _check_int(entry: Param, value: int) -> None:
    if entry.unit == "周岁":
        low, high = AGE_RANGE
    elif entry.key.endswith(".base_year"):
        low, high = YEAR_RANGE
    else:
        positive = any(fnmatch.fnmatchcase(entry.key, p) for p in POSITIVE_PATTERNS)
        low, high = (1 if positive else 0), MAX_INT
    if value < 0:
        raise ValidationError(f"“{entry.label}”不能为负数")
    if not low <= value <= high:
        raise ValidationError(f"“{entry.label}”应在{low}至{high}{entry.unit}之间")


def can_read(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and not user.is_admin_role)


def can_edit(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.role == Role.ORG_ADMIN)


def _require_editor(actor: Actor) -> None:
    # actor.user None is the system itself (management commands, deployment scripts).
    if actor.user is not None and not can_edit(actor.user):
        raise ValidationError("只有组织部干部管理员可以调整政策口径")


# ---------------------------------------------------------------------------------------
# Services


def _target_repr(entry: Param) -> str:
    return f"{entry.label}（{entry.key}）"


@transaction.atomic
def rule_parameter_set(*, key: str, value: object, actor: Actor) -> RuleParameter:
    """Store an override of one figure. `value` may be text from the page or a typed value.

    Setting the default's value still stores an override: the department has fixed the
    figure, and a later release changing the default does not change it."""
    _require_editor(actor)
    entry = entry_of(key)
    if key in FIXED_KEYS:
        raise ValidationError(f"“{entry.label}”为国家标准规定，不可调整")
    new = check_value(key, parse_input(entry, value))
    row = RuleParameter.objects.select_for_update().filter(key=key).first()
    before = _state(entry, row)
    if row is None:
        row = RuleParameter(key=key)
    elif row.value == new and type(row.value) is type(new):
        return row  # nothing changes: no write, no audit entry
    row.value = new
    row.updated_by = actor.user
    row.save()
    audit.record(
        actor,
        AuditEntry.Action.SETTING,
        target_type=RuleParameter._meta.label_lower,
        target_id=key,
        target_repr=_target_repr(entry),
        changes=audit.diff(before, _state(entry, row)),
        note="调整政策口径",
    )
    transaction.on_commit(clear_cache)
    return row


@transaction.atomic
def rule_parameter_reset(*, key: str, actor: Actor) -> None:
    """Remove the override: the registry default applies again."""
    _require_editor(actor)
    entry = entry_of(key)
    row = RuleParameter.objects.select_for_update().filter(key=key).first()
    if row is None:
        return  # already the default: nothing to record
    before = _state(entry, row)
    row.delete()
    audit.record(
        actor,
        AuditEntry.Action.SETTING,
        target_type=RuleParameter._meta.label_lower,
        target_id=key,
        target_repr=_target_repr(entry),
        changes=audit.diff(before, _state(entry, None)),
        note="恢复默认政策口径",
    )
    transaction.on_commit(clear_cache)


def _state(entry: Param, row: RuleParameter | None) -> dict[str, object]:
    if row is None:
        return {"value": entry.default, "overridden": False}
    return {"value": row.value, "overridden": True}


# ---------------------------------------------------------------------------------------
# The page's rows (the registry is ~150 entries: filtered in Python)


@dataclass(frozen=True)
class PolicyRow:
    entry: Param
    area: str
    value: ParamValue
    overridden: bool
    editable: bool
    updated_by: str = ""
    updated_at: Any = None
    stored_invalid: bool = False  # a stored row the registry no longer accepts

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def anchor(self) -> str:
        return anchor(self.entry.key)

    @property
    def value_text(self) -> str:
        return display(self.entry, self.value)

    @property
    def default_text(self) -> str:
        return display(self.entry, self.entry.default)

    @property
    def input_value(self) -> str:
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)


@dataclass(frozen=True)
class PolicyGroup:
    area: str
    rows: list[PolicyRow]


def anchor(key: str) -> str:
    """An ASCII element id for a row (keys hold Chinese and dots)."""
    for index, entry in enumerate(registry()):
        if entry.key == key:
            return f"p{index}"
    return "p"


def display(entry: Param, value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if entry.kind == "ratio":
        try:
            percent = Fraction(str(value)) * 100
        except (ValueError, ZeroDivisionError):
            return str(value)
        shown = f"{float(percent):.4g}%"
        return f"{value}（{shown}）"
    return str(value)


def area_of(key: str) -> str:
    best = ""
    label = OTHER_AREA
    for prefix, name in AREAS:
        if key.startswith(prefix) and len(prefix) > len(best):
            best, label = prefix, name
    return label


def policy_rows(editor: bool = False) -> list[PolicyRow]:
    """Every registry entry with the value in force and who changed it (one query)."""
    stored = {r.key: r for r in RuleParameter.objects.select_related("updated_by").order_by("key")}
    valid = _valid_overrides((k, r.value) for k, r in stored.items())
    params = Params(valid)
    rows: list[PolicyRow] = []
    for entry in registry():
        row = stored.get(entry.key)
        in_force = entry.key in valid
        by = ""
        if row is not None and row.updated_by is not None:
            by = str(row.updated_by)
        rows.append(
            PolicyRow(
                entry=entry,
                area=area_of(entry.key),
                value=params.value(entry.key),
                overridden=in_force,
                editable=editor and entry.key not in FIXED_KEYS,
                updated_by=by if in_force else "",
                updated_at=row.updated_at if (row is not None and in_force) else None,
                stored_invalid=row is not None and not in_force,
            )
        )
    return rows


def policy_row(key: str, editor: bool = False) -> PolicyRow:
    entry_of(key)
    return next(r for r in policy_rows(editor) if r.key == key)


def filter_rows(
    rows: Iterable[PolicyRow],
    *,
    q: str = "",
    configurable: bool = False,
    overridden: bool = False,
) -> list[PolicyRow]:
    """Rows whose label, key or source contains every word of `q` (case-insensitive)."""
    words = unicodedata.normalize("NFKC", q).casefold().split()
    out = []
    for r in rows:
        if configurable and not r.entry.configurable:
            continue
        if overridden and not r.overridden:
            continue
        hay = f"{r.entry.label} {r.entry.key} {r.entry.source} {r.area}".casefold()
        if all(w in hay for w in words):
            out.append(r)
    return out


def group_rows(rows: Iterable[PolicyRow]) -> list[PolicyGroup]:
    """Rows by area, areas in registry order."""
    groups: dict[str, list[PolicyRow]] = {}
    for r in rows:
        groups.setdefault(r.area, []).append(r)
    return [PolicyGroup(area, items) for area, items in groups.items()]
