"""Form fields for the way dates and codes are written in cadre records.

Users type dates the way dossiers write them: 1985.03.12, 1985-03-12, 1985年3月12日,
19850312; months as 1985.03, 1985.3, 1985-03, 1985年3月, 198503. Full-width digits and
separators are accepted."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from cadre.core import codebook

_WIDE = str.maketrans("０１２３４５６７８９．－／　", "0123456789.-/ ")
_SEPARATED = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*(?:[.\-/月]\s*(\d{1,2})\s*日?|月)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


def parse_flexible(text: str) -> tuple[int, int, int | None] | None:
    value = text.translate(_WIDE).strip()
    m = _SEPARATED.match(value) or _COMPACT.match(value)
    if not m:
        return None
    return int(m[1]), int(m[2]), int(m[3]) if m[3] else None


class FlexibleDateField(forms.DateField):
    """A full date (年月日)."""

    widget = forms.TextInput(attrs={"placeholder": "如 1985.03.12", "autocomplete": "off"})
    default_error_messages = {"invalid": "请输入有效的日期，如 1985.03.12"}

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        parts = parse_flexible(str(value))
        if parts is None or parts[2] is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%Y.%m.%d}" if isinstance(value, dt.date) else value


class MonthField(forms.DateField):
    """A year and month (年月), kept as the first day of the month. A full date is accepted
    (its day is dropped) when ``keep_day`` is false; with ``keep_day`` it is kept."""

    widget = forms.TextInput(attrs={"placeholder": "如 1991.09", "autocomplete": "off"})
    default_error_messages = {"invalid": "请输入有效的年月，如 1991.09"}

    def __init__(self, *args: Any, keep_day: bool = False, **kwargs: Any) -> None:
        self.keep_day = keep_day
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        parts = parse_flexible(str(value))
        if parts is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year, month, day = parts
        try:
            return dt.date(year, month, day if (day and self.keep_day) else 1)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return f"{value:%Y.%m.%d}" if self.keep_day and value.day != 1 else f"{value:%Y.%m}"
        return value


class CodeField(forms.ChoiceField):
    """A value from a code table: shows names, posts codes."""

    def __init__(self, table: str, *args: Any, **kwargs: Any) -> None:
        self.table = table
        super().__init__(*args, choices=lambda: codebook.choices(table, blank=True), **kwargs)
        self.error_messages["invalid_choice"] = "请从列表中选择"


def text(label: str, max_length: int, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)
