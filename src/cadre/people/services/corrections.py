"""信息更正: a cadre asks the organization department to correct their own record.

A request is a small state machine: 待处理 → 已采纳 (with a note; the editor then changes the
record) or 待处理 → 已驳回 (with a reason). `transition` refuses any other move."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.accounts.models import Role
from cadre.accounts.scope import restrict_cadres
from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.people.models import Cadre, CorrectionRequest

Status = CorrectionRequest.Status

SECTIONS: list[tuple[str, str]] = [
    ("basic", "基本信息"),
    ("education", "学历学位"),
    ("resume", "简历"),
    ("family", "家庭成员及社会关系"),
    ("appointments", "任职情况"),
    ("ranks", "职级"),
    ("grades", "级别"),
    ("assessments", "年度考核"),
    ("rewards", "奖励"),
    ("sanctions", "处分"),
    ("photo", "照片"),
    ("other", "其他"),
]
SECTION_NAMES = dict(SECTIONS)
MAX_MESSAGE = 2000
MAX_PENDING = 10

# (from, to) → audit action. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.PENDING, Status.APPROVED): AuditEntry.Action.APPROVE,
    (Status.PENDING, Status.REJECTED): AuditEntry.Action.REJECT,
}


def section_name(code: str) -> str:
    return SECTION_NAMES.get(code, code)


def correction_submit(
    *, cadre: Cadre, section: str, message: str, actor: Actor
) -> CorrectionRequest:
    """A cadre (role self) submits a request about their own record."""
    user = actor.user
    if user is None or user.role != Role.SELF or user.cadre_id != cadre.pk:
        raise ValidationError("只能对本人的信息提出更正申请")
    errors: dict[str, list[str]] = {}
    if section not in SECTION_NAMES:
        errors["section"] = ["请选择涉及的内容"]
    text = (message or "").strip()
    if not text:
        errors["message"] = ["请填写需要更正的内容"]
    elif len(text) > MAX_MESSAGE:
        errors["message"] = [f"更正内容不能超过{MAX_MESSAGE}个字"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pending = CorrectionRequest.objects.filter(cadre=cadre, status=Status.PENDING).count()
        if pending >= MAX_PENDING:
            raise ValidationError(f"您已有{pending}条待处理的申请，请等待处理后再提交")
        request = CorrectionRequest.objects.create(
            cadre=cadre, requested_by=user, section=section, message=text
        )
        audit.record(
            actor,
            AuditEntry.Action.CREATE,
            target=request,
            target_repr=f"信息更正申请：{section_name(section)}",
            cadre_id=cadre.pk,
            changes={
                "section": [None, section],
                "message": [None, text],
                "status": [None, Status.PENDING],
            },
        )
    return request


def transition(
    *, request: CorrectionRequest, to: str, note: str, actor: Actor
) -> CorrectionRequest:
    """Decide a pending request. Only an org admin whose scope holds the cadre may decide."""
    user = actor.user
    if user is None or not user.approves_corrections:
        raise ValidationError("只有组织部干部管理员可以处理更正申请")
    if not restrict_cadres(Cadre.objects.filter(pk=request.cadre_id), user).exists():
        raise ValidationError("该申请不在您的管理范围内")
    text = (note or "").strip()
    if to == Status.REJECTED and not text:
        raise ValidationError({"note": ["驳回时请填写理由"]})
    if len(text) > 300:
        raise ValidationError({"note": ["处理意见不能超过300个字"]})
    with transaction.atomic():
        locked = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
        action = TRANSITIONS.get((locked.status, to))
        if action is None:
            raise ValidationError(
                f"该申请当前为“{locked.get_status_display()}”，不能改为“{Status(to).label}”"
                if to in Status.values
                else "处理结果无效"
            )
        before = audit.snapshot(locked, ["status", "decision_note", "decided_by", "decided_at"])
        locked.status = to
        locked.decision_note = text
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        after = audit.snapshot(locked, ["status", "decision_note", "decided_by", "decided_at"])
        audit.record(
            actor,
            action,
            target=locked,
            target_repr=f"信息更正申请：{section_name(locked.section)}",
            cadre_id=locked.cadre_id,
            changes=audit.diff(before, after),
            note=text,
        )
    return locked


def correction_approve(
    *, request: CorrectionRequest, note: str = "", actor: Actor
) -> CorrectionRequest:
    return transition(request=request, to=Status.APPROVED, note=note, actor=actor)


def correction_reject(
    *, request: CorrectionRequest, reason: str, actor: Actor
) -> CorrectionRequest:
    return transition(request=request, to=Status.REJECTED, note=reason, actor=actor)
