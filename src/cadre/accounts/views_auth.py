"""Signing in and out. Django's own views; django-axes (configured in settings) counts
failures and locks the account, `accounts.signals` audits every attempt."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="用户名",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        limit = settings.AXES_FAILURE_LIMIT
        self.error_messages = {
            "invalid_login": (
                "用户名或密码错误，请重新输入（区分大小写）。"
                f"连续输错 {limit} 次，账号将被暂时锁定。"
            ),
            "inactive": "该账号已停用，请联系系统管理员。",
        }
        self.fields["username"].error_messages["required"] = "请输入用户名。"
        self.fields["password"].error_messages["required"] = "请输入密码。"


class CadreLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class CadreLogoutView(LogoutView):
    """POST only (Django's LogoutView refuses GET), so a link elsewhere cannot sign you out."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.info(request, "您已安全退出。")
        return response


login_view = CadreLoginView.as_view()
logout_view = CadreLogoutView.as_view()
