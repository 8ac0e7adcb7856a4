"""Forms for unit management. They parse and show errors; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet

from cadre.core import codebook
from cadre.org.models import Unit


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown as an indented tree: "　　甲镇（T001）"."""

    def label_from_instance(self, obj: Any) -> str:
        indent = "　" * max(obj.depth - 1, 0)
        return f"{indent}{obj.name}（{obj.code}）"


def _code_choice(table: str, *, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=lambda: codebook.choices(table, blank=True),
        required=required,
    )


class UnitAttrsForm(forms.Form):
    name = forms.CharField(label="单位全称", max_length=120)
    short_name = forms.CharField(label="单位简称", max_length=60, required=False)
    kind = _code_choice("unit_kind", required=True)
    level = _code_choice("unit_level", required=False)
    region = forms.CharField(label="所在地区", max_length=60, required=False)
    region_code = forms.RegexField(
        label="行政区划代码",
        regex=r"^\d{1,12}$",
        required=False,
        error_messages={"invalid": "行政区划代码应为不超过12位的数字。"},
    )
    sort = forms.IntegerField(label="排序", min_value=0, initial=0, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].label = "单位类别"
        self.fields["level"].label = "机构规格"

    def data_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["sort"] = data.get("sort") or 0
        return data


class UnitCreateForm(UnitAttrsForm):
    parent = UnitChoiceField(label="上级单位", queryset=Unit.objects.none())
    code = forms.CharField(label="单位代码", max_length=32)

    field_order = ["parent", "code", "name", "short_name", "kind", "level", "region"]

    def __init__(self, *args: Any, parents: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["parent"].error_messages["invalid_choice"] = "请选择管理范围内的上级单位。"


class UnitMoveForm(forms.Form):
    new_parent = UnitChoiceField(label="新的上级单位", queryset=Unit.objects.none())

    def __init__(self, *args: Any, parents: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["new_parent"].error_messages["invalid_choice"] = "请选择管理范围内的上级单位。"


class UnitCloseForm(forms.Form):
    closed_on = forms.DateField(label="撤销日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"closed_on": dt.date.today()})
        super().__init__(*args, **kwargs)


class EstablishmentForm(forms.Form):
    """One field per 编制类型 (blank: none approved) plus the two leadership quotas."""

    quota_principal = forms.IntegerField(label="正职领导职数", min_value=0, max_value=999)
    quota_deputy = forms.IntegerField(label="副职领导职数", min_value=0, max_value=999)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        current = dict(unit.establishments.values_list("kind", "approved"))
        initial = {f"kind_{k}": v for k, v in current.items()}
        initial.update(quota_principal=unit.quota_principal, quota_deputy=unit.quota_deputy)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for code, label in codebook.choices("establishment_kind"):
            self.fields[f"kind_{code}"] = forms.IntegerField(
                label=label, min_value=0, max_value=99999, required=False
            )
        self.order_fields([*(f"kind_{c}" for c in codebook.codes("establishment_kind"))])

    def approved(self) -> dict[str, int | None]:
        return {
            code: self.cleaned_data.get(f"kind_{code}")
            for code in codebook.codes("establishment_kind")
        }


class UnitFilterForm(forms.Form):
    q = forms.CharField(label="查找", max_length=60, required=False)
    closed = forms.BooleanField(label="含已撤销单位", required=False)
    warnings = forms.BooleanField(label="只看超编、超职数单位", required=False)
