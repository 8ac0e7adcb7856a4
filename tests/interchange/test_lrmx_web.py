"""LRMX on the web: upload → field-by-field comparison → accept some files → commit; refused
files; permissions and scope; the export of a selection as a .zip of "姓名.lrmx"."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.uploadedfile import SimpleUploadedFile

from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.lrmx.export import export_one
from cadre.interchange.models import ImportBatch
from cadre.people.identity import id_number_fields, reveal
from cadre.people.models import Cadre
from tests.factories import id_number, make_cadre
from tests.interchange.rich import rich_cadre
from tests.interchange.samples import zipped

pytestmark = pytest.mark.django_db

IMPORT = "/interchange/lrmx/import/"
EXPORT = "/interchange/lrmx/export/"
SYSTEM = Actor(user=None)

NEW_PERSON = """<?xml version="1.0" encoding="UTF-8"?>
<Person>
  <XingMing>赵六</XingMing>
  <XingBie>男</XingBie>
  <ChuShengNianYue>198503</ChuShengNianYue>
  <MinZu>汉族</MinZu>
  <JianLi>2005.09--2009.07  某某大学学习\r
2009.07--         某某县财政局科员（其间：2012.09--2014.07在某某大学在职学习）</JianLi>
  <JiaTingChengYuan><Item><ChengWei>配偶</ChengWei><XingMing>钱七</XingMing></Item></JiaTingChengYuan>
  <ShenFenZheng>{id}</ShenFenZheng>
</Person>"""


def lrmx_of(cadre: Cadre, **replace: tuple[str, str]) -> bytes:
    """The cadre's exported .lrmx with some texts replaced (old → new)."""
    text = export_one(cadre=cadre, actor=SYSTEM).decode()
    for old, new in replace.values():
        assert old in text
        text = text.replace(old, new)
    return text.encode()


def new_person(birth: dt.date = dt.date(1985, 3, 12)) -> tuple[str, bytes]:
    number = id_number(birth, "1")
    return number, NEW_PERSON.format(id=number).encode()


def upload(client, data: bytes, name: str = "a.lrmx", unit=None, staff_category: str = ""):
    return client.post(
        IMPORT,
        {
            "file": SimpleUploadedFile(name, data),
            "unit": unit.pk if unit else "",
            "staff_category": staff_category,
        },
    )


def commit(client, batch: ImportBatch, *accept: int):
    return client.post(
        f"/interchange/lrmx/batches/{batch.pk}/commit/", {"accept": [str(i) for i in accept]}
    )


def counts() -> tuple[int, int]:
    return Cadre.objects.count(), AuditEntry.objects.count()


# --- import -----------------------------------------------------------------------------------


def test_given_a_changed_file_when_uploaded_then_the_changed_fields_are_compared(county, login):
    c = rich_cadre(county.town_a)
    data = lrmx_of(
        c,
        place=("<JiGuan>河北石家庄</JiGuan>", "<JiGuan>山东济南</JiGuan>"),
        nation=("<MinZu>汉族</MinZu>", "<MinZu>回族</MinZu>"),
        family=("某某大学学生", "某某公司职员"),
    )
    client = login("rsk")
    before = counts()
    response = upload(client, data, "王建华.lrmx")
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.kind == "lrmx" and batch.is_open
    assert batch.payload and "王建华" not in batch.payload  # kept encrypted
    assert counts() == before  # a preview writes nothing
    page = client.get(response.url).content.decode()
    assert "<th>字段</th><th>系统中</th><th>文件中</th>" in page
    assert "<th>籍贯</th><td>河北石家庄</td><td>山东济南</td>" in page
    assert "<th>民族</th><td>汉族</td><td>回族</td>" in page  # codes shown as names
    assert "某某大学学生" in page and "某某公司职员" in page  # family members as text
    assert f'href="/cadres/{c.pk}/"' in page
    assert 'name="accept" value="0"' in page and "checked" in page
    assert reveal(c.id_number_cipher) not in page

    response = commit(client, batch, 0)
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.native_place == "山东济南" and c.ethnicity != "01"
    assert c.family_members.get(name="王小明").work_unit_position == "某某公司职员"
    update = AuditEntry.objects.get(action="update", cadre_id=c.pk)
    assert update.changes["native_place"] == ["河北石家庄", "山东济南"]
    entry = AuditEntry.objects.get(action="import")
    assert entry.changes == {"files": 1, "accepted": 1, "created": 0, "updated": 1}
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.payload == ""
    assert "changes" not in batch.summary["entries"][0]  # compared values dropped once decided
    assert "更新 1 人" in client.get(response.url).content.decode()
    again = commit(client, batch, 0)
    assert again.status_code == 409 and "已处理" in again.content.decode()
    assert AuditEntry.objects.filter(action="update").count() == 1


