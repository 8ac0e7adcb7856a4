"""Forms for appointments (职务), ranks (职级) and grades (级别)."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.people.forms.cadre import unit_field
from cadre.people.forms.fields import CodeField, FlexibleDateField, text
from cadre.people.forms.parts import PartForm


class AppointmentForm(PartForm):
    title = text("职务名称", 200, required=True, help_text="全称，如“某某县某某镇党委书记”")
    position_level = CodeField("position_level", label="职务层次")
    is_leading = forms.BooleanField(label="领导职务", required=False, initial=True)
    is_main = forms.BooleanField(
        label="主要职务", required=False, initial=True, help_text="不勾选为兼任"
    )
    started_on = FlexibleDateField(label="任职时间")
    ended_on = FlexibleDateField(label="免职时间", required=False)
    document_no = text("任职文号", 60)
    end_document_no = text("免职文号", 60)
    way = CodeField("appointment_way", label="任职方式", required=False)
    probation_until = FlexibleDateField(
        label="试用期满",
        required=False,
        help_text="非选任方式提任领导职务的，留空则按任职时间加一年计算",
    )
    no_probation = forms.BooleanField(label="无试用期", required=False)

    field_order = [
        "unit",
        "title",
        "position_level",
        "is_leading",
        "is_main",
        "started_on",
        "document_no",
        "way",
        "probation_until",
        "no_probation",
        "ended_on",
        "end_document_no",
        "confirm",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(
            self.user, label="任职单位", required=False, current=self.initial.get("unit")
        )
        self.fields["unit"].help_text = "管理范围外的单位可不选，在职务名称中写明"
        self.order_fields(self.field_order)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for key in ("document_no", "end_document_no", "way"):
            data[key] = data.get(key) or ""
        return data


class RankForm(PartForm):
    rank = CodeField("rank", label="职级")
    started_on = FlexibleDateField(label="任职级时间")
    ended_on = FlexibleDateField(label="终止时间", required=False)
    document_no = text("文号", 60)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["document_no"] = data.get("document_no") or ""
        return data


class GradeForm(PartForm):
    grade = forms.TypedChoiceField(
        label="级别",
        choices=[("", "---------")] + [(str(i), f"{i}级") for i in range(1, 28)],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "级别应为1至27"},
    )
    step = forms.IntegerField(
        label="档次",
        required=False,
        min_value=1,
        max_value=14,
        error_messages={
            "min_value": "档次应为1至14",
            "max_value": "档次应为1至14",
            "invalid": "请输入数字",
        },
    )
    started_on = FlexibleDateField(label="起始时间")
    ended_on = FlexibleDateField(label="终止时间", required=False)
    document_no = text("文号", 60)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["document_no"] = data.get("document_no") or ""
        return data
