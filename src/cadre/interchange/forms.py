"""Forms of the interchange pages: upload a roster, choose a roster export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from cadre.accounts.scope import restrict_units
from cadre.core import codebook
from cadre.interchange.export import ORDER_CHOICES, TITLE_MAX
from cadre.interchange.export_columns import COLUMNS, DEFAULT
from cadre.org.models import Unit


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        depth = max(0, int(getattr(obj, "depth", 1)) - 1)
        return "　" * depth + str(obj.name)


def open_units(user: Any) -> Any:
    """The open units in the user's scope, in tree order."""
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
        self.fields["unit"].queryset = open_units(user)  # type: ignore[attr-defined]
        self.fields["staff_category"].choices = codebook.choices(  # type: ignore[attr-defined]
            "staff_category", blank=True
        )


class RosterExportForm(forms.Form):
    """The export page's choices. What is exported (unit, search, filters, or a saved query)
    travels beside it as the roster's own parameters; `export.export_options` checks these
    fields for the page and the command alike, so the form only renders them."""

    unit = UnitChoice(
        label="单位（含下级单位）",
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="全部管理范围",
    )
    columns = forms.MultipleChoiceField(
        label="列", widget=forms.CheckboxSelectMultiple, required=False
    )
    order = forms.ChoiceField(label="排序", choices=ORDER_CHOICES, required=False)
    title = forms.CharField(
        label="标题",
        max_length=TITLE_MAX,
        required=False,
        help_text=f"名册第一行的标题，不超过{TITLE_MAX}个字",
    )

    def __init__(
        self, *args: Any, user: Any, current_unit: Unit | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        units = open_units(user)
        if current_unit is not None and current_unit.is_closed:
            units = restrict_units(
                Unit.objects.filter(Q(is_closed=False) | Q(pk=current_unit.pk)), user
            ).order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["columns"].choices = [  # type: ignore[attr-defined]
            (c.key, c.label) for c in COLUMNS.values() if user.can_unmask or not c.secret
        ]
        self.fields["columns"].initial = [
            k for k in DEFAULT if user.can_unmask or not COLUMNS[k].secret
        ]
