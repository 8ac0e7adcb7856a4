"""LRMX export: one cadre as a .lrmx file, or a unit's cadres as a .zip of "姓名.lrmx".
Scoped reads, one "export" audit entry per export."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.db.models import QuerySet

from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.access import may_unmask, unit_cadres
from cadre.interchange.export import safe_file_name
from cadre.interchange.lrmx.write import PREFETCH, person_from_cadre, serialize
from cadre.org.models import Unit
from cadre.people.identity import reveal
from cadre.people.models import Cadre, CadrePhoto
from cadre.rules.params import Params


def lrmx_params() -> Params:
    """The rule parameters in force (ages and retirement dates of the file)."""
    from cadre.people.services.common import rule_params

    return rule_params()


def lrmx_bytes(cadre: Cadre, actor: Actor, at: dt.date, params: Params) -> bytes:
    """The .lrmx of a cadre loaded `with_lrmx_parts`, ages at ``at``; the ID number only
    for an actor who may unmask. Neither scoped nor audited: the caller does both."""
    photo = CadrePhoto.objects.filter(cadre=cadre).values_list("image", flat=True).first()
    person = person_from_cadre(
        cadre,
        at=at,
        params=params,
        id_number=reveal(cadre.id_number_cipher) if may_unmask(actor) else "",
        filled_by=actor.user.display_name or actor.name if actor.user else "",
        photo=bytes(photo) if photo else None,
    )
    return serialize(person)


def export_one(*, cadre: Cadre, actor: Actor, at: dt.date | None = None) -> bytes:
    """The .lrmx of one cadre the caller has already read through the actor's scope."""
    at = at or dt.date.today()
    cadre = Cadre.objects.prefetch_related(*PREFETCH).select_related("unit").get(pk=cadre.pk)
    data = lrmx_bytes(cadre, actor, at, lrmx_params())
    audit.record(
        actor,
        AuditEntry.Action.EXPORT,
        target=cadre,
        cadre_id=cadre.pk,
        note=f"导出任免审批表LRMX{'（含身份证号）' if may_unmask(actor) else ''}",
    )
    return data


def with_lrmx_parts(qs: QuerySet[Cadre]) -> QuerySet[Cadre]:
    """The cadres with the parts a file holds, by unit."""
    return qs.select_related("unit").prefetch_related(*PREFETCH).order_by("unit_path", "id")


def entry_name(name: str, used: dict[str, int]) -> str:
    """The zip entry for a cadre named ``name``: "张伟.lrmx", then "张伟(2).lrmx",
    "张伟(3).lrmx" (as Windows names copies); ``used`` counts the names so far."""
    base = safe_file_name(name)
    n = used.get(base, 0) + 1
    used[base] = n
    return f"{base}.lrmx" if n == 1 else f"{base}({n}).lrmx"


def export_unit(*, unit: Unit, actor: Actor, at: dt.date | None = None) -> tuple[bytes, int]:
    """A .zip of the unit subtree's cadres; returns (bytes, count)."""
    at = at or dt.date.today()
    params = lrmx_params()
    buf = io.BytesIO()
    used: dict[str, int] = {}
    count = 0
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        qs = with_lrmx_parts(unit_cadres(actor, unit))
        for cadre in qs.iterator(chunk_size=500):
            zf.writestr(entry_name(cadre.name, used), lrmx_bytes(cadre, actor, at, params))
            count += 1
    audit.record(
        actor,
        AuditEntry.Action.EXPORT,
        target=unit,
        changes={"format": "lrmx", "count": count},
        note=f"导出{unit.name}任免审批表LRMX共{count}人",
    )
    return buf.getvalue(), count
