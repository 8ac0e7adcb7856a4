"""/accounts/users/…: account administration for 系统管理员 and 安全管理员 (三权分立).

Both administrators list and open accounts; the system administrator creates, disables and
resets passwords, the security administrator sets roles, scopes and cadre links. Everyone
else gets 404. No page here shows cadre data.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cadre.accounts import forms, services
from cadre.accounts.models import Role, User
from cadre.core.actors import Actor
from cadre.core.formviews import apply_errors, posted

PAGE_SIZE = 50
ACCOUNT_ADMINS = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN})


def _require(request: HttpRequest, roles: frozenset[Role]) -> None:
    if not request.user.is_authenticated or request.user.role not in roles:
        raise Http404("无此页面")


def _user(pk: int) -> User:
    return get_object_or_404(User, pk=pk)


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require(request, ACCOUNT_ADMINS)
    filters = forms.UserFilterForm(request.GET or None)
    qs = User.objects.order_by("username").prefetch_related("scope_units")
    if filters.is_valid():
        text = filters.cleaned_data["q"].strip()
        if text:
            qs = qs.filter(Q(username__icontains=text) | Q(display_name__icontains=text))
        if filters.cleaned_data["role"]:
            qs = qs.filter(role=filters.cleaned_data["role"])
        if not filters.cleaned_data["inactive"]:
            qs = qs.filter(is_active=True)
    else:
        qs = qs.filter(is_active=True)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/admin/list.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, ACCOUNT_ADMINS)
    account = _user(pk)
    return render(
        request,
        "accounts/admin/detail.html",
        {
            "account": account,
            "scope_units": account.scope_units.order_by("path"),
            "is_self": account.pk == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    _require(request, frozenset({Role.SYSTEM_ADMIN}))
    form = forms.UserCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            account = services.user_create(
                username=form.cleaned_data["username"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc, {"password": "password1"})
        else:
            messages.success(
                request, f"已新建账号“{account.username}”，请安全管理员分配角色和管理范围。"
            )
            return redirect("accounts_admin:user_detail", pk=account.pk)
    return render(request, "accounts/admin/form.html", {"form": form, "title": "新建账号"})


@login_required
@require_POST
def user_disable(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@login_required
@require_POST
def user_enable(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)


def _set_active(request: HttpRequest, pk: int, *, active: bool) -> HttpResponse:
    _require(request, frozenset({Role.SYSTEM_ADMIN}))
    account = _user(pk)
    try:
        services.user_set_active(user=account, active=active, actor=Actor.from_request(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"账号“{account.username}”已{'启用' if active else '停用'}。")
    return redirect("accounts_admin:user_detail", pk=account.pk)


@login_required
@require_http_methods(["GET", "POST"])
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, frozenset({Role.SYSTEM_ADMIN}))
    account = _user(pk)
    form = forms.PasswordResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_reset_password(
                user=account,
                password=form.cleaned_data["password1"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            form.add_error("password1", exc.messages)
        else:
            messages.success(request, f"已重置“{account.username}”的密码。")
            return redirect("accounts_admin:user_detail", pk=account.pk)
    return render(
        request,
        "accounts/admin/form.html",
        {"form": form, "account": account, "title": f"重置密码：{account.username}"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_scope(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, frozenset({Role.SECURITY_ADMIN}))
    account = _user(pk)
    initial = {"role": account.role, "scope_units": list(account.scope_units.all())}
    form = forms.RoleScopeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_role_scope(
                user=account,
                role=form.cleaned_data["role"],
                scope_units=form.cleaned_data["scope_units"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc, {"password": "password1"})
        else:
            messages.success(request, f"已设置“{account.username}”的角色和管理范围。")
            return redirect("accounts_admin:user_detail", pk=account.pk)
    return render(
        request,
        "accounts/admin/form.html",
        {"form": form, "account": account, "title": f"角色和管理范围：{account.username}"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_cadre(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, frozenset({Role.SECURITY_ADMIN}))
    account = _user(pk)
    form = forms.LinkCadreForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_link_cadre(
                user=account,
                id_number=form.cleaned_data["id_number"],
                name=form.cleaned_data["name"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc, {"password": "password1"})
        else:
            messages.success(request, f"账号“{account.username}”已关联干部。")
            return redirect("accounts_admin:user_detail", pk=account.pk)
    return render(
        request,
        "accounts/admin/form.html",
        {
            "form": form,
            "account": account,
            "title": f"关联干部：{account.username}",
            "hint": "按身份证号和姓名精确匹配干部；不显示任何干部信息。",
        },
    )


@login_required
@require_POST
def user_cadre_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, frozenset({Role.SECURITY_ADMIN}))
    account = _user(pk)
    try:
        services.user_unlink_cadre(user=account, actor=Actor.from_request(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已解除干部关联。")
    return redirect("accounts_admin:user_detail", pk=account.pk)
