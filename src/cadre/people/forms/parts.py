"""Forms for the parts of a record: education, resume, family, rewards, sanctions,
annual assessments; the photo upload."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core import codebook
from cadre.people.forms.base import EditForm
from cadre.people.forms.fields import CodeField, FlexibleDateField, MonthField, text
from cadre.people.models import Education, ResumeEntry
from cadre.people.services.photo import MAX_BYTES

BLANK_TEXT = (
    "school",
    "major",
    "degree_name",
    "degree",
    "title",
    "issuer",
    "document_no",
    "reason",
    "note",
    "political_status",
    "work_unit_position",
)


class PartForm(EditForm):
    """A part form gets the cadre it edits (for choices that depend on the record)."""

    def __init__(self, *args: Any, cadre: Any = None, user: Any = None, **kwargs: Any) -> None:
        self.cadre = cadre
        self.user = user
        super().__init__(*args, **kwargs)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for key in BLANK_TEXT:
            if key in data and data[key] is None:
                data[key] = ""
        return data


class EducationForm(PartForm):
    track = forms.ChoiceField(
        label="教育类别",
        choices=[("", "---------"), *Education.Track.choices],
        error_messages={"invalid_choice": "请从列表中选择"},
    )
    education = CodeField("education", label="学历")
    degree = CodeField("degree", label="学位", required=False)
    degree_name = text("学位名称", 40, help_text="如“理学学士”“法律硕士”")
    school = text("毕业院校", 100, help_text="高中及以下可不填")
    major = text("系及专业", 100)
    started_on = MonthField(label="入学时间", required=False)
    ended_on = MonthField(label="毕业时间", required=False, help_text="在读可不填")


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        start = f"{obj.started_on:%Y.%m}" if obj.started_on else ""
        end = f"{obj.ended_on:%Y.%m}" if obj.ended_on else "至今"
        return f"{start}--{end} {obj.text}"[:80]


class ResumeForm(PartForm):
    started_on = MonthField(label="起始年月", required=False)
    ended_on = MonthField(label="截止年月", required=False, help_text="至今可不填")
    text = forms.CharField(label="经历", max_length=300, widget=forms.TextInput(attrs={"size": 60}))
    parent = ParentChoiceField(
        queryset=ResumeEntry.objects.none(),
        label="其间（所属经历）",
        required=False,
        empty_label="（不是“其间”经历）",
        error_messages={"invalid_choice": "请从列表中选择"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.cadre is not None:
            qs = ResumeEntry.objects.filter(cadre=self.cadre, parent__isnull=True)
            self.fields["parent"].queryset = qs.order_by("sort", "id")  # type: ignore[attr-defined]


class FamilyForm(PartForm):
    relation = CodeField("family_relation", label="称谓")
    name = text("姓名", 40, required=True)
    birth_date = MonthField(label="出生年月", required=False, keep_day=True)
    political_status = CodeField("political_status", label="政治面貌", required=False)
    work_unit_position = text("工作单位及职务", 200)
    is_deceased = forms.BooleanField(label="已去世", required=False)
    is_emigrated = forms.BooleanField(label="已移居国（境）外", required=False)
    id_number = forms.CharField(
        label="身份证号",
        max_length=24,
        required=False,
        help_text="知道时填写，用于回避审查",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    clear_id_number = forms.BooleanField(label="清除已登记的身份证号", required=False)

    def __init__(self, *args: Any, masked_id: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if masked_id:
            self.fields["id_number"].help_text = f"现为 {masked_id}；不修改请留空"
        else:
            del self.fields["clear_id_number"]


class RewardForm(PartForm):
    kind = CodeField("reward", label="奖励种类")
    title = text("奖励名称", 200)
    awarded_on = FlexibleDateField(label="奖励时间")
    issuer = text("批准机关", 100)
    document_no = text("文号", 60)


class SanctionForm(PartForm):
    kind = CodeField("sanction_kind", label="处分类别")
    measure = forms.ChoiceField(
        label="处分种类", error_messages={"invalid_choice": "请从列表中选择"}
    )
    effective_on = FlexibleDateField(label="生效日期")
    observation_years = forms.TypedChoiceField(
        label="留党察看期限",
        choices=[("", "---------"), ("1", "一年"), ("2", "二年")],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="仅留党察看填写",
    )
    reason = text("事由", 300)
    issuer = text("决定机关", 100)
    document_no = text("文号", 60)
    revoked_on = FlexibleDateField(label="撤销日期", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Measures grouped by kind, so the same name (警告) reads unambiguously.
        groups: dict[str, list[tuple[str, str]]] = {}
        for code, name in codebook.choices("sanction_measure"):
            kind = codebook.attrs("sanction_measure", code).get("kind", "")
            groups.setdefault(codebook.name("sanction_kind", kind), []).append((code, name))
        self.fields["measure"].choices = [("", "---------"), *groups.items()]  # type: ignore[attr-defined]


class AssessmentForm(PartForm):
    year = forms.IntegerField(
        label="年度",
        min_value=1950,
        max_value=2100,
        error_messages={
            "invalid": "请输入年份，如 2024",
            "min_value": "年度不能早于1950年",
            "max_value": "年度无效",
        },
    )
    grade = CodeField("assessment_grade", label="考核结果")
    excellent_approved = forms.BooleanField(
        label="经批准按25%确定优秀", required=False, help_text="可配置口径"
    )
    note = text("说明", 200)


class PhotoForm(forms.Form):
    image = forms.FileField(
        label="照片",
        help_text="JPEG或PNG格式，不超过2MB，宜为二寸免冠证件照（宽高比4:5）",
        error_messages={"required": "请选择照片文件", "empty": "文件为空"},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_image(self) -> bytes:
        upload = self.cleaned_data["image"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("照片不能超过2MB")
        return bytes(upload.read())
