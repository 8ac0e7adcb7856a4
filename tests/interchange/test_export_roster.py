"""Roster export: columns, ID numbers by role, scope, layout, audit, and re-import."""

from __future__ import annotations

import zipfile

import pytest
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook

from cadre.core.models import AuditEntry
from cadre.people.identity import reveal
from tests.interchange.rich import rich_cadre

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
