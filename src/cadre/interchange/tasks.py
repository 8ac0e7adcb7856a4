"""Background tasks of the web import (django-tasks, run by `cadre db_worker`): check an
uploaded roster, commit a checked one. Each task rebuilds the acting user from ids, calls
one service, and turns any failure into a failed batch with a Chinese message — a refused
file or a permission says why; anything unexpected is logged and reported in general
terms. Nothing is written by a failed task: the check only reads, the commit is one
transaction."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_tasks import task

from cadre.accounts.models import User
from cadre.core.actors import Actor
from cadre.interchange import services
from cadre.interchange.commit import ImportConflict
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.models import ImportBatch

logger = logging.getLogger(__name__)

UNEXPECTED = "后台处理时发生意外错误，未写入任何数据。请稍后重试；如仍失败，请联系系统管理员。"
PROGRESS_EVERY = 0.5  # seconds between two progress writes of one phase


class BatchProgress:
    """progress(phase, done, total) for a batch: a small UPDATE of the batch row, in
    autocommit (the check and the re-check run outside any transaction), so the page sees
    it at once. Within one phase at most one write every ``every`` seconds; a new phase
    and the end of one are always written."""

    def __init__(
        self,
        batch_id: int,
        *,
        every: float = PROGRESS_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.batch_id = batch_id
        self.every = every
        self.clock = clock
        self.phase: str | None = None
        self.last = 0.0
        self.writes = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = self.clock()
        if phase == self.phase and done < total and now - self.last < self.every:
            return
        self.phase, self.last = phase, now
        self.writes += 1
        ImportBatch.objects.filter(pk=self.batch_id, status__in=ImportBatch.RUNNING).update(
            progress_phase=phase[:40],
            progress_done=max(0, done),
            progress_total=max(0, total),
            progress_at=timezone.now(),
        )


def actor_for(user_id: int | None, ip: str | None) -> Actor:
    """The user who asked, as they were when they asked: same account, same address (the
    audit entries name both). An account disabled meanwhile may no longer import."""
    if user_id is None:
        return Actor(user=None, ip=ip)
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user.is_active:
        raise PermissionDenied("上传人的账号已停用或不存在，导入已停止")
    return Actor(user=user, ip=ip)


def _guarded(batch_id: int, work: Callable[[], object]) -> str:
    """Run a task body; on failure, fail the batch with a message. Returns the batch's
    status (the task's JSON result)."""
    try:
        work()
    except (InterchangeRefused, PermissionDenied, ImportConflict) as exc:
        services.batch_fail(batch_id=batch_id, message=str(exc) or UNEXPECTED)
    except Exception:
        logger.exception("导入批次 %s：后台任务失败", batch_id)
        services.batch_fail(batch_id=batch_id, message=UNEXPECTED)
    status = ImportBatch.objects.filter(pk=batch_id).values_list("status", flat=True).first()
    return status or ""


@task()
def check_roster_batch(batch_id: int, user_id: int | None, ip: str | None) -> str:
    """Read, validate and plan an uploaded roster; fill the batch's preview."""

    def work() -> None:
        services.batch_check(
            batch_id=batch_id, actor=actor_for(user_id, ip), progress=BatchProgress(batch_id)
        )

    return _guarded(batch_id, work)


@task()
def commit_roster_batch(
    batch_id: int, user_id: int | None, ip: str | None, valid_only: bool
) -> str:
    """Commit a previewed roster in one transaction (planned again against current data)."""

    def work() -> None:
        services.batch_commit(
            batch_id=batch_id,
            valid_only=valid_only,
            actor=actor_for(user_id, ip),
            progress=BatchProgress(batch_id),
        )

    return _guarded(batch_id, work)
