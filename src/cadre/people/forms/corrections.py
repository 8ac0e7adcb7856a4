"""Forms of the correction requests (信息更正)."""

from __future__ import annotations

from django import forms

from cadre.people.services.corrections import MAX_MESSAGE, SECTIONS


class CorrectionForm(forms.Form):
    section = forms.ChoiceField(
        label="涉及内容",
        choices=[("", "---------"), *SECTIONS],
        error_messages={"required": "请选择涉及的内容", "invalid_choice": "请从列表中选择"},
    )
    message = forms.CharField(
        label="更正内容",
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明哪一项有误、正确内容是什么，以及可以佐证的材料",
        error_messages={
            "required": "请填写需要更正的内容",
            "max_length": f"更正内容不能超过{MAX_MESSAGE}个字",
        },
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label="处理意见",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "处理意见不能超过300个字"},
    )
