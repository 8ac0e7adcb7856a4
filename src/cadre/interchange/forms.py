"""Forms of the interchange pages: upload a roster, choose a roster export."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.accounts.scope import restrict_units
from cadre.core import codebook
from cadre.interchange.export_columns import COLUMNS, DEFAULT
from cadre.org.models import Unit


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        depth = max(0, int(getattr(obj, "depth", 1)) - 1)
        return "　" * depth + str(obj.name)


def _units(user: Any) -> Any:
    return restrict_units(Unit.objects.filter(is_closed=False), user).order_by("path")


class RosterUploadForm(forms.Form):
    file = forms.FileField(label="名册文件", help_text="支持 .xlsx、.xls、.csv")
    unit = UnitChoice(
        label="导入到单位",
        queryset=Unit.objects.none(),
        help_text="名册中的“单位”列或工作表名可指定下级单位",
    )
    staff_category = forms.ChoiceField(
        label="默认人员类别", required=False, help_text="名册没有“人员类别”列时，新增干部采用此类别"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user)  # type: ignore[attr-defined]
        self.fields["staff_category"].choices = codebook.choices(  # type: ignore[attr-defined]
            "staff_category", blank=True
        )


class RosterExportForm(forms.Form):
    unit = UnitChoice(label="单位（含下级单位）", queryset=Unit.objects.none())
    columns = forms.MultipleChoiceField(
        label="列", widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user)  # type: ignore[attr-defined]
        self.fields["columns"].choices = [  # type: ignore[attr-defined]
            (c.key, c.label) for c in COLUMNS.values() if user.can_unmask or not c.secret
        ]
        self.fields["columns"].initial = [
            k for k in DEFAULT if user.can_unmask or not COLUMNS[k].secret
        ]
