"""Writes of analytics: saving, sharing and deleting combined queries. Each is audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cadre.accounts.models import SCOPED_ROLES, User
from cadre.analytics.models import SavedQuery
from cadre.analytics.query import QueryError, parse
from cadre.core import audit
from cadre.core.models import AuditEntry

if TYPE_CHECKING:
    from cadre.core.actors import Actor

TRACKED = ["name", "description", "query", "shared"]


def _owner(actor: Actor) -> User:
    user = actor.user
    if user is None or user.role not in SCOPED_ROLES:
        raise ValidationError("您没有保存查询的权限")
    return user


def _clean(name: str, description: str, query: Any) -> tuple[str, str, dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = ["请填写查询名称"]
    elif len(name) > 80:
        errors["name"] = ["查询名称不超过80个字"]
    description = (description or "").strip()
    if len(description) > 300:
        errors["description"] = ["说明不超过300个字"]
    checked: dict[str, Any] = {}
    try:
        checked = parse(query)
    except QueryError as exc:
        errors["query"] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return name, description, checked


def _check_owner(saved: SavedQuery, actor: Actor) -> None:
    if actor.user is None or saved.owner_id != actor.user.pk:
        raise ValidationError("只能修改本人创建的查询")


def _save(saved: SavedQuery) -> None:
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        raise ValidationError({"name": ["已有同名的查询，请换一个名称"]}) from None


@transaction.atomic
def saved_query_create(
    *, name: str, query: Any, description: str = "", shared: bool = False, actor: Actor
) -> SavedQuery:
    owner = _owner(actor)
    name, description, checked = _clean(name, description, query)
    saved = SavedQuery(
        owner=owner, name=name, description=description, query=checked, shared=shared
    )
    _save(saved)
    audit.record(
        actor,
        AuditEntry.Action.CREATE,
        target=saved,
        changes=audit.diff({}, audit.snapshot(saved, TRACKED)),
    )
    return saved


@transaction.atomic
def saved_query_update(
    *, saved: SavedQuery, name: str, query: Any, description: str = "", actor: Actor
) -> SavedQuery:
    _check_owner(saved, actor)
    before = audit.snapshot(saved, TRACKED)
    saved.name, saved.description, saved.query = _clean(name, description, query)
    _save(saved)
    changes = audit.diff(before, audit.snapshot(saved, TRACKED))
    if changes:
        audit.record(actor, AuditEntry.Action.UPDATE, target=saved, changes=changes)
    return saved


@transaction.atomic
def saved_query_share(
    *, saved: SavedQuery, shared: bool, shared_with: Iterable[User] = (), actor: Actor
) -> SavedQuery:
    """Share with every colleague (``shared``) and/or with the named colleagues only."""
    _check_owner(saved, actor)
    people = {u.pk: u for u in shared_with if u.pk != saved.owner_id}
    wrong = [str(u) for u in people.values() if u.role not in SCOPED_ROLES or not u.is_active]
    if wrong:
        raise ValidationError({"shared_with": [f"不能共享给：{'、'.join(wrong)}"]})
    before = {
        "shared": saved.shared,
        "shared_with": sorted(saved.shared_with.values_list("username", flat=True)),
    }
    saved.shared = bool(shared)
    saved.save(update_fields=["shared", "updated_at"])
    saved.shared_with.set(list(people.values()))
    after = {"shared": saved.shared, "shared_with": sorted(u.username for u in people.values())}
    changes = audit.diff(before, after)
    if changes:
        audit.record(
            actor, AuditEntry.Action.UPDATE, target=saved, changes=changes, note="共享设置"
        )
    return saved


@transaction.atomic
def saved_query_delete(*, saved: SavedQuery, actor: Actor) -> None:
    _check_owner(saved, actor)
    before = audit.snapshot(saved, TRACKED)
    audit.record(actor, AuditEntry.Action.DELETE, target=saved, changes=audit.diff(before, {}))
    saved.delete()


@transaction.atomic
def report_exported(*, unit: Any, total: int, actor: Actor) -> None:
    """An export of statistics leaves an audit entry (who, when, which unit, how many)."""
    audit.record(
        actor,
        AuditEntry.Action.EXPORT,
        target=unit,
        note=f"导出干部情况统计表（{unit.name}，现职干部{total}人）",
    )


class ScanPending(ValidationError):
    """A scan of the subtree is already queued or running: no second one is queued."""


def warnings_scan_requested(*, unit: Any, actor: Actor) -> Any:
    """An 组织部干部管理员 asks for a new warnings scan of a unit subtree in their scope:
    the run is queued and the background task enqueued (audited) — unless a scan of the
    same subtree is already queued or running (`ScanPending`)."""
    from django.utils import timezone

    from cadre.accounts.models import Role
    from cadre.accounts.scope import unit_in_scope
    from cadre.analytics.findings import pending_run
    from cadre.analytics.models import ScanRun
    from cadre.analytics.tasks import scan_warnings

    user = actor.user
    if user is None or user.role != Role.ORG_ADMIN or not unit_in_scope(user, unit):
        raise ValidationError("只有组织部干部管理员可以对管理范围内的单位重新扫描")
    if pending_run(unit) is not None:
        raise ScanPending("该范围的预警扫描已在进行中，请稍候，完成后刷新本页即可看到结果")
    with transaction.atomic():
        run = ScanRun.objects.create(
            unit=unit, unit_path=unit.path, requested_by=user, as_of=timezone.localdate()
        )
        audit.record(
            actor,
            AuditEntry.Action.CREATE,
            target=run,
            target_repr=f"预警扫描：{unit.name}",
            note=f"重新扫描预警（{unit.name}及下级单位）",
        )
    # The database backend stores the task row; a worker (cadre db_worker) runs it.
    scan_warnings.enqueue(run_id=run.pk)
    return run