def test_given_a_zip_when_only_some_files_are_accepted_then_only_those_are_written(county, login):
    c = rich_cadre(county.town_a)
    other = make_cadre(county.town_a, "孙八", native_place="河北保定")
    number, new = new_person()
    data = zipped(
        {
            "批次/王建华.lrmx": lrmx_of(
                c, p=("<JiGuan>河北石家庄</JiGuan>", "<JiGuan>山东济南</JiGuan>")
            ),
            "批次/孙八.lrmx": lrmx_of(
                other, p=("<JiGuan>河北保定</JiGuan>", "<JiGuan>天津</JiGuan>")
            ),
            "批次/赵六.lrmx": new,
        }
    )
    client = login("rsk")
    response = upload(client, data, "批次.zip", unit=county.town_a, staff_category="11")
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert [e["entry"] for e in batch.summary["entries"]] == [
        "王建华.lrmx",
        "孙八.lrmx",
        "赵六.lrmx",
    ]
    assert [e["kind"] for e in batch.summary["entries"]] == ["update", "update", "create"]
    page = client.get(response.url).content.decode()
    assert "<th>籍贯</th><td>河北保定</td><td>天津</td>" in page
    assert "新增" in page and "甲镇" in page
    assert "（其间：2012.09--2014.07在某某大学在职学习）" in page  # the new resume as text

    response = commit(client, batch, 1, 2)
    assert response.status_code == 302
    c.refresh_from_db(), other.refresh_from_db()
    assert c.native_place == "河北石家庄"  # not accepted: untouched
    assert other.native_place == "天津"
    created = Cadre.objects.get(name="赵六")
    assert created.unit == county.town_a and created.staff_category == "11"
    assert reveal(created.id_number_cipher) == number
    top = created.resume_entries.filter(parent=None).order_by("sort")
    assert [r.text for r in top] == ["某某大学学习", "某某县财政局科员"]
    assert top[1].during.get().text == "在某某大学在职学习"
    assert created.family_members.get().name == "钱七"
    assert not AuditEntry.objects.filter(action="update", cadre_id=c.pk).exists()
    assert AuditEntry.objects.filter(action="update", cadre_id=other.pk).count() == 1
    assert AuditEntry.objects.filter(action="create", cadre_id=created.pk).count() == 1
    entry = AuditEntry.objects.get(action="import")
    assert entry.changes == {"files": 3, "accepted": 2, "created": 1, "updated": 1}
    batch.refresh_from_db()
    assert [e["accepted"] for e in batch.summary["entries"]] == [False, True, True]


def test_given_a_new_cadre_without_staff_category_then_an_error_that_cannot_be_ticked(
    county, login
):
    _number, new = new_person()
    client = login("zzb")
    response = upload(client, new, "赵六.lrmx", unit=county.town_a)
    page = client.get(response.url).content.decode()
    assert "新增干部的人员类别" in page and "--staff-category" not in page
    assert 'name="accept"' not in page
    before = counts()
    batch = ImportBatch.objects.get()
    assert commit(client, batch, 0).status_code == 409
    assert counts() == before and ImportBatch.objects.get().is_open


def test_given_a_zip_with_a_bad_entry_then_it_is_listed_and_the_others_can_be_imported(
    county, login
):
    _number, new = new_person()
    bad_name = "110101199001011237.lrmx"  # named after an ID number: shown masked
    data = zipped({bad_name: b"not xml", "赵六.lrmx": new})
    client = login("rsk")
    response = upload(client, data, "b.zip", unit=county.town_a, staff_category="11")
    batch = ImportBatch.objects.get()
    page = client.get(response.url).content.decode()
    assert "不是有效的LRMX" in page
    assert "110***********1237.lrmx" in page and "110101199001011237" not in page
    assert 'name="accept" value="0"' not in page and 'name="accept" value="1"' in page
    assert commit(client, batch, 0, 1).status_code == 409  # an error file cannot be accepted
    assert not Cadre.objects.filter(name="赵六").exists()
    assert commit(client, batch, 1).status_code == 302
    assert Cadre.objects.filter(name="赵六").exists()


