"""The interchange pages: upload → background check → preview → problems workbook → commit
(background) → report; the status endpoint; exports; scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from python_calamine import CalamineWorkbook

from cadre.accounts.models import Role
from cadre.core.models import AuditEntry
from cadre.interchange.models import ImportBatch
from cadre.people.models import Cadre
from tests.factories import make_user
from tests.interchange.builders import person, simple

pytestmark = pytest.mark.django_db


def upload(client, unit, data: bytes, name: str = "名册.xlsx", **extra):
    return client.post(
        "/interchange/roster/import/",
        {"file": SimpleUploadedFile(name, data), "unit": unit.pk, "staff_category": ""},
        **extra,
    )


def status(client, batch):
    return client.get(f"/interchange/batches/{batch.pk}/status.json")


def test_upload_preview_problems_commit_valid_rows(county, login):
    client = login("rsk")
    bad = person(3, "孙七")
    bad[3] = "1985.13"
    # The check runs as a background task; with the test backend it has run by the redirect.
    response = upload(client, county.town_a, simple([person(1, "王五"), bad]))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == "previewed" and batch.task_id
    assert batch.summary["create"] == 1 and batch.summary["error_rows"] == 1
    assert batch.payload and "王五" not in batch.payload  # stored encrypted
    page = client.get(response.url).content.decode()
    assert "将新增" in page and "月份无效" in page and "只导入无误的" in page
    assert "<progress" not in page and "batch_progress.js" not in page
    sheet = client.get(f"/interchange/batches/{batch.pk}/problems.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(0)
    data = rows.to_python()
    assert data[0][:3] == ["工作表", "行", "列"] and data[1][2] == "D"
    assert not Cadre.objects.filter(name="王五").exists()
    refused = client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "all"})
    assert refused.status_code == 409 and "文件仍有错误" in refused.content.decode()
    assert not Cadre.objects.filter(name="王五").exists()
    response = client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "valid"})
    assert response.status_code == 302
    assert Cadre.objects.filter(name="王五", unit=county.town_a).exists()
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.payload == ""
    assert "新增 1 人" in client.get(response.url).content.decode()
    again = client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "valid"})
    assert again.status_code == 409 and "不能重复导入" in again.content.decode()
    assert Cadre.objects.filter(name="王五").count() == 1


def test_the_commit_is_audited_as_the_uploader_from_their_address(county, login):
    client = login("rsk")
    upload(client, county.town_a, simple([person(1, "王五")]), REMOTE_ADDR="10.1.2.3")
    batch = ImportBatch.objects.get()
    client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "all"}, REMOTE_ADDR="10.1.2.3")
    entries = AuditEntry.objects.filter(action__in=["create", "import"])
    assert sorted(e.action for e in entries) == ["create", "import"]
    assert {(e.actor_id, e.actor_name, e.ip) for e in entries} == {
        (county.users["rsk"].pk, "rsk", "10.1.2.3")
    }


def test_the_same_file_twice_changes_nothing_the_second_time(county, login):
    client = login("zzb")
    data = simple([person(1, "王五"), person(2, "赵六")])
    upload(client, county.town_a, data)
    first = ImportBatch.objects.get()
    client.post(f"/interchange/batches/{first.pk}/commit/", {"mode": "all"})
    entries = AuditEntry.objects.count()
    upload(client, county.town_a, data)
    second = ImportBatch.objects.exclude(pk=first.pk).get()
    assert second.summary["unchanged"] == 2 and second.summary["create"] == 0
    client.post(f"/interchange/batches/{second.pk}/commit/", {"mode": "all"})
    second.refresh_from_db()
    assert second.status == "committed" and second.result["unchanged"] == 2
    assert AuditEntry.objects.count() == entries
    assert Cadre.objects.filter(name__in=["王五", "赵六"]).count() == 2


def test_refused_file_fails_the_batch_with_its_reason(county, login):
    client = login("zzb")
    cadres, entries = Cadre.objects.count(), AuditEntry.objects.count()
    response = upload(client, county.town_a, b"hello", "名册.txt")
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == "failed" and "不支持的文件类型" in batch.message
    assert batch.payload == ""  # the file is not kept
    page = client.get(response.url).content.decode()
    assert "导入失败" in page and "不支持的文件类型" in page and "未写入任何数据" in page
    assert status(client, batch).json()["status"] == "failed"
    listing = client.get("/interchange/roster/import/").content.decode()
    assert "名册.txt" in listing and "失败" in listing and "甲镇" in listing
    assert client.post(f"/interchange/batches/{batch.pk}/commit/").status_code == 409
    assert Cadre.objects.count() == cadres and AuditEntry.objects.count() == entries


def test_import_only_for_editors_and_units_in_scope(county, login):
    assert login("leader").get("/interchange/roster/import/").status_code == 403
    client = login("rsk")
    response = upload(client, county.town_b, simple([person(1, "王五")]))
    assert response.status_code == 200 and not ImportBatch.objects.exists()  # not a choice


def test_a_batch_is_seen_by_its_uploader_and_org_admins_in_scope_only(county, login, client):
    other_admin = make_user("zzb_b", Role.ORG_ADMIN, [county.town_b])
    upload(login("rsk"), county.town_a, simple([person(1, "王五")]))
    batch = ImportBatch.objects.get()
    page, state = (
        f"/interchange/batches/{batch.pk}/",
        f"/interchange/batches/{batch.pk}/status.json",
    )
    assert client.get(page).status_code == 200 and client.get(state).status_code == 200
    client.logout()
    admin = login("zzb")  # the county's org admin sees it, but only its uploader decides
    assert admin.get(page).status_code == 200 and admin.get(state).status_code == 200
    assert "确认导入" not in admin.get(page).content.decode()
    assert admin.post(f"/interchange/batches/{batch.pk}/commit/").status_code == 404
    assert admin.post(f"/interchange/batches/{batch.pk}/discard/").status_code == 404
    client.logout()
    for outsider in (other_admin, county.users["leader"]):
        client.force_login(outsider)
        assert client.get(page).status_code == 404
        assert client.get(state).status_code == 404
        assert client.get(f"/interchange/batches/{batch.pk}/problems.xlsx").status_code == 404
    assert client.get("/interchange/batches/999999/status.json").status_code == 404
    batch.refresh_from_db()
    assert batch.status == "previewed"


def test_status_endpoint_reports_progress_as_json(county, login, django_assert_max_num_queries):
    client = login("rsk")
    upload(client, county.town_a, simple([person(1, "王五"), person(2, "赵六")]))
    batch = ImportBatch.objects.get()
    with django_assert_max_num_queries(4):  # session, user, batch with its unit, scope
        state = status(client, batch)
    assert state["Content-Type"] == "application/json" and state["Cache-Control"] == "no-store"
    assert state.json() == {
        "status": "previewed",
        "label": "待确认",
        "running": False,
        "phase": "检查",
        "done": 2,
        "total": 2,
        "message": "",
    }
    ImportBatch.objects.filter(pk=batch.pk).update(
        status="checking", progress_phase="检查", progress_done=1000, progress_total=5000
    )
    assert status(client, batch).json() | {"message": ""} == {
        "status": "checking",
        "label": "检查中",
        "running": True,
        "phase": "检查",
        "done": 1000,
        "total": 5000,
        "message": "",
    }
    page = client.get(f"/interchange/batches/{batch.pk}/").content.decode()
    assert '<progress data-batch-bar max="5000" value="1000">' in page
    assert "interchange/batch_progress" in page and "status.json" in page
    assert "刷新页面" in page and "确认导入" not in page


def test_a_commit_under_way_or_done_is_not_started_again(county, login):
    client = login("rsk")
    upload(client, county.town_a, simple([person(1, "王五")]))
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(status="committing")
    busy = client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "all"})
    assert busy.status_code == 409 and "正在导入" in busy.content.decode()
    assert client.post(f"/interchange/batches/{batch.pk}/discard/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "committing"  # a commit under way cannot be discarded
    assert not Cadre.objects.filter(name="王五").exists()


def test_discard_drops_the_file_and_writes_nothing(county, login):
    client = login("rsk")
    upload(client, county.town_a, simple([person(1, "王五")]))
    batch = ImportBatch.objects.get()
    assert client.post(f"/interchange/batches/{batch.pk}/discard/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "discarded" and batch.payload == ""
    entry = AuditEntry.objects.get(target_type="interchange.importbatch")
    assert entry.action == "update" and entry.target_id == str(batch.pk)
    assert entry.actor == county.users["rsk"] and entry.changes["status"][1] == "discarded"
    assert "放弃导入" in entry.note and batch.file_name in entry.note
    assert client.post(f"/interchange/batches/{batch.pk}/commit/").status_code == 409
    assert not Cadre.objects.filter(name="王五").exists()
    # Discarding again changes nothing and writes no second entry.
    assert client.post(f"/interchange/batches/{batch.pk}/discard/").status_code == 302
    assert AuditEntry.objects.filter(target_type="interchange.importbatch").count() == 1


def stalled(batch, status: str, minutes: float, *, progress: bool = True) -> None:
    """The batch left in ``status`` by a task last heard of ``minutes`` ago."""
    then = timezone.now() - dt.timedelta(minutes=minutes)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=status,
        progress_at=then if progress else None,
        created_at=then,
        progress_phase="写入",
        progress_done=0,
        progress_total=1,
    )


@pytest.mark.parametrize("left_in", ["checking", "committing"])
def test_a_batch_whose_task_died_shows_as_interrupted_and_can_be_discarded(county, login, left_in):
    client = login("rsk")
    upload(client, county.town_a, simple([person(1, "王五")]))
    batch = ImportBatch.objects.get()
    stalled(batch, left_in, 31)
    discard = f'action="/interchange/batches/{batch.pk}/discard/"'
    page = client.get(f"/interchange/batches/{batch.pk}/").content.decode()
    assert "中断" in page and "30分钟没有进展" in page and discard in page
    assert "<progress" not in page and "batch_progress.js" not in page
    state = status(client, batch).json()
    assert (state["status"], state["label"], state["running"]) == (left_in, "中断", False)
    assert "未写入任何数据" in state["message"]
    admin_page = login("zzb").get(f"/interchange/batches/{batch.pk}/").content.decode()
    assert "中断" in admin_page and discard not in admin_page  # only its uploader decides
    client = login("rsk")
    assert client.post(f"/interchange/batches/{batch.pk}/discard/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "discarded" and batch.payload == ""
    assert not Cadre.objects.filter(name="王五").exists()
    assert client.post(f"/interchange/batches/{batch.pk}/commit/").status_code == 409


def test_a_commit_with_recent_progress_is_not_interrupted(county, login):
    client = login("rsk")
    upload(client, county.town_a, simple([person(1, "王五")]))
    batch = ImportBatch.objects.get()
    stalled(batch, "committing", 29)
    page = client.get(f"/interchange/batches/{batch.pk}/").content.decode()
    assert "中断" not in page and "<progress" in page and "/discard/" not in page
    assert status(client, batch).json()["running"] is True
    client.post(f"/interchange/batches/{batch.pk}/discard/")
    batch.refresh_from_db()
    assert batch.status == "committing"


def test_interrupted_counts_from_the_upload_without_progress_and_follows_the_setting(
    county, login, settings
):
    settings.CADRE_IMPORT_STALE_MINUTES = 5
    client = login("rsk")
    upload(client, county.town_a, simple([person(1, "王五")]))
    batch = ImportBatch.objects.get()
    stalled(batch, "committing", 4, progress=False)
    assert status(client, batch).json()["label"] == "导入中"
    stalled(batch, "committing", 6, progress=False)
    assert status(client, batch).json()["label"] == "中断"
    for finished in ("previewed", "committed", "failed"):
        stalled(batch, finished, 60)
        assert status(client, batch).json()["label"] != "中断"
    stalled(batch, "committing", 6, progress=False)
    client.post(f"/interchange/batches/{batch.pk}/discard/")
    batch.refresh_from_db()
    assert batch.status == "discarded"


def test_roster_export_scoped_and_audited(county, login):
    client = login("rsk")
    ok = client.get(f"/interchange/roster/export/?unit={county.town_a.code}&columns=name,age")
    assert ok.status_code == 200
    data = CalamineWorkbook.from_filelike(io.BytesIO(ok.content)).get_sheet_by_index(0)
    assert data.to_python()[1] == ["姓名", "年龄"]
    assert client.get(f"/interchange/roster/export/?unit={county.town_b.code}").status_code == 404
    assert client.get("/interchange/roster/export/").status_code == 200
    assert AuditEntry.objects.filter(action="export").count() == 1


def test_lrmx_and_adform_downloads_are_scoped(county, login):
    client = login("rsk")
    a, b = county.cadre_a.pk, county.cadre_b.pk
    lrmx = client.get(f"/interchange/lrmx/export/{a}/")
    assert lrmx.status_code == 200 and b"<XingMing>" in lrmx.content
    assert client.get(f"/interchange/lrmx/export/{b}/").status_code == 404
    docx = client.get(f"/interchange/adform/{a}.docx?proposed=局长")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get(f"/interchange/adform/{b}.docx").status_code == 404
    assert AuditEntry.objects.filter(action="export").count() == 2
