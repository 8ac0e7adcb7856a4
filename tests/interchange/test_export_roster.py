"""Roster export: columns, ID numbers by role, scope, layout, audit, and re-import; from the
web, the roster's selection or a saved query as the source, with order and title."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management.base import CommandError
from django.utils import timezone
from python_calamine import CalamineWorkbook

from cadre.analytics.models import SavedQuery
from cadre.core.models import AuditEntry
from cadre.people.identity import reveal
from tests.interchange.rich import rich_cadre
from tests.people.test_roster_data import build_roster

pytestmark = pytest.mark.django_db


def rows(path: str) -> list[list]:
    return CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python(skip_empty_area=False)


def test_given_an_org_admin_then_default_columns_include_the_id_number(county, tmp_path, cli):
    out = str(tmp_path / "r.xlsx")
    code, stdout, _ = cli("export_roster", "--unit", "C001", "--out", out, "--user", "zzb")
    assert code == 0 and "已导出2人" in stdout
    data = rows(out)
    assert data[0][0].startswith("某某县干部名册")
    header = data[1]
    assert header[:6] == ["序号", "姓名", "性别", "出生年月", "年龄", "身份证号"]
    by_name = {r[1]: r for r in data[2:]}
    assert by_name["张建国"][5] == reveal(county.cadre_a.id_number_cipher)
    assert by_name["张建国"][0] == 1.0 or by_name["李秀英"][0] == 1.0
    entry = AuditEntry.objects.get(action="export")
    assert entry.changes["count"] == 2 and entry.changes["id_number"] is True
    assert entry.actor_name == "zzb"


def test_given_a_leader_then_no_id_number_column(county, tmp_path, cli):
    out = str(tmp_path / "r.xlsx")
    code, _o, _ = cli("export_roster", "--unit", "C001", "--out", out, "--user", "leader")
    assert code == 0
    assert "身份证号" not in rows(out)[1]
    with pytest.raises(CommandError, match="不能导出身份证号"):
        cli(
            "export_roster",
            "--unit",
            "C001",
            "--out",
            out,
            "--user",
            "leader",
            "--columns",
            "name,id_number",
        )


def test_given_a_unit_hr_then_only_their_scope(county, tmp_path, cli):
    out = str(tmp_path / "r.xlsx")
    with pytest.raises(CommandError):
        cli("export_roster", "--unit", "C001", "--out", out, "--user", "rsk")
    with pytest.raises(CommandError):
        cli("export_roster", "--unit", "T002", "--out", out, "--user", "rsk")
    code, _o, _ = cli("export_roster", "--unit", "T001", "--out", out, "--user", "rsk")
    assert code == 0
    assert [r[1] for r in rows(out)[2:]] == ["张建国"]


def test_given_chosen_columns_by_key_or_label_then_those_columns(county, tmp_path, cli):
    rich_cadre(county.town_a)
    out = str(tmp_path / "r.xlsx")
    cli(
        "export_roster",
        "--unit",
        "T001",
        "--out",
        out,
        "--user",
        "zzb",
        "--columns",
        "name,现任职务,age,到龄年月,rank",
    )
    data = rows(out)
    assert data[1] == ["姓名", "现任职务", "年龄", "到龄年月", "职级"]
    wang = next(r for r in data[2:] if r[0] == "王建华")
    assert wang[1] == "甲镇党委书记" and isinstance(wang[2], float)
    with pytest.raises(CommandError, match="未知的列"):
        cli("export_roster", "--unit", "T001", "--out", out, "--user", "zzb", "--columns", "x")


def test_given_an_export_then_layout_frozen_header_and_borders(county, tmp_path, cli):
    out = str(tmp_path / "r.xlsx")
    cli("export_roster", "--unit", "C001", "--out", out, "--user", "zzb")
    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert '<pane xSplit="2" ySplit="2"' in sheet
    assert '<mergeCell ref="A1:' in sheet and "<autoFilter" in sheet
    styles = zipfile.ZipFile(out).read("xl/styles.xml").decode()
    assert '<left style="thin">' in styles


def test_given_an_exported_roster_when_imported_then_nothing_changes(county, tmp_path, cli):
    rich_cadre(county.town_a)
    out = str(tmp_path / "r.xlsx")
    cli("export_roster", "--unit", "C001", "--out", out, "--user", "zzb")
    code, _o, data = cli("import_roster", out, "--unit", "C001", "--json")
    assert code == 0, data
    assert data == {"rows": 3, "created": 0, "updated": 0, "unchanged": 3, "errors": []}


# From the web: the roster's selection or a saved query, with order and title -----------------

EXPORT = "/interchange/roster/export/"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roster(county):
    return build_roster(county, timezone.localdate())


def sheet(response) -> list[list]:
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def names(data: list[list]) -> list[str]:
    return [r[1] for r in data[2:]]


def download(client, **params):
    return client.get(EXPORT, {"download": "1", "columns": "seq,name,birth_date", **params})


def test_given_roster_filters_then_only_the_filtered_cadres_are_exported(roster, login):
    data = sheet(download(login("zzb"), unit="C001", gender="2"))
    assert sorted(names(data)) == sorted(["李秀英", "赵敏", "欧阳娜娜"])
    data = sheet(download(login("zzb"), unit="T002", status="all"))
    assert sorted(names(data)) == sorted(["李秀英", "孙立", "欧阳娜娜"])
    # The roster's default is 现职: the retired 孙立 is not exported without status=all.
    assert "孙立" not in names(sheet(download(login("zzb"), unit="T002")))
    data = sheet(download(login("zzb"), age_min="35", age_max="42"))
    assert sorted(names(data)) == sorted(["周建", "欧阳娜娜"])  # 40 today, and 39


def test_given_a_roster_search_then_only_its_matches_are_exported(roster, login):
    assert names(sheet(download(login("zzb"), q="zjg"))) == ["张建国"]
    assert names(sheet(download(login("zzb"), q="欧阳"))) == ["欧阳娜娜"]


def test_given_a_unit_outside_the_scope_then_404_and_nothing_exported(roster, login):
    client = login("rsk")
    assert download(client, unit="T002").status_code == 404
    assert client.get(EXPORT, {"unit": "T002"}).status_code == 404
    assert client.get(EXPORT, {"unit": "NOPE"}).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()
    # Without a unit: the whole scope, which for 甲镇's HR officer is 甲镇.
    assert sorted(names(sheet(download(client)))) == sorted(["张建国", "王建华", "赵敏"])


def test_admin_roles_and_a_cadre_have_no_roster_export(roster, login):
    assert login("sysadmin").get(EXPORT).status_code == 403
    assert login("self_a").get(EXPORT).status_code == 404
    assert login("self_a").get(EXPORT, {"download": "1"}).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


def test_given_an_order_then_rows_in_that_order(roster, login):
    client = login("zzb")
    by_birth = names(sheet(download(client, order="birth")))
    # 李秀英 and 张建国 share a birthday: then by pinyin.
    assert by_birth == ["王建华", "李秀英", "张建国", "周建", "欧阳娜娜", "赵敏"]
    by_name = names(sheet(download(client, order="name")))
    assert by_name == ["李秀英", "欧阳娜娜", "王建华", "张建国", "赵敏", "周建"]
    by_level = names(sheet(download(client, order="position_level")))
    assert by_level[:2] == ["周建", "王建华"]  # 县处级副职, then 乡科级正职; blanks last
    default = names(sheet(download(client)))
    assert default[0] == "周建"  # the county itself before its towns


def test_the_roster_sort_is_the_initial_order(roster, login):
    page = login("zzb").get(EXPORT, {"sort": "-birth"}).content.decode()
    assert '<option value="birth" selected>出生日期</option>' in page
    assert '<input type="hidden" name="sort" value="-birth">' in page
    data = sheet(login("zzb").get(EXPORT, {"sort": "-birth", "download": "1"}))
    assert data[2][1] == "王建华"  # 出生日期 (oldest first), whatever the roster's direction


def test_given_a_title_then_it_is_in_a1_as_plain_text(roster, login):
    client = login("zzb")
    data = sheet(download(client, unit="T001", title="甲镇科级干部名册（2026年1月）"))
    assert data[0][0] == "甲镇科级干部名册（2026年1月）"
    response = download(client, unit="T001", title='=HYPERLINK("http://x","y")')
    assert sheet(response)[0][0] == '=HYPERLINK("http://x","y")'
    xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    default = sheet(download(client, unit="T001"))[0][0]
    assert default == f"甲镇干部名册（{timezone.localdate():%Y年%m月%d日}）"
    assert response["Content-Disposition"].endswith(".xlsx")


def test_given_no_unit_then_the_title_names_the_scope_root(roster, login):
    data = sheet(download(login("rsk")))
    assert data[0][0].startswith("甲镇干部名册（")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"order": "unit_path"}, "排序方式“unit_path”无效"),
        ({"order": "-birth_date"}, "可选：默认（单位、职务层次、任职时间）、出生日期"),
        ({"title": "名" * 61}, "标题不能超过60个字"),
        ({"title": "第一行\n第二行"}, "标题不能包含换行符"),
        ({"columns": "name,工资"}, "未知的列“工资”"),
    ],
)
def test_bad_options_are_refused_in_chinese_and_nothing_is_exported(roster, login, params, message):
    response = login("zzb").get(EXPORT, {"download": "1", "unit": "C001", **params})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert not AuditEntry.objects.filter(action="export").exists()


def test_the_export_page_shows_what_is_exported(roster, login):
    page = login("zzb").get(EXPORT, {"unit": "C001", "gender": "2", "age_min": "30"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "某某县 · 性别：女 · 年龄：30岁及以上 · 共 3 人" in html
    for name, value in (("unit", "C001"), ("gender", "2"), ("age_min", "30")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in html
    assert 'name="download" value="1"' in html and ">导出</button>" in html
    assert f'value="某某县干部名册（{timezone.localdate():%Y年%m月%d日}）"' in html
    assert 'href="/cadres/?unit=C001&amp;gender=2&amp;age_min=30"' in html
    assert not AuditEntry.objects.filter(action="export").exists()  # a page is not an export
    bad = login("zzb").get(EXPORT, {"gender": "9"}).content.decode()
    assert "性别的取值“9”无效，已忽略。" in bad


def test_the_export_is_audited_with_its_source_and_options(roster, login):
    response = login("zzb").get(
        EXPORT,
        {"download": "1", "unit": "C001", "gender": "2", "q": "欧阳", "order": "name"},
    )
    assert names(sheet(response)) == ["欧阳娜娜"]
    entry = AuditEntry.objects.get(action="export")
    changes = entry.changes
    assert changes["source"] == "roster" and changes["unit"] == "C001"
    assert ["gender", "2"] in changes["params"] and ["q", "欧阳"] in changes["params"]
    assert changes["filters"] == ["姓名包含：欧阳", "性别：女"]
    assert changes["order"] == "name" and changes["count"] == 1
    assert changes["columns"][:3] == ["seq", "name", "gender"]
    assert changes["id_number"] is True and changes["title"].startswith("某某县干部名册")
    assert entry.target_type == "org.unit" and entry.target_id == str(roster.county.county.pk)
    assert "共1人（含身份证号）" in entry.note


def test_a_leader_exports_without_id_numbers_and_the_audit_says_so(roster, login):
    client = login("leader")
    data = sheet(client.get(EXPORT, {"download": "1", "unit": "T001"}))
    assert "身份证号" not in data[1]
    assert AuditEntry.objects.get(action="export").changes["id_number"] is False
    refused = client.get(EXPORT, {"download": "1", "columns": "name,id_number"})
    assert refused.status_code == 400 and "不能导出身份证号" in refused.content.decode()


# A saved query as the source ------------------------------------------------------------------

WOMEN = {"op": "and", "conditions": [{"field": "gender", "op": "eq", "value": "2"}]}


def test_an_own_saved_query_is_exported_in_the_users_scope(roster, login):
    saved = SavedQuery.objects.create(owner=roster.county.users["zzb"], name="女干部", query=WOMEN)
    page = login("zzb").get(EXPORT, {"query": saved.pk}).content.decode()
    assert "常用查询“女干部” · 共 3 人" in page
    assert f'<input type="hidden" name="query" value="{saved.pk}">' in page
    assert 'value="女干部"' in page  # the title defaults to the query's name
    data = sheet(login("zzb").get(EXPORT, {"query": saved.pk, "download": "1"}))
    assert data[0][0] == "女干部"
    assert data[1][1] == "姓名"
    assert sorted(names(data)) == sorted(["李秀英", "赵敏", "欧阳娜娜"])
    entry = AuditEntry.objects.get(action="export")
    assert entry.changes["source"] == "query" and entry.changes["query"] == saved.pk
    assert entry.target_type == "analytics.savedquery" and entry.changes["count"] == 3


def test_a_shared_query_shows_each_colleague_only_their_scope(roster, login):
    saved = SavedQuery.objects.create(owner=roster.county.users["zzb"], name="女干部", query=WOMEN)
    saved.shared_with.add(roster.county.users["rsk"])
    data = sheet(login("rsk").get(EXPORT, {"query": saved.pk, "download": "1"}))
    assert names(data) == ["赵敏"]


def test_someone_elses_unshared_query_is_404(roster, login):
    saved = SavedQuery.objects.create(owner=roster.county.users["zzb"], name="女干部", query=WOMEN)
    client = login("leader")
    assert client.get(EXPORT, {"query": saved.pk}).status_code == 404
    assert client.get(EXPORT, {"query": saved.pk, "download": "1"}).status_code == 404
    assert client.get(EXPORT, {"query": "abc", "download": "1"}).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()
    saved.shared = True
    saved.save()
    assert sheet(client.get(EXPORT, {"query": saved.pk, "download": "1"}))[0][0] == "女干部"


def test_a_saved_query_naming_a_unit_outside_the_scope_is_refused(roster, login):
    query = {"op": "and", "conditions": [{"field": "unit", "op": "eq", "value": "T002"}]}
    saved = SavedQuery.objects.create(
        owner=roster.county.users["zzb"], name="乙镇", query=query, shared=True
    )
    response = login("rsk").get(EXPORT, {"query": saved.pk, "download": "1"})
    assert response.status_code == 400
    assert "不在您的管理范围内" in response.content.decode()
    assert not AuditEntry.objects.filter(action="export").exists()


# The command's options ------------------------------------------------------------------------


def test_the_command_exports_a_saved_query_in_an_order_under_a_title(roster, tmp_path, cli):
    saved = SavedQuery.objects.create(owner=roster.county.users["zzb"], name="女干部", query=WOMEN)
    out = str(tmp_path / "q.xlsx")
    code, stdout, _ = cli(
        "export_roster",
        "--query",
        str(saved.pk),
        "--order",
        "birth",
        "--title",
        "女干部名册",
        "--columns",
        "seq,name",
        "--out",
        out,
        "--user",
        "zzb",
    )
    assert code == 0 and "已导出3人" in stdout
    data = rows(out)
    assert data[0][0] == "女干部名册"
    assert names(data) == ["李秀英", "欧阳娜娜", "赵敏"]
    entry = AuditEntry.objects.get(action="export")
    assert entry.changes["query"] == saved.pk and entry.changes["order"] == "birth"
    with pytest.raises(CommandError, match="查询不存在"):
        cli("export_roster", "--query", str(saved.pk), "--out", out, "--user", "leader")
    with pytest.raises(CommandError, match="排序方式“age”无效"):
        cli("export_roster", "--unit", "C001", "--order", "age", "--out", out, "--user", "zzb")
    with pytest.raises(CommandError, match="标题不能超过60个字"):
        cli("export_roster", "--unit", "C001", "--title", "名" * 61, "--out", out, "--user", "zzb")
    with pytest.raises(CommandError):
        cli("export_roster", "--out", out, "--user", "zzb")  # --unit or --query is required
    assert AuditEntry.objects.filter(action="export").count() == 1


def test_a_saved_querys_page_links_to_its_export(roster, login):
    saved = SavedQuery.objects.create(owner=roster.county.users["zzb"], name="女干部", query=WOMEN)
    html = login("zzb").get(f"/analytics/query/saved/{saved.pk}/").content.decode()
    assert f'href="/interchange/roster/export/?query={saved.pk}">导出Excel</a>' in html
