"""Reading saved queries and running them, always through the user's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from cadre.analytics.access import is_analyst
from cadre.analytics.models import SavedQuery

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User


def saved_queries_for(user: User | AnonymousUser) -> QuerySet[SavedQuery]:
    """The user's own queries and those shared with them (by everyone or by name)."""
    if not is_analyst(user):
        return SavedQuery.objects.none()
    return (
        SavedQuery.objects.filter(Q(owner=user) | Q(shared=True) | Q(shared_with=user))
        .distinct()
        .select_related("owner")
        .order_by("name", "id")
    )


def saved_query_get(user: User | AnonymousUser, pk: object) -> SavedQuery:
    """A saved query the user may run, else 404."""
    try:
        key = int(str(pk))
    except ValueError:
        raise Http404("查询不存在") from None
    found = saved_queries_for(user).filter(pk=key).first()
    if found is None:
        raise Http404("查询不存在")
    return found


def saved_query_owned(user: User | AnonymousUser, pk: object) -> SavedQuery:
    """A saved query the user owns (may change, share or delete), else 404."""
    found = saved_query_get(user, pk)
    if found.owner_id != user.pk:
        raise Http404("查询不存在")
    return found
