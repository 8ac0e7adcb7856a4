"""Unknown headers in the preview: listed with their sheet and column, the uploader says
what each is (or that it is not imported), the file is checked again with those choices,
and the commit imports the column; audited; refused for anything else."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.core.models import AuditEntry
from cadre.interchange.models import ImportBatch
from cadre.people.models import Cadre
from tests.interchange.builders import HEADER, person, simple
from tests.interchange.test_web import upload

pytestmark = pytest.mark.django_db

# The roster's 现任职务 column is headed 岗位 (no synonym knows it); 爱好 is not a cadre field.
RENAMED = [*HEADER[:-1], "岗位", "爱好"]


def _uploaded(client, county) -> ImportBatch:
    rows = [[*person(1, "王五"), "爬山"], [*person(2, "赵六", birth=dt.date(1980, 1, 2)), "下棋"]]
    upload(client, county.town_a, simple(rows, header=RENAMED))
    return ImportBatch.objects.get()


def _choose(client, batch: ImportBatch, fields: dict[str, str], **extra):
    data: dict[str, str] = {}
    for i, h in enumerate(batch.summary["headers"]):
        data[f"k{i}"] = h["key"]
        data[f"f{i}"] = fields.get(h["label"], h["field"])
    return client.post(f"/interchange/batches/{batch.pk}/headers/", data, **extra)


def test_unknown_headers_are_listed_with_their_place_and_a_choice(county, login):
    client = login("rsk")
    batch = _uploaded(client, county)
    assert [(h["column"], h["label"], h["field"]) for h in batch.summary["headers"]] == [
        ("L", "岗位", ""),
        ("M", "爱好", ""),
    ]
    page = client.get(f"/interchange/batches/{batch.pk}/").content.decode()
    assert "未识别的列" in page and "保存并重新检查" in page
    assert 'aria-label="“岗位”对应的项目"' in page and '<option value="current_position"' in page
    assert "未识别的表头" in page  # each is a warning in the problems too


def test_a_chosen_header_is_checked_again_and_imported(county, login):
    client = login("rsk")
    batch = _uploaded(client, county)
    response = _choose(client, batch, {"岗位": "current_position"}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    batch.refresh_from_db()
    # The test task backend has already checked the file again.
    assert batch.status == "previewed" and batch.summary["create"] == 2
    assert batch.options["headers"] == {"岗位": "current_position", "爱好": ""}
    assert [h["field"] for h in batch.summary["headers"]] == ["current_position", ""]
    assert not any("未识别的表头" in p["message"] for p in batch.problems)
    entry = AuditEntry.objects.get(target_type="interchange.importbatch", action="update")
    assert entry.changes["headers"] == [{}, {"岗位": "current_position", "爱好": ""}]
    assert entry.ip == "10.1.2.3"

    client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "all"})
    assert Cadre.objects.get(name="王五").current_position == "科员"
    imported = AuditEntry.objects.get(action="import")
    assert imported.changes["headers"] == {"Sheet1!L 岗位": "current_position"}


def test_without_a_choice_the_column_is_not_imported(county, login):
    client = login("rsk")
    batch = _uploaded(client, county)
    client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "all"})
    assert Cadre.objects.get(name="王五").current_position == ""


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"k0": "岗位", "f0": "age"}, "所选的项目不能导入"),
        ({"k0": "岗位", "f0": "unit_path"}, "所选的项目不能导入"),
        ({"k0": "不存在的表头", "f0": "remarks"}, "文件中没有这些表头"),
    ],
)
def test_a_wrong_choice_is_refused_and_changes_nothing(county, login, post, message):
    client = login("rsk")
    batch = _uploaded(client, county)
    before = (batch.status, batch.options, batch.summary, AuditEntry.objects.count())
    response = client.post(f"/interchange/batches/{batch.pk}/headers/", post)
    assert response.status_code == 409 and message in response.content.decode()
    batch.refresh_from_db()
    assert (batch.status, batch.options, batch.summary, AuditEntry.objects.count()) == before


def test_only_the_uploader_chooses_and_only_while_the_batch_is_open(county, login, client):
    batch = _uploaded(login("rsk"), county)
    client.logout()
    admin = login("zzb")  # an org admin who may see the batch, but not decide on it
    assert "保存并重新检查" not in admin.get(f"/interchange/batches/{batch.pk}/").content.decode()
    assert _choose(admin, batch, {"岗位": "remarks"}).status_code == 404
    client.logout()
    uploader = login("rsk")
    uploader.post(f"/interchange/batches/{batch.pk}/discard/")
    batch.refresh_from_db()
    response = _choose(uploader, batch, {"岗位": "remarks"})
    assert response.status_code == 409 and "已处理" in response.content.decode()
    batch.refresh_from_db()
    assert "headers" not in batch.options