REFUSED = [
    (b"hello, not xml", "a.lrmx", "不是有效的LRMX"),
    (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<Person><XingMing>&x;</XingMing></Person>",
        "a.lrmx",
        "DTD",
    ),
    (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]>'
        b"<Person><XingMing>&b;</XingMing></Person>",
        "a.lrmx",
        "DTD",
    ),
    (b"<Other/>", "a.lrmx", "根元素应为Person"),
    (b"PK\x03\x04 broken", "a.zip", "已损坏"),
    (b"x", "a.doc", "不支持的文件类型"),
    (b"", "a.lrmx", "空文件"),
]


@pytest.mark.parametrize(("data", "name", "message"), REFUSED)
def test_given_a_refused_file_then_the_reason_is_shown_and_nothing_is_written(
    county, login, data, name, message
):
    client = login("rsk")
    before = counts()
    response = upload(client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before and not ImportBatch.objects.exists()


def test_given_an_oversize_file_or_zip_then_refused(county, login, settings):
    settings.CADRE_LRMX_MAX_BYTES = 200
    _number, new = new_person()
    client = login("rsk")
    response = upload(client, new, "a.lrmx")
    assert "超过上限" in response.content.decode()
    response = upload(client, zipped({"a.lrmx": new}), "a.zip")
    assert "超过上限" in response.content.decode()
    settings.CADRE_LRMX_MAX_BYTES = 5 * 1024 * 1024
    settings.CADRE_LRMX_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    bomb = zipped({"a.lrmx": b"<Person>" + b" " * (3 * 1024 * 1024) + b"</Person>"})
    response = upload(client, bomb, "bomb.zip")
    assert "压缩炸弹" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_import_is_for_editors_only(county, login, client):
    for username in ("leader", "self_a", "sysadmin"):
        client.force_login(county.users[username])
        assert client.get(IMPORT).status_code == 403
        _n, new = new_person()
        assert upload(client, new, "a.lrmx", staff_category="11").status_code == 403
    assert not ImportBatch.objects.exists()
    page = login("rsk").get("/interchange/roster/export/").content.decode()
    assert 'href="/interchange/lrmx/import/"' in page
    page = login("leader").get("/interchange/roster/export/").content.decode()
    assert 'href="/interchange/lrmx/import/"' not in page


def test_a_batch_is_visible_to_its_uploader_only(county, login, client):
    c = rich_cadre(county.town_a)
    upload(login("zzb"), lrmx_of(c, p=("河北石家庄", "山东济南")), "a.lrmx")
    batch = ImportBatch.objects.get()
    client.logout()
    other = login("rsk")
    assert other.get(f"/interchange/lrmx/batches/{batch.pk}/").status_code == 404
    assert commit(other, batch, 0).status_code == 404
    assert other.post(f"/interchange/lrmx/batches/{batch.pk}/discard/").status_code == 404
    assert ImportBatch.objects.get().is_open
    assert Cadre.objects.get(pk=c.pk).native_place == "河北石家庄"


def test_a_unit_out_of_scope_is_not_a_choice(county, login):
    _n, new = new_person()
    response = upload(login("rsk"), new, "a.lrmx", unit=county.town_b, staff_category="11")
    assert response.status_code == 200 and not ImportBatch.objects.exists()


def test_given_a_matched_cadre_out_of_scope_then_neither_shown_nor_updated(county, login):
    b = county.cadre_b  # 乙镇: outside rsk's scope
    data = lrmx_of(b, p=("<XingMing>李秀英</XingMing>", "<XingMing>李秀</XingMing>"))
    client = login("rsk")
    response = upload(client, data, "李.lrmx", unit=county.town_a, staff_category="11")
    batch = ImportBatch.objects.get()
    page = client.get(response.url).content.decode()
    assert "不在您的管理范围内" in page
    assert f"/cadres/{b.pk}/" not in page and "<th>系统中</th>" not in page
    assert 'name="accept"' not in page
    assert commit(client, batch, 0).status_code == 409
    assert Cadre.objects.get(pk=b.pk).name == "李秀英"
    assert not AuditEntry.objects.filter(cadre_id=b.pk, action="update").exists()


def test_given_data_changed_since_the_preview_then_the_commit_plans_again(county, login):
    number, new = new_person()
    client = login("rsk")
    upload(client, new, "赵六.lrmx", unit=county.town_a, staff_category="11")
    batch = ImportBatch.objects.get()
    # Meanwhile the same person is entered in 乙镇, outside this user's scope.
    make_cadre(county.town_b, "赵六", birth=dt.date(1985, 3, 12), **id_number_fields(number))
    before = counts()
    response = commit(client, batch, 0)
    assert response.status_code == 409
    assert "重新检查时有错误" in response.content.decode()
    assert "不在您的管理范围内" in response.content.decode()
    assert counts() == before and ImportBatch.objects.get().is_open


def test_discard_drops_the_file(county, login):
    c = rich_cadre(county.town_a)
    client = login("rsk")
    upload(client, lrmx_of(c, p=("河北石家庄", "山东济南")), "a.lrmx")
    batch = ImportBatch.objects.get()
    response = client.post(f"/interchange/lrmx/batches/{batch.pk}/discard/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "discarded" and batch.payload == ""
    entry = AuditEntry.objects.get(target_type="interchange.importbatch")
    assert entry.action == "update" and entry.target_id == str(batch.pk)
    assert entry.actor == county.users["rsk"]
    assert entry.changes["status"] == ["previewed", "discarded"]
    assert entry.note == "放弃导入：a.lrmx（未写入任何数据）"
    client.post(f"/interchange/lrmx/batches/{batch.pk}/discard/")
    assert AuditEntry.objects.filter(target_type="interchange.importbatch").count() == 1
    assert "changes" not in batch.summary["entries"][0]
    assert commit(client, batch, 0).status_code == 409
    assert Cadre.objects.get(pk=c.pk).native_place == "河北石家庄"


# --- export of a selection --------------------------------------------------------------------


def names_in(response) -> list[str]:
    content = b"".join(response.streaming_content)
    return sorted(zipfile.ZipFile(io.BytesIO(content)).namelist())


def test_export_a_selection_as_a_zip_with_unique_names(county, login):
    make_cadre(county.town_a, "张建国", birth=dt.date(1979, 1, 2))  # a second 张建国
    client = login("zzb")
    response = client.get(EXPORT, {"unit": "C001"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert names_in(response) == ["张建国(2).lrmx", "张建国.lrmx", "李秀英.lrmx"]
    entry = AuditEntry.objects.get(action="export")
    assert entry.changes["count"] == 3 and entry.changes["format"] == "lrmx"
    assert entry.target_id == str(county.county.pk)
    assert names_in(client.get(EXPORT, {"unit": "C001", "q": "李"})) == ["李秀英.lrmx"]
    assert names_in(client.get(EXPORT, {"gender": "2"})) == ["李秀英.lrmx"]


def test_export_ages_at_the_chosen_date(county, login):
    response = login("zzb").get(EXPORT, {"unit": "T001", "at": "2020-01-01"})
    content = b"".join(response.streaming_content)
    zf = zipfile.ZipFile(io.BytesIO(content))
    root = fromstring(zf.read("张建国.lrmx"))
    assert root.findtext("JiSuanNianLingShiJian") == "20200101"
    bad = login("zzb").get(EXPORT, {"at": "2020-13-40"})
    assert bad.status_code == 400 and "计算年龄时间无效" in bad.content.decode()


def test_export_is_scoped(county, login, client):
    rsk = login("rsk")
    assert rsk.get(EXPORT, {"unit": "T002"}).status_code == 404
    assert names_in(rsk.get(EXPORT)) == ["张建国.lrmx"]  # the whole scope: 甲镇 only
    content = b"".join(rsk.get(EXPORT, {"unit": "T001"}).streaming_content)
    text = zipfile.ZipFile(io.BytesIO(content)).read("张建国.lrmx").decode()
    assert "李秀英" not in text
    client.force_login(county.users["sysadmin"])
    assert client.get(EXPORT).status_code == 403
    client.force_login(county.users["self_a"])
    assert client.get(EXPORT).status_code == 404
    assert AuditEntry.objects.filter(action="export").count() == 2


def test_export_over_the_limit_is_refused_with_a_hint(county, login, settings):
    settings.CADRE_LRMX_EXPORT_MAX = 1
    response = login("zzb").get(EXPORT, {"unit": "C001"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "超过网页导出上限1人" in page and "cadre export_lrmx" in page
    # The page is the export page as its GET shows it for the same selection.
    normal = login("zzb").get("/interchange/roster/export/", {"unit": "C001"}).content.decode()
    for part in ("导出范围：", "共 2 人", "在干部名册中修改条件", 'name="columns"'):
        assert part in normal and part in page, part
    assert not AuditEntry.objects.filter(action="export").exists()


def test_roster_export_page_offers_the_lrmx_zip(county, login):
    page = login("rsk").get("/interchange/roster/export/").content.decode()
    assert "导出LRMX（压缩包）" in page
    assert 'action="/interchange/lrmx/export/"' in page
    assert 'value="T001"' in page and 'value="T002"' not in page
