"""The parameter registry: every number, period and ratio the rules use, with its source.

Each entry has a dotted key, a default, a Chinese label, a source (document and article) and
a ``configurable`` flag (True for the figures RULES.md marks ⚠️, shown as "可配置口径").
Any entry may be overridden: the Django side stores overrides and passes
``Params(overrides)`` to the rule functions; ``None`` means "defaults".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from cadre.rules.errors import RulesError

ParamKind = Literal["int", "ratio", "str", "bool"]
ParamValue = int | str | bool

CONFIGURABLE_NOTE = "可配置口径"


@dataclass(frozen=True)
class Param:
    """One registry entry. Ratios are stored as exact strings ("0.20", "2/3")."""

    key: str
    default: ParamValue
    label: str
    source: str
    configurable: bool = False
    kind: ParamKind = "int"
    unit: str = ""
    choices: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "default": self.default,
            "label": self.label,
            "source": self.source,
            "configurable": self.configurable,
            "kind": self.kind,
            "unit": self.unit,
            "choices": list(self.choices),
        }


def _coerce(entry: Param, value: object) -> ParamValue:
    """Check an override against the entry's kind; raise a Chinese error when it does not fit."""
    bad = RulesError(f"参数“{entry.key}”（{entry.label}）的取值无效：{value!r}")
    if entry.kind == "bool":
        if isinstance(value, bool):
            return value
        raise bad
    if entry.kind == "int":
        if isinstance(value, bool):
            raise bad
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value.strip())
        raise bad
    if entry.kind == "ratio":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise bad
        try:
            ratio = Fraction(str(value).strip())
        except (ValueError, ZeroDivisionError):
            raise bad from None
        if ratio < 0:
            raise bad
        return str(value).strip()
    if not isinstance(value, str):
        raise bad
    if entry.choices and value not in entry.choices:
        raise bad
    return value


class Params:
    """Resolves a key to its override, else its registry default."""

    def __init__(self, overrides: Mapping[str, object] | None = None) -> None:
        from cadre.rules.defaults import ENTRIES_BY_KEY

        self._entries = ENTRIES_BY_KEY
        self._overrides: dict[str, ParamValue] = {}
        for key, value in (overrides or {}).items():
            self._overrides[key] = _coerce(self.entry(key), value)

    def entry(self, key: str) -> Param:
        try:
            return self._entries[key]
        except KeyError:
            raise RulesError(f"未知参数：{key}") from None

    def value(self, key: str) -> ParamValue:
        entry = self.entry(key)
        return self._overrides.get(key, entry.default)

    def is_overridden(self, key: str) -> bool:
        return key in self._overrides

    def get_int(self, key: str) -> int:
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise RulesError(f"参数“{key}”不是整数")
        return value

    def get_ratio(self, key: str) -> Fraction:
        value = self.value(key)
        if isinstance(value, bool):
            raise RulesError(f"参数“{key}”不是比例")
        return Fraction(str(value))

    def get_str(self, key: str) -> str:
        value = self.value(key)
        if not isinstance(value, str):
            raise RulesError(f"参数“{key}”不是文本")
        return value

    def get_bool(self, key: str) -> bool:
        value = self.value(key)
        if not isinstance(value, bool):
            raise RulesError(f"参数“{key}”不是是否值")
        return value

    def note(self, *keys: str) -> str:
        """ "（可配置口径）" when any of the keys is a configurable figure, else ""."""
        if any(self.entry(k).configurable for k in keys):
            return f"（{CONFIGURABLE_NOTE}）"
        return ""

    def overrides(self) -> dict[str, ParamValue]:
        return dict(self._overrides)

    def __iter__(self) -> Iterator[Param]:
        return iter(self._entries.values())


_DEFAULT: Params | None = None
_PROVIDER: Callable[[], Params] | None = None


def set_default_provider(provider: Callable[[], Params] | None) -> None:
    """Let the application supply the params in force (the stored 政策口径 overrides) to
    every call that passes none. The engine itself stays free of storage."""
    global _PROVIDER
    _PROVIDER = provider


def resolve(params: Params | None) -> Params:
    """The given params, else those in force (provider), else the shared defaults."""
    global _DEFAULT
    if params is not None:
        return params
    if _PROVIDER is not None:
        return _PROVIDER()
    if _DEFAULT is None:
        _DEFAULT = Params()
    return _DEFAULT


def registry() -> tuple[Param, ...]:
    """All entries, in registry order (for the 政策口径 page and the docs)."""
    from cadre.rules.defaults import ENTRIES

    return ENTRIES
