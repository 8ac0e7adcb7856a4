"""/audit/: the audit log, for 审计管理员 only (404 for everyone else).

Paginated in the database, newest first, filtered by date range, actor, action, target type,
cadre and source address. Each entry shows who, when, from where, what, and before → after
with field names in Chinese. Reading the log is not itself audited (it would only add noise);
exports would be.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cadre.core import codebook
from cadre.core.models import AuditEntry

PAGE_SIZE = 50
# Fields whose values are codes: shown with their names (model label → field → code table).
CODED_FIELDS: dict[str, dict[str, str]] = {
    "org.unit": {"kind": "unit_kind", "level": "unit_level"},
    "org.establishment": {"kind": "establishment_kind"},
    "people.cadre": {
        "gender": "gender",
        "ethnicity": "ethnicity",
        "political_status": "political_status",
        "other_party": "political_status",
        "health": "health",
        "staff_category": "staff_category",
        "status": "status",
        "position_level": "position_level",
        "rank": "rank",
        "education": "education",
        "full_time_education": "education",
    },
    "posts.appointment": {"position_level": "position_level", "way": "appointment_way"},
    "posts.rankrecord": {"rank": "rank"},
}
# Keys services record that are not model fields.
EXTRA_LABELS = {
    "parent": "上级单位",
    "path": "树路径",
    "scope_units": "管理范围",
    "password": "密码",
}
# Keys of the form "<prefix>:<code>": a label and the code table naming the code.
PREFIXED_LABELS = {"establishment": ("核定编制", "establishment_kind")}


def _target_type_choices() -> list[tuple[str, str]]:
    choices = [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "core", "org", "people", "posts"}
        or model._meta.app_label.startswith("cadre")
    ]
    return [("", "全部对象"), *sorted(choices)]


class AuditFilterForm(forms.Form):
    date_from = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actor = forms.CharField(label="操作人账号", max_length=150, required=False)
    action = forms.ChoiceField(
        label="操作", choices=[("", "全部操作"), *AuditEntry.Action.choices], required=False
    )
    target_type = forms.ChoiceField(label="对象类型", choices=(), required=False)
    cadre_id = forms.IntegerField(label="干部编号", min_value=1, required=False)
    ip = forms.CharField(label="来源地址", max_length=45, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_type"].choices = _target_type_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期。")
        return data


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_entries(qs: QuerySet[AuditEntry], data: dict[str, Any]) -> QuerySet[AuditEntry]:
    """Apply the filter form's cleaned data; ranges on created_at keep the index usable."""
    if data.get("date_from"):
        qs = qs.filter(created_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        qs = qs.filter(created_at__lt=_day_start(data["date_to"] + dt.timedelta(days=1)))
    if data.get("actor"):
        qs = qs.filter(actor_name__icontains=data["actor"].strip())
    if data.get("action"):
        qs = qs.filter(action=data["action"])
    if data.get("target_type"):
        qs = qs.filter(target_type=data["target_type"])
    if data.get("cadre_id"):
        qs = qs.filter(cadre_id=data["cadre_id"])
    if data.get("ip"):
        qs = qs.filter(ip__startswith=data["ip"].strip())
    return qs


def _require_auditor(request: HttpRequest) -> None:
    if not request.user.is_authenticated or not request.user.reads_audit:
        raise Http404("无此页面")


def _model_for(target_type: str) -> Any:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def field_label(target_type: str, key: str) -> str:
    if key in EXTRA_LABELS:
        return EXTRA_LABELS[key]
    prefix, _, code = key.partition(":")
    if code and prefix in PREFIXED_LABELS:
        label, table = PREFIXED_LABELS[prefix]
        return f"{label}（{codebook.name(table, code)}）"
    model = _model_for(target_type)
    if model is not None:
        for name in (key, key.removesuffix("_id")):
            try:
                return str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                continue
    return key


def display_value(target_type: str, key: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(display_value(target_type, key, v) for v in value) or "（空）"
    if isinstance(value, dict):
        return "；".join(f"{k}：{display_value(target_type, k, v)}" for k, v in value.items())
    table = CODED_FIELDS.get(target_type, {}).get(key)
    if table is not None:
        return f"{codebook.name(table, str(value))}（{value}）"
    if target_type == "accounts.user" and key == "role":
        from cadre.accounts.models import Role

        try:
            return Role(value).label
        except ValueError:
            return str(value)
    return str(value)


def change_rows(entry: AuditEntry) -> list[dict[str, str]]:
    """The changes JSON as rows of field / before / after."""
    changes = entry.changes if isinstance(entry.changes, dict) else {"": entry.changes}
    rows = []
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            before, after = value
        else:
            before, after = None, value
        rows.append(
            {
                "field": field_label(entry.target_type, key),
                "before": display_value(entry.target_type, key, before),
                "after": display_value(entry.target_type, key, after),
            }
        )
    return rows


def target_type_label(target_type: str) -> str:
    model = _model_for(target_type) if target_type else None
    return str(model._meta.verbose_name) if model is not None else target_type


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    _require_auditor(request)
    form = AuditFilterForm(request.GET or None)
    qs: QuerySet[AuditEntry] = AuditEntry.objects.all().order_by("-created_at", "-id")
    if form.is_bound:
        # Invalid filters list nothing rather than everything.
        qs = filter_entries(qs, form.cleaned_data) if form.is_valid() else qs.none()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [
        {"entry": e, "target_label": target_type_label(e.target_type)} for e in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit/list.html",
        {"form": form, "page": page, "entries": entries, "query": query.urlencode()},
    )


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_auditor(request)
    entry = get_object_or_404(AuditEntry, pk=pk)
    return render(
        request,
        "core/audit/detail.html",
        {
            "entry": entry,
            "rows": change_rows(entry),
            "target_label": target_type_label(entry.target_type),
        },
    )
