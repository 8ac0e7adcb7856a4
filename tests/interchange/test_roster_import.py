"""Roster import end to end through `cadre import_roster`: plan, commit, audit, scope."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.core import crypto
from cadre.core.models import AuditEntry
from cadre.people.identity import reveal
from cadre.people.models import Cadre, Education
from cadre.posts.models import Appointment
from tests.factories import id_number
from tests.interchange.builders import HEADER, digits_only_id, person, simple, workbook

pytestmark = pytest.mark.django_db
KEYS = {"rows", "created", "updated", "unchanged", "errors"}


def by_name(name: str) -> Cadre:
    return Cadre.objects.get(name=name)


def test_given_a_clean_roster_when_imported_then_cadres_created_with_codes(county, write, cli):
    path = write("名册.xlsx", simple([person(1, "王五"), person(2, "赵六", "2")]))
    code, _out, data = cli("import_roster", path, "--unit", "T001", "--json")
    assert code == 0
    assert set(data) == KEYS
    assert data == {"rows": 2, "created": 2, "updated": 0, "unchanged": 0, "errors": []}
    w = by_name("王五")
    assert (w.gender, w.ethnicity, w.political_status, w.staff_category) == ("1", "01", "01", "11")
    assert w.birth_date == dt.date(1985, 3, 12)  # the day comes from the ID number
    assert w.party_joined_on == dt.date(2008, 6, 1)
    assert w.unit == county.town_a and w.unit_path == county.town_a.path
    assert w.name_initials == "ww"
    assert w.current_position == "科员"
    assert by_name("赵六").gender == "2"
    assert crypto.blind_index(reveal(w.id_number_cipher)) == w.id_number_index


def test_given_an_import_then_one_audit_entry_per_created_cadre(county, write, cli):
    path = write("名册.xlsx", simple([person(1, "王五"), person(2, "赵六", "2")]))
    cli("import_roster", path, "--unit", "T001", "--json")
    created = AuditEntry.objects.filter(action="create", target_type="people.cadre")
    assert created.count() == 2
    entry = created.get(cadre_id=by_name("王五").pk)
    assert entry.changes["name"] == [None, "王五"]
    assert entry.changes["id_number"] == ["", "***"]
    assert entry.actor is None and entry.actor_name == "system"
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_given_the_same_file_twice_then_the_second_run_changes_nothing(county, write, cli):
    path = write("名册.xlsx", simple([person(1, "王五"), person(2, "赵六", "2")]))
    cli("import_roster", path, "--unit", "T001", "--json")
    before = (Cadre.objects.count(), AuditEntry.objects.count())
    stamp = by_name("王五").updated_at
    code, _out, data = cli("import_roster", path, "--unit", "T001", "--json")
    assert code == 0
    assert data == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2, "errors": []}
    assert (Cadre.objects.count(), AuditEntry.objects.count()) == before
    assert by_name("王五").updated_at == stamp


def test_given_a_changed_value_then_the_record_is_updated_and_audited(county, write, cli):
    row = person(1, "王五")
    cli("import_roster", write("a.xlsx", simple([row])), "--unit", "T001", "--json")
    row[6] = "山东济南"  # 籍贯
    row[7] = "群众"
    code, _out, data = cli(
        "import_roster", write("b.xlsx", simple([row])), "--unit", "T001", "--json"
    )
    assert code == 0 and data["updated"] == 1 and data["created"] == 0
    w = by_name("王五")
    assert (w.native_place, w.political_status) == ("山东济南", "13")
    entry = AuditEntry.objects.get(action="update", cadre_id=w.pk)
    assert entry.changes == {
        "native_place": ["河北石家庄", "山东济南"],
        "political_status": ["01", "13"],
    }


def test_given_a_blank_cell_on_update_then_the_stored_value_is_kept(county, write, cli):
    row = person(1, "王五")
    cli("import_roster", write("a.xlsx", simple([row])), "--unit", "T001", "--json")
    row[6] = ""
    _c, _o, data = cli("import_roster", write("b.xlsx", simple([row])), "--unit", "T001", "--json")
    assert data["unchanged"] == 1
    assert by_name("王五").native_place == "河北石家庄"


def test_given_errors_then_nothing_is_written_and_exit_1(county, write, cli):
    bad = person(3, "孙七")
    bad[4] = "130123198503120010"  # wrong check character
    path = write("名册.xlsx", simple([person(1, "王五"), person(2, "赵六", "2"), bad]))
    count = Cadre.objects.count()
    code, _out, data = cli("import_roster", path, "--unit", "T001", "--json")
    assert code == 1
    assert Cadre.objects.count() == count
    assert data["created"] == 0 and data["rows"] == 3
    [err] = data["errors"]
    assert (err["sheet"], err["row"], err["column"]) == ("Sheet1", 4, "E")
    assert err["value"] == "130123198503120010"
    assert "校验码" in err["message"]


def test_given_valid_only_then_the_valid_rows_are_imported(county, write, cli):
    bad = person(3, "孙七")
    bad[3] = "1985.13"
    path = write("名册.xlsx", simple([person(1, "王五"), person(2, "赵六", "2"), bad]))
    code, _out, data = cli("import_roster", path, "--unit", "T001", "--json", "--valid-only")
    assert code == 0
    assert data["created"] == 2 and len(data["errors"]) == 1
    assert data["errors"][0]["column"] == "D"
    assert not Cadre.objects.filter(name="孙七").exists()


def test_given_dry_run_then_counts_but_nothing_written(county, write, cli):
    path = write("名册.xlsx", simple([person(1, "王五")]))
    code, _out, data = cli("import_roster", path, "--unit", "T001", "--json", "--dry-run")
    assert code == 0 and data["created"] == 1
    assert not Cadre.objects.filter(name="王五").exists()


def test_given_an_id_stored_as_a_number_then_the_row_is_reported(county, write, cli):
    row = person(1, "王五")
    row[4] = float(digits_only_id(dt.date(1985, 3, 12)))
    code, _out, data = cli(
        "import_roster", write("n.xlsx", simple([row])), "--unit", "T001", "--json"
    )
    assert code == 1
    [err] = data["errors"]
    assert err["column"] == "E" and "文本格式" in err["message"]


def test_given_every_date_form_then_each_is_stored(county, write, cli):
    forms = ["2008.06", "2008.6", "2008-06-15", "2008年6月", "200806", 39614, 2008.06]
    expected = [dt.date(2008, 6, 1)] * 2 + [
        dt.date(2008, 6, 15),
        dt.date(2008, 6, 1),
        dt.date(2008, 6, 1),
        dt.date(2008, 6, 15),
        dt.date(2008, 6, 1),
    ]
    rows = []
    for n, form in enumerate(forms):
        row = person(n, f"干部{n}", birth=dt.date(1985, 3, n + 1))
        row[8] = form
        rows.append(row)
    code, _out, data = cli(
        "import_roster", write("d.xlsx", simple(rows)), "--unit", "T001", "--json"
    )
    assert code == 0, data
    got = [by_name(f"干部{n}").party_joined_on for n in range(len(forms))]
    assert got == expected


def test_given_full_width_digits_and_spaces_then_imported(county, write, cli):
    row = person(1, "王　五")
    row[4] = "".join(chr(ord(c) + 0xFEE0) for c in row[4]) + "　"
    row[9] = "２００７．０７"
    code, _o, data = cli(
        "import_roster", write("w.xlsx", simple([row])), "--unit", "T001", "--json"
    )
    assert code == 0, data
    assert by_name("王五").work_started_on == dt.date(2007, 7, 1)


def test_given_a_unit_column_then_rows_go_to_their_units(county, write, cli):
    rows = [
        [*person(1, "王五"), "T001"],
        [*person(2, "赵六", "2"), "乙镇"],
        [*person(3, "孙七"), ""],
    ]
    path = write("u.xlsx", simple(rows, header=[*HEADER, "单位"]))
    code, _o, data = cli("import_roster", path, "--unit", "C001", "--json")
    assert code == 0, data
    assert by_name("王五").unit == county.town_a
    assert by_name("赵六").unit == county.town_b
    assert by_name("孙七").unit == county.county


def test_given_a_unit_outside_the_chosen_subtree_then_an_error(county, write, cli):
    path = write("u.xlsx", simple([[*person(1, "王五"), "乙镇"]], header=[*HEADER, "单位"]))
    code, _o, data = cli("import_roster", path, "--unit", "T001", "--json")
    assert code == 1
    assert data["errors"][0]["column"] == "M"
    assert "不在“甲镇”" in data["errors"][0]["message"]


def test_given_one_sheet_per_unit_then_sheet_names_choose_the_unit(county, write, cli):
    def build(wb):
        for n, name in enumerate(("甲镇", "乙镇")):
            ws = wb.add_worksheet(name)
            ws.write_row(0, 0, HEADER)
            ws.write_row(1, 0, person(n, f"{name}干部", birth=dt.date(1980, 1, n + 1)))

    path = write("s.xlsx", workbook(build))
    code, _o, data = cli("import_roster", path, "--unit", "某某县", "--json")
    assert code == 0, data
    assert by_name("甲镇干部").unit == county.town_a
    assert by_name("乙镇干部").unit == county.town_b


def test_given_a_new_cadre_then_appointment_rank_and_education_records(county, write, cli):
    header = [
        "姓名",
        "身份证号",
        "人员类别",
        "现任职务",
        "职务层次",
        "任现职时间",
        "职级",
        "任现职级时间",
        "全日制学历",
        "全日制学位",
    ]
    row = [
        "王五",
        id_number(dt.date(1975, 1, 2), "1"),
        "公务员",
        "甲镇党委书记",
        "乡科级正职",
        "2019.03",
        "一级主任科员",
        "2020.01",
        "大学本科",
        "法学学士",
    ]
    code, _o, data = cli(
        "import_roster", write("p.xlsx", simple([row], header=header)), "--unit", "T001", "--json"
    )
    assert code == 0, data
    w = by_name("王五")
    assert (w.current_position, w.position_level, w.position_since, w.is_leader) == (
        "甲镇党委书记",
        "41",
        dt.date(2019, 3, 1),
        True,
    )
    assert (w.rank, w.rank_since) == ("07", dt.date(2020, 1, 1))
    assert (w.education, w.full_time_education) == ("21", "21")
    assert Appointment.objects.get(cadre=w).title == "甲镇党委书记"
    edu = Education.objects.get(cadre=w)
    assert (edu.degree, edu.degree_name) == ("4", "法学学士")
    assert w.retire_month is not None


def test_given_no_staff_category_for_a_new_cadre_then_an_error_or_the_default(county, write, cli):
    path = write(
        "c.xlsx",
        simple([["王五", id_number(dt.date(1980, 1, 1), "1")]], header=["姓名", "身份证号"]),
    )
    code, _o, data = cli("import_roster", path, "--unit", "T001", "--json")
    assert code == 1 and "人员类别" in data["errors"][0]["message"]
    code, _o, data = cli(
        "import_roster", path, "--unit", "T001", "--json", "--staff-category", "参照公务员法管理"
    )
    assert code == 0 and by_name("王五").staff_category == "20"


def test_given_duplicate_ids_in_one_file_then_the_second_is_an_error(county, write, cli):
    row = person(1, "王五")
    code, _o, data = cli(
        "import_roster", write("d.xlsx", simple([row, row])), "--unit", "T001", "--json"
    )
    assert code == 1 and "重复" in data["errors"][0]["message"]
    assert data["errors"][0]["row"] == 3


def test_given_a_user_then_the_import_is_limited_to_their_scope(county, write, cli):
    path = write("a.xlsx", simple([person(1, "王五")]))
    code, _o, data = cli("import_roster", path, "--unit", "T002", "--json", "--user", "rsk")
    assert code == 1 and "管理范围" in data["errors"][0]["message"]
    code, _o, data = cli("import_roster", path, "--unit", "T001", "--json", "--user", "leader")
    assert code == 1 and "权限" in data["errors"][0]["message"]
    code, _o, data = cli("import_roster", path, "--unit", "T001", "--json", "--user", "rsk")
    assert code == 0 and data["created"] == 1
    assert AuditEntry.objects.get(action="create", target_type="people.cadre").actor_name == "rsk"


def test_given_a_cadre_outside_the_users_scope_then_not_taken_over(county, write, cli):
    b = county.cadre_b  # in 乙镇, outside rsk's scope
    row = [b.name, reveal(b.id_number_cipher), "综合管理类公务员"]
    path = write("t.xlsx", simple([row], header=["姓名", "身份证号", "人员类别"]))
    code, _o, data = cli("import_roster", path, "--unit", "T001", "--json", "--user", "rsk")
    assert code == 1 and "不在您的管理范围" in data["errors"][0]["message"]
    b.refresh_from_db()
    assert b.unit == county.town_b


def test_given_plain_output_then_chinese_summary(county, write, cli):
    code, out, _d = cli(
        "import_roster", write("a.xlsx", simple([person(1, "王五")])), "--unit", "T001"
    )
    assert code == 0 and "已新增1人" in out


def test_given_header_choices_then_unknown_columns_are_read_as_chosen(county, write, cli):
    header = [*HEADER[:-1], "岗位", "爱好"]
    path = write("名册.xlsx", simple([[*person(1, "王五"), "爬山"]], header=header))
    code, _out, data = cli(
        "import_roster",
        path,
        "--unit",
        "T001",
        "--json",
        "--header",
        "岗位=现任职务",
        "--header",
        "爱好=不导入",
    )
    assert code == 0 and data["created"] == 1
    assert by_name("王五").current_position == "科员"


@pytest.mark.parametrize(
    ("choice", "message"),
    [("岗位", "应写作“表头=项目”"), ("岗位=年龄", "不是可导入的项目"), ("=现任职务", "应写作")],
)
def test_given_a_wrong_header_choice_then_refused_and_nothing_written(
    county, write, cli, choice, message
):
    path = write("名册.xlsx", simple([person(1, "王五")]))
    code, _out, data = cli("import_roster", path, "--unit", "T001", "--json", "--header", choice)
    assert code == 1 and message in data["errors"][0]["message"]
    assert not Cadre.objects.filter(name="王五").exists()
