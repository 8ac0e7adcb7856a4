"""Warnings (预警): what a scan returns and what every kind of warning implements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from cadre.accounts.models import User
    from cadre.org.models import Unit
    from cadre.people.models import Cadre
    from cadre.rules.params import Params


@dataclass(frozen=True)
class Flag:
    """One warning: about a cadre (cadre_id) or about a unit (unit_code)."""

    kind: str
    message: str
    cadre_id: int | None = None
    name: str = ""
    unit_code: str = ""
    unit_name: str = ""
    unit_path: str = ""  # the cadre's unit (or the unit) path: stored findings are scoped by it

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.cadre_id is not None:
            out["cadre_id"] = self.cadre_id
            out["name"] = self.name
        else:
            out["unit_code"] = self.unit_code
            out["name"] = self.unit_name
        out["message"] = self.message
        return out

    @property
    def link(self) -> str:
        if self.cadre_id is not None:
            return f"/cadres/{self.cadre_id}/"
        return f"/units/{self.unit_code}/"


@dataclass(frozen=True)
class ScanContext:
    user: User | AnonymousUser | None  # None: the background scan of a whole subtree
    unit: Unit
    today: dt.date
    params: Params
    corps: QuerySet[Cadre]  # 现职 cadres of the subtree (in the user's scope, if a user)
    shared: dict[str, Any] = field(default_factory=dict)  # work kinds share within a scan


class Kind:
    key = ""
    label = ""
    target = "cadre"  # or "unit"
    help = ""

    def items(self, ctx: ScanContext) -> list[Flag]:
        raise NotImplementedError

    def count(self, ctx: ScanContext) -> int:
        return len(self.items(ctx))

    def store(self, ctx: ScanContext, run_id: int) -> int | None:
        """Write this kind's findings of the background scan by a path of its own and
        return how many; None: the scan stores ``items`` (the default)."""
        return None
