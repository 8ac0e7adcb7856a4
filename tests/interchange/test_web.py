"""The interchange pages: upload → preview → problems workbook → commit; exports; scope."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from cadre.core.models import AuditEntry
from cadre.interchange.models import ImportBatch
from cadre.people.models import Cadre
from tests.interchange.builders import person, simple

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client, county):
    def _login(username: str):
        client.force_login(county.users[username])
        return client

    return _login


def upload(client, unit, data: bytes, name: str = "名册.xlsx"):
    return client.post(
        "/interchange/roster/import/",
        {"file": SimpleUploadedFile(name, data), "unit": unit.pk, "staff_category": ""},
    )


def test_upload_preview_problems_commit_valid_rows(county, login):
    client = login("rsk")
    bad = person(3, "孙七")
    bad[3] = "1985.13"
    response = upload(client, county.town_a, simple([person(1, "王五"), bad]))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.summary["create"] == 1 and batch.summary["error_rows"] == 1
    assert batch.payload and "王五" not in batch.payload  # stored encrypted
    page = client.get(response.url).content.decode()
    assert "将新增" in page and "月份无效" in page and "只导入无误的" in page
    sheet = client.get(f"/interchange/batches/{batch.pk}/problems.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(0)
    data = rows.to_python()
    assert data[0][:3] == ["工作表", "行", "列"] and data[1][2] == "D"
    assert not Cadre.objects.filter(name="王五").exists()
    assert (
        client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "all"}).status_code == 409
    )
    assert not Cadre.objects.filter(name="王五").exists()
    response = client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "valid"})
    assert response.status_code == 302
    assert Cadre.objects.filter(name="王五", unit=county.town_a).exists()
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.payload == ""
    assert "新增 1 人" in client.get(response.url).content.decode()
    again = client.post(f"/interchange/batches/{batch.pk}/commit/", {"mode": "valid"})
    assert again.status_code == 409
    assert Cadre.objects.filter(name="王五").count() == 1


def test_refused_file_shows_the_reason(county, login):
    response = upload(login("zzb"), county.town_a, b"hello", "名册.txt")
    assert response.status_code == 200 and "不支持的文件类型" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_import_only_for_editors_and_units_in_scope(county, login):
    assert login("leader").get("/interchange/roster/import/").status_code == 403
    client = login("rsk")
    response = upload(client, county.town_b, simple([person(1, "王五")]))
    assert response.status_code == 200 and not ImportBatch.objects.exists()  # not a choice


def test_a_batch_is_visible_to_its_uploader_only(county, login, client):
    upload(login("zzb"), county.town_a, simple([person(1, "王五")]))
    batch = ImportBatch.objects.get()
    client.logout()
    assert login("rsk").get(f"/interchange/batches/{batch.pk}/").status_code == 404


def test_roster_export_scoped_and_audited(county, login):
    client = login("rsk")
    ok = client.get(f"/interchange/roster/export/?unit={county.town_a.pk}&columns=name,age")
    assert ok.status_code == 200
    data = CalamineWorkbook.from_filelike(io.BytesIO(ok.content)).get_sheet_by_index(0)
    assert data.to_python()[1] == ["姓名", "年龄"]
    assert client.get(f"/interchange/roster/export/?unit={county.town_b.pk}").status_code == 404
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
