"""Basic data of a cadre (基本信息): create and edit."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.accounts.scope import restrict_units
from cadre.org.models import Unit
from cadre.people.forms.base import EditForm
from cadre.people.forms.fields import CodeField, FlexibleDateField, text


class UnitChoiceField(forms.ModelChoiceField):
    """Units in the user's scope, as an indented tree."""

    def label_from_instance(self, obj: Any) -> str:
        return "　" * max(0, obj.depth - 1) + obj.name


def unit_field(
    user: Any, label: str = "所在单位", required: bool = True, current: Any = None
) -> UnitChoiceField:
    """Open units in the user's scope, plus the record's current unit (so that editing a
    record whose unit was closed or lies outside the scope does not silently clear it)."""
    qs = restrict_units(Unit.objects.filter(is_closed=False), user)
    if current:
        qs = qs | Unit.objects.filter(pk=current)
    qs = qs.order_by("path")
    return UnitChoiceField(
        queryset=qs,
        label=label,
        required=required,
        empty_label="---------",
        error_messages={
            "invalid_choice": "所选单位不在您的管理范围内",
            "required": "此项为必填项",
        },
    )


class CadreForm(EditForm):
    name = text("姓名", 40, required=True)
    gender = CodeField("gender", label="性别")
    birth_date = FlexibleDateField(label="出生日期")
    ethnicity = CodeField("ethnicity", label="民族", initial="01")
    native_place = text("籍贯", 60, help_text="如“辽宁大连”，直辖市只写“上海”")
    birthplace = text("出生地", 60)
    political_status = CodeField("political_status", label="政治面貌", initial="13")
    party_joined_on = FlexibleDateField(label="入党时间", required=False)
    party_confirmed_on = FlexibleDateField(label="转正时间", required=False)
    other_party = CodeField("political_status", label="民主党派", required=False)
    other_party_joined_on = FlexibleDateField(label="加入民主党派时间", required=False)
    work_started_on = FlexibleDateField(label="参加工作时间", required=False)
    health = CodeField("health", label="健康状况", required=False, initial="1")
    professional_title = text("专业技术职务", 60)
    specialty = text("熟悉专业有何专长", 200)
    staff_category = CodeField("staff_category", label="人员类别")
    status = CodeField("status", label="管理状态", initial="1")
    id_number = forms.CharField(
        label="身份证号",
        max_length=24,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    remarks = forms.CharField(
        label="备注", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = [
        "name",
        "gender",
        "birth_date",
        "ethnicity",
        "native_place",
        "birthplace",
        "political_status",
        "party_joined_on",
        "party_confirmed_on",
        "other_party",
        "other_party_joined_on",
        "work_started_on",
        "health",
        "professional_title",
        "specialty",
        "staff_category",
        "status",
        "unit",
        "id_number",
        "remarks",
        "confirm",
    ]

    def __init__(
        self,
        *args: Any,
        user: Any,
        masked_id: str = "",
        current_unit: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, current=current_unit)
        self.order_fields(self.field_order)
        if masked_id:
            self.fields["id_number"].help_text = f"现为 {masked_id}；不修改请留空"

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for key in ("native_place", "birthplace", "professional_title", "specialty", "remarks"):
            data[key] = data.get(key) or ""
        data["other_party"] = data.get("other_party") or ""
        data["health"] = data.get("health") or ""
        return data
