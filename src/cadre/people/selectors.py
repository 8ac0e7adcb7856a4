"""Every read of cadre data goes through here, always through the user's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from cadre.accounts.scope import restrict_cadres
from cadre.people.models import Cadre

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User


def cadres_for(user: User | AnonymousUser) -> QuerySet[Cadre]:
    """All cadres the user may see (any status)."""
    return restrict_cadres(Cadre.objects.all(), user)


def cadre_get(user: User | AnonymousUser, pk: object) -> Cadre:
    """One cadre in the user's scope, else 404 (the record does not exist for them)."""
    try:
        key = int(str(pk))
    except ValueError:
        key = -1
    return get_object_or_404(cadres_for(user).select_related("unit"), pk=key)


def cadres_for_system() -> QuerySet[Cadre]:
    """Every cadre, for the system itself: operator commands run without a user, and the
    importers' duplicate check by ID number (a match outside the importing user's scope is
    refused without saying whose record it is). Never for a user's view."""
    return Cadre.objects.all()
