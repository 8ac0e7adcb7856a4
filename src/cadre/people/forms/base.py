"""What every edit form shares: Chinese required-field messages, the "confirm warnings"
checkbox, and copying a service's ValidationError onto the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cadre.people.services.common import NeedsConfirmation


class EditForm(forms.Form):
    """Base of the record forms. ``confirm`` is shown only after the service raised
    warnings (档案审核 flags) that the user has to confirm."""

    required_css_class = "required"
    confirm = forms.BooleanField(label="我已核实以上提示，确认保存", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []
        for field in self.fields.values():
            if field.required:
                field.error_messages["required"] = "此项为必填项"
            if "max_length" in field.error_messages or hasattr(field, "max_length"):
                field.error_messages["max_length"] = "不能超过%(limit_value)d个字"

    @property
    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirm"))

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("confirm", None)
        return data

    def apply_error(self, exc: ValidationError) -> None:
        """Show a service's error on the form: field errors on their fields, the rest on top;
        warnings that need confirmation as ``warnings``."""
        if isinstance(exc, NeedsConfirmation):
            self.warnings = exc.warnings
            self.add_error(None, "请核实以下提示；确认无误后勾选“我已核实”再保存")
            return
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in self.fields else None
                for error in errors:
                    self.add_error(target, error)
            return
        self.add_error(None, exc)
