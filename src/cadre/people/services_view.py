"""Audited reads of a cadre record: viewing the profile and revealing the ID number.

Reading personal data is itself an event the audit role must see (等保: every view of a
profile is logged), so these are services like any write: one audit entry each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from cadre.core import audit, crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.people.identity import reveal
from cadre.people.models import Cadre


def record_profile_view(*, cadre: Cadre, part: str, actor: Actor) -> AuditEntry:
    """Log that ``actor`` viewed ``part`` (任免审批表, 简历 …) of the cadre's profile."""
    # A single INSERT: no transaction block needed, and none is opened (query budget).
    return audit.record(
        actor,
        AuditEntry.Action.VIEW,
        target=cadre,
        cadre_id=cadre.pk,
        note=f"查看干部信息：{part}",
    )


def reveal_id_number(*, cadre: Cadre, actor: Actor) -> str:
    """The cadre's full ID number, logged as an unmask. The caller checks the role.

    Raises ValidationError when none is recorded or the ciphertext cannot be read."""
    if not cadre.id_number_cipher:
        raise ValidationError("该干部未登记身份证号")
    try:
        number = reveal(cadre.id_number_cipher)
    except crypto.DecryptionError as exc:
        raise ValidationError(f"身份证号无法解密：{exc}") from exc
    with transaction.atomic():
        audit.record(
            actor,
            AuditEntry.Action.UNMASK,
            target=cadre,
            cadre_id=cadre.pk,
            note="查看完整身份证号",
        )
    return number
