"""照片: JPEG or PNG up to 2 MB, recognised by its first bytes (not by name or header)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.people.models import Cadre, CadrePhoto
from cadre.people.services.common import require_editor

MAX_BYTES = 2 * 1024 * 1024
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def sniff(data: bytes) -> str | None:
    """The image type by magic bytes: image/jpeg, image/png or None."""
    if data.startswith(JPEG_MAGIC):
        return "image/jpeg"
    if data.startswith(PNG_MAGIC):
        return "image/png"
    return None


def _summary(data: bytes, content_type: str) -> str:
    return f"{content_type} {len(data)}字节 SHA256:{hashlib.sha256(data).hexdigest()[:16]}"


def photo_set(*, cadre: Cadre, data: bytes, actor: Actor) -> CadrePhoto:
    require_editor(actor)
    if not data:
        raise ValidationError({"image": ["请选择照片文件"]})
    if len(data) > MAX_BYTES:
        raise ValidationError({"image": ["照片不能超过2MB"]})
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError({"image": ["照片应为JPEG或PNG格式"]})
    with transaction.atomic():
        photo = CadrePhoto.objects.select_for_update().filter(cadre=cadre).first()
        before = _summary(bytes(photo.image), photo.content_type) if photo else ""
        if photo is None:
            photo = CadrePhoto(cadre=cadre)
        photo.image = data
        photo.content_type = content_type
        photo.save()
        audit.record(
            actor,
            AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            target=photo,
            cadre_id=cadre.pk,
            changes={"photo": [before, _summary(data, content_type)]},
        )
    return photo


def photo_delete(*, cadre: Cadre, actor: Actor) -> None:
    require_editor(actor)
    with transaction.atomic():
        photo = CadrePhoto.objects.select_for_update().filter(cadre=cadre).first()
        if photo is None:
            return
        before = _summary(bytes(photo.image), photo.content_type)
        pk = photo.pk
        photo.delete()
        audit.record(
            actor,
            AuditEntry.Action.DELETE,
            target_type="people.cadrephoto",
            target_id=str(pk),
            target_repr=f"照片:{cadre.pk}",
            cadre_id=cadre.pk,
            changes={"photo": [before, ""]},
        )
