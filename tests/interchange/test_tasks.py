"""The background tasks of the web import: progress written to the batch, failures kept as
a Chinese message with nothing written, the acting user rebuilt from ids, conditional state
changes (a discarded batch is not checked, a committed one not committed again), and the
whole flow through the database task queue and `cadre db_worker`."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange import services
from cadre.interchange.models import ImportBatch
from cadre.interchange.tasks import (
    UNEXPECTED,
    BatchProgress,
    check_roster_batch,
    commit_roster_batch,
)
from cadre.people.identity import id_number_fields
from cadre.people.models import Cadre
from tests.factories import make_cadre
from tests.interchange.builders import person, simple

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def uploaded(county, rows, user="rsk", ip="10.0.0.7", data=None, name="名册.xlsx"):
    actor = Actor(user=county.users[user], ip=ip)
    return services.roster_upload(
        data=data if data is not None else simple(rows),
        file_name=name,
        unit=county.town_a,
        actor=actor,
    )


def commit(county, batch, valid_only=False, user="rsk", ip="10.0.0.7"):
    services.roster_commit(
        batch=batch, valid_only=valid_only, actor=Actor(user=county.users[user], ip=ip)
    )
    batch.refresh_from_db()
    return batch


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_is_written_at_most_every_half_second_within_a_phase(county):
    batch = uploaded(county, [person(1)])
    ImportBatch.objects.filter(pk=batch.pk).update(status="checking")
    clock = Clock()
    progress = BatchProgress(batch.pk, clock=clock)

    def row() -> tuple[str, int, int]:
        b = ImportBatch.objects.get(pk=batch.pk)
        return b.progress_phase, b.progress_done, b.progress_total

    progress("读取文件", 0, 0)
    progress("检查", 1000, 5000)  # a new phase: written
    assert row() == ("检查", 1000, 5000)
    clock.now += 0.2
    progress("检查", 2000, 5000)  # too soon
    assert row() == ("检查", 1000, 5000) and progress.writes == 2
    clock.now += 0.4
    progress("检查", 3000, 5000)
    assert row() == ("检查", 3000, 5000)
    clock.now += 0.1
    progress("检查", 5000, 5000)  # the end of a phase is always written
    assert row() == ("检查", 5000, 5000) and progress.writes == 4
    ImportBatch.objects.filter(pk=batch.pk).update(status="previewed")
    clock.now += 1
    progress("写入", 1, 2)  # a finished batch is left alone
    assert row() == ("检查", 5000, 5000)


def test_check_and_commit_report_their_phases(county, settings):
    settings.TASKS = DUMMY_TASKS  # queued only: the task bodies are run below, by hand
    batch = uploaded(county, [person(1, "王五"), person(2, "赵六")])
    assert batch.status == "queued" and batch.progress_phase == "排队等待后台处理"
    actor = Actor(user=county.users["rsk"], ip="10.0.0.7")
    seen: list[tuple[str, int, int]] = []
    assert services.batch_check(batch_id=batch.pk, actor=actor, progress=lambda *a: seen.append(a))
    assert seen == [("读取文件", 0, 0), ("检查", 2, 2)]
    batch.refresh_from_db()
    batch = commit(county, batch)
    assert batch.status == "committing"
    seen.clear()
    services.batch_commit(
        batch_id=batch.pk, valid_only=False, actor=actor, progress=lambda *a: seen.append(a)
    )
    # Before the transaction: what will be written; inside it nothing is visible anyway.
    assert seen == [("读取文件", 0, 0), ("检查", 2, 2), ("写入", 0, 2)]
    batch.refresh_from_db()
    assert batch.status == "committed"
    assert (batch.progress_done, batch.progress_total) == (2, 2)


def test_progress_is_recorded_on_the_batch(county):
    batch = uploaded(county, [person(n, f"王{n}") for n in range(1, 4)])
    assert (batch.status, batch.progress_phase) == ("previewed", "检查")
    assert (batch.progress_done, batch.progress_total) == (3, 3)
    assert batch.progress_at is not None
    batch = commit(county, batch)
    assert (batch.status, batch.progress_phase) == ("committed", "写入")
    assert (batch.progress_done, batch.progress_total) == (3, 3)


def test_a_corrupt_workbook_fails_the_batch_with_its_reason(county):
    before = (Cadre.objects.count(), AuditEntry.objects.count())
    batch = uploaded(county, [], data=b"PK\x03\x04 not really a workbook")
    assert batch.status == "failed" and batch.message and batch.payload == ""
    assert batch.decided_at is not None
    assert (Cadre.objects.count(), AuditEntry.objects.count()) == before


def test_an_unexpected_error_during_commit_fails_the_batch_and_writes_nothing(
    county, monkeypatch, caplog
):
    batch = uploaded(county, [person(1, "王五")])
    real = services.commit_plan

    def breaks_after_writing(*args, **kwargs):
        real(*args, **kwargs)  # the cadre and its audit entry are written …
        raise RuntimeError("disk full")  # … and then something breaks

    monkeypatch.setattr(services, "commit_plan", breaks_after_writing)
    entries = AuditEntry.objects.count()
    with caplog.at_level(logging.ERROR, logger="cadre.interchange.tasks"):
        batch = commit(county, batch)
    assert batch.status == "failed" and batch.message == UNEXPECTED
    assert "disk full" not in batch.message and batch.payload == ""
    assert any("disk full" in (r.exc_text or "") for r in caplog.records)
    assert not Cadre.objects.filter(name="王五").exists()
    assert AuditEntry.objects.count() == entries


def test_a_user_disabled_before_the_commit_runs_writes_nothing(county, settings):
    batch = uploaded(county, [person(1, "王五")])
    settings.TASKS = DUMMY_TASKS
    batch = commit(county, batch)
    rsk = county.users["rsk"]
    rsk.is_active = False
    rsk.save(update_fields=["is_active"])
    assert commit_roster_batch.call(batch.pk, rsk.pk, "10.0.0.7", False) == "failed"
    batch.refresh_from_db()
    assert "已停用" in batch.message
    assert not Cadre.objects.filter(name="王五").exists()


def test_a_batch_discarded_while_queued_is_not_checked(county, settings):
    settings.TASKS = DUMMY_TASKS
    batch = uploaded(county, [person(1, "王五")])
    services.batch_discard(batch=batch, actor=Actor(user=county.users["rsk"]))
    assert check_roster_batch.call(batch.pk, county.users["rsk"].pk, None) == "discarded"
    batch.refresh_from_db()
    assert batch.summary == {} and batch.payload == ""


def test_an_interrupted_commit_once_discarded_writes_nothing_if_its_task_runs_after_all(
    county, settings
):
    batch = uploaded(county, [person(1, "王五")])
    settings.TASKS = DUMMY_TASKS
    batch = commit(county, batch)  # queued, never run: its worker died
    rsk = Actor(user=county.users["rsk"])
    assert not services.batch_discard(batch=batch, actor=rsk)  # still a commit under way
    long_ago = timezone.now() - dt.timedelta(minutes=31)
    ImportBatch.objects.filter(pk=batch.pk).update(progress_at=long_ago)
    batch.refresh_from_db()
    assert services.batch_interrupted(batch)
    assert services.batch_discard(batch=batch, actor=rsk)
    entries = AuditEntry.objects.count()
    assert commit_roster_batch.call(batch.pk, rsk.user.pk, None, False) == "discarded"
    assert not Cadre.objects.filter(name="王五").exists()
    assert AuditEntry.objects.count() == entries


def test_a_committed_batch_is_not_committed_again_by_a_repeated_task(county):
    batch = commit(county, uploaded(county, [person(1, "王五")]))
    assert batch.status == "committed"
    entries = AuditEntry.objects.count()
    rsk = county.users["rsk"]
    assert commit_roster_batch.call(batch.pk, rsk.pk, "10.0.0.7", False) == "committed"
    assert AuditEntry.objects.count() == entries
    assert Cadre.objects.filter(name="王五").count() == 1


def test_a_recheck_finding_new_errors_returns_the_batch_to_preview(county):
    row = person(1, "王五")
    batch = uploaded(county, [row])
    assert batch.summary["create"] == 1
    # Meanwhile the same person is entered in the other township, outside rsk's scope.
    make_cadre(county.town_b, "王五", **id_number_fields(row[4]))
    batch = commit(county, batch)
    assert batch.status == "previewed" and "文件仍有错误" in batch.message
    assert batch.summary["error_rows"] == 1
    assert any("管理范围" in p["message"] for p in batch.problems)
    assert Cadre.objects.filter(name="王五").count() == 1  # only the other township's


def test_the_whole_flow_through_the_database_queue_and_the_worker(county, settings, monkeypatch):
    settings.TASKS = DB_TASKS
    # The worker closes "old" connections between tasks; here it shares the test's
    # connection, whose transaction (rolled back after the test) must stay open.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    batch = uploaded(county, [person(1, "王五")])
    assert batch.status == "queued" and batch.task_id
    assert DBTaskResult.objects.filter(id=batch.task_id).exists()
    call_command("db_worker", "--batch", "--no-startup-delay")
    batch.refresh_from_db()
    assert batch.status == "previewed" and batch.summary["create"] == 1
    assert check_roster_batch.get_result(batch.task_id).return_value == "previewed"
    batch = commit(county, batch, ip="10.0.0.8")
    assert batch.status == "committing"
    assert not Cadre.objects.filter(name="王五").exists()
    call_command("db_worker", "--batch", "--no-startup-delay")
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.result["created"] == 1
    created = AuditEntry.objects.get(action="create", target_repr="王五")
    assert (created.actor_name, created.ip) == ("rsk", "10.0.0.8")


def test_a_task_that_cannot_be_queued_fails_the_batch_not_the_request(county, settings):
    # The backend refuses the task (its queue is not served): nothing runs, nothing is kept.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["elsewhere"],
        }
    }
    batch = uploaded(county, [person(1, "王五")])
    assert batch.status == "failed" and "无法启动后台处理" in batch.message
    assert batch.payload == "" and not Cadre.objects.filter(name="王五").exists()
