"""Emptying the cadre and unit data before a reseed (`cadre seed --force`).

Every table that points at a cadre or a unit (directly or through another such table) is
emptied with one DELETE each, dependents first; a nullable SET_NULL link (a user's cadre) is
cleared instead. Users are kept, except the self-service accounts of the deleted cadres: those
without audit entries are deleted, the others are deactivated and renamed, because the audit
log is append-only and keeps its references.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from cadre.accounts.models import Role, User
from cadre.core.models import AuditEntry
from cadre.org.models import Unit
from cadre.people.models import Cadre


def _dependents() -> tuple[list[type[models.Model]], list[models.ForeignKey]]:
    """Models to empty (dependents before what they depend on) and links to clear."""
    doomed: list[type[models.Model]] = [Unit, Cadre]
    nulls: list[models.ForeignKey] = []
    changed = True
    while changed:
        changed = False
        for model in apps.get_models(include_auto_created=True):
            for f in model._meta.concrete_fields:
                if not isinstance(f, models.ForeignKey) or f.related_model not in doomed:
                    continue
                if model in doomed or f.related_model is model:
                    continue
                if f.remote_field.on_delete is models.SET_NULL and f.null:
                    if f not in nulls:
                        nulls.append(f)
                    continue
                doomed.append(model)
                changed = True
    # Delete in reverse discovery order: the last found depend on earlier ones.
    return list(reversed(doomed)), nulls


def wipe(using: str = "default") -> dict[str, int]:
    """Delete all cadre and unit data; returns rows deleted per model."""
    doomed, nulls = _dependents()
    self_users = list(
        User.objects.using(using)
        .filter(role=Role.SELF, cadre__isnull=False)
        .values_list("pk", flat=True)
    )
    for f in nulls:
        f.model._default_manager.using(using).filter(**{f"{f.name}__isnull": False}).update(
            **{f.name: None}
        )
    counts: dict[str, int] = {}
    for model in doomed:
        qs = model._default_manager.using(using).all()
        counts[model._meta.label] = qs._raw_delete(using)
    audited = set(
        AuditEntry.objects.using(using)
        .filter(actor_id__in=self_users)
        .values_list("actor_id", flat=True)
        .distinct()
    )
    unused = [pk for pk in self_users if pk not in audited]
    try:
        User.objects.using(using).filter(pk__in=unused).delete()
    except models.ProtectedError:  # referenced by another app's records: keep, deactivated
        audited.update(unused)
    for pk in audited:
        User.objects.using(using).filter(pk=pk).update(is_active=False, username=f"deleted-{pk}")
    counts["accounts.User"] = len(self_users)
    return counts
