"""One cadre's 干部任免审批表 as both formats print it (Word: adform_docx, PDF: adform_pdf): the
adform presenter's values (people.presenters.adform, as on the profile) with 拟任职务 /
拟免职务 / 任免理由 / 呈报单位 filled in on the spot, the photo, 填表人 and the date under
呈报单位; and the export of one such sheet, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypedDict, Unpack

from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.lrmx.write import PREFETCH
from cadre.people.models import Cadre, CadrePhoto
from cadre.people.presenters.adform import Adform, build_adform


class FillIns(TypedDict, total=False):
    """What the form leaves to the one who prints it (command options, query parameters)."""

    proposed: str  # 拟任职务
    removed: str  # 拟免职务
    reason: str  # 任免理由
    reporting_unit: str  # 呈报单位; blank: the cadre's unit


@dataclass(frozen=True)
class AdformSheet:
    """One cadre's two pages: the presenter's values and what the export adds to them."""

    form: Adform
    photo: bytes | None  # as stored
    filled_by: str  # 填表人
    reported_on: dt.date  # the date under 呈报单位


def adform_sheet(
    *, cadre: Cadre, actor: Actor, at: dt.date | None = None, **fill_ins: Unpack[FillIns]
) -> AdformSheet:
    """The sheet of a cadre the caller read through the actor's scope, ages at ``at``
    (default today)."""
    from cadre.people.services.common import rule_params

    today = dt.date.today()
    cadre = Cadre.objects.prefetch_related(*PREFETCH).select_related("unit").get(pk=cadre.pk)
    form = build_adform(cadre, at=at or today, params=rule_params())
    form = replace(
        form,
        proposed_position=fill_ins.get("proposed", ""),
        removed_position=fill_ins.get("removed", ""),
        appointment_reason=fill_ins.get("reason", ""),
        unit_name=fill_ins.get("reporting_unit", "") or form.unit_name,
    )
    photo = CadrePhoto.objects.filter(cadre=cadre).values_list("image", flat=True).first()
    filled_by = (actor.user.display_name or actor.name) if actor.user else ""
    return AdformSheet(
        form=form,
        photo=bytes(photo) if photo else None,
        filled_by=filled_by,
        reported_on=today,
    )


def export_sheet(
    render: Callable[[AdformSheet], bytes],
    fmt: str,
    *,
    cadre: Cadre,
    actor: Actor,
    at: dt.date | None = None,
    **fill_ins: Unpack[FillIns],
) -> bytes:
    """The sheet of one cadre rendered in ``fmt`` (docx, pdf); one export audit entry."""
    data = render(adform_sheet(cadre=cadre, actor=actor, at=at, **fill_ins))
    audit.record(
        actor,
        AuditEntry.Action.EXPORT,
        target=cadre,
        cadre_id=cadre.pk,
        note=f"导出干部任免审批表（{fmt}）",
    )
    return data
