"""Forms for account administration. They parse; the services decide and audit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts

from cadre.accounts.models import Role
from cadre.org.models import Unit


def _password_help() -> str:
    return "；".join(password_validators_help_texts())


class _PasswordPair(forms.Form):
    password1 = forms.CharField(label="密码", strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label="确认密码", strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = _password_help()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") != data["password1"]:
            self.add_error("password2", "两次输入的密码不一致。")
        return data


class UserCreateForm(_PasswordPair):
    username = forms.CharField(label="用户名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=60)

    field_order = ["username", "display_name", "password1", "password2"]


class PasswordResetForm(_PasswordPair):
    password1 = forms.CharField(label="新密码", strip=False, widget=forms.PasswordInput)


class ScopeUnitField(forms.ModelMultipleChoiceField):
    """Unit names only, as an indented tree (no cadre data for administrators)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{'　' * max(obj.depth - 1, 0)}{obj.name}（{obj.code}）"


class RoleScopeForm(forms.Form):
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    scope_units = ScopeUnitField(
        label="管理范围",
        queryset=Unit.objects.filter(is_closed=False).order_by("path"),
        required=False,
        help_text="所选单位及其全部下级单位。系统管理员、安全管理员、审计管理员和干部本人无需选择。",
        widget=forms.SelectMultiple(attrs={"size": 16}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope_units"].error_messages["invalid_choice"] = "所选单位不存在或已撤销。"
        self.fields["scope_units"].error_messages["invalid_pk_value"] = "所选单位无效。"


class LinkCadreForm(forms.Form):
    id_number = forms.CharField(label="身份证号", max_length=18, min_length=18)
    name = forms.CharField(label="干部姓名", max_length=40)


class UserFilterForm(forms.Form):
    q = forms.CharField(label="查找", max_length=60, required=False)
    role = forms.ChoiceField(
        label="角色", choices=[("", "全部角色"), *Role.choices], required=False
    )
    inactive = forms.BooleanField(label="含已停用账号", required=False)
