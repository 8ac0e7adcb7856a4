"""Loading a cadre for the profile: scoped, with exactly the parts a page shows prefetched,
so the query count does not grow with the size of the record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from cadre.accounts.models import User
from cadre.people.models import Cadre
from cadre.people.selectors import cadres_for
from cadre.rules.dates import parse_date
from cadre.rules.errors import RulesError

ADFORM_PARTS = (
    "educations",
    "resume_entries",
    "family_members",
    "rewards",
    "sanctions",
    "assessments",
)
EARLIEST_AT = dt.date(1900, 1, 1)
LATEST_AT = dt.date(2199, 12, 31)


def load_cadre(user: User | AnonymousUser, pk: int, parts: tuple[str, ...] = ()) -> Cadre:
    """The cadre in the user's scope (else 404) with its unit, its photo's metadata (not the
    image) and ``parts`` prefetched."""
    qs = (
        cadres_for(user)
        .select_related("unit", "photo")
        .defer("photo__image")
        .prefetch_related(*parts)
    )
    return get_object_or_404(qs, pk=pk)


def has_photo(cadre: Cadre) -> bool:
    """Whether a photo is loaded with the cadre (select_related: no query)."""
    try:
        return cadre.photo is not None
    except Cadre.photo.RelatedObjectDoesNotExist:
        return False


@dataclass(frozen=True)
class AgeDate:
    """计算年龄时间 chosen on the page: the date and, when the input was refused, why."""

    value: dt.date
    raw: str
    error: str = ""

    @property
    def is_today(self) -> bool:
        return self.value == dt.date.today()


def age_date(request: HttpRequest) -> AgeDate:
    """``?at=YYYY-MM-DD``; missing → today; invalid → today with a Chinese message."""
    raw = request.GET.get("at", "").strip()
    today = dt.date.today()
    if not raw:
        return AgeDate(today, "")
    try:
        value = parse_date(raw, "计算年龄时间")
    except RulesError as exc:
        return AgeDate(today, raw[:20], f"{exc}，已按今天计算。")
    if not EARLIEST_AT <= value <= LATEST_AT:
        return AgeDate(today, raw[:20], "计算年龄时间超出可计算的范围，已按今天计算。")
    return AgeDate(value, raw)
