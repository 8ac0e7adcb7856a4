"""The roster reader and cell parsing: one messy workbook per quirk seen in real rosters."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.interchange import values
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.readers.columns import header_key
from cadre.interchange.readers.roster import read_roster
from tests.factories import id_number
from tests.interchange.builders import HEADER, digits_only_id, person, simple, workbook

BIRTH = dt.date(1985, 3, 12)


def cells(roster, sheet=0):
    t = roster.sheets[sheet]
    return [dict(zip(t.fields, r.values, strict=True)) | {"_row": r.row} for r in t.rows]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985.03", dt.date(1985, 3, 1)),
        ("1985.3", dt.date(1985, 3, 1)),
        ("1985.10", dt.date(1985, 10, 1)),
        ("1985-03-12", dt.date(1985, 3, 12)),
        ("1985/3/12", dt.date(1985, 3, 12)),
        ("1985年3月", dt.date(1985, 3, 1)),
        ("1985年3月12日", dt.date(1985, 3, 12)),
        ("198503", dt.date(1985, 3, 1)),
        ("19850312", dt.date(1985, 3, 12)),
        ("１９８５．０３", dt.date(1985, 3, 1)),
        ("　1985.03　", dt.date(1985, 3, 1)),
        (198503, dt.date(1985, 3, 1)),
        (19850312.0, dt.date(1985, 3, 12)),
        (31118.0, dt.date(1985, 3, 12)),
        (1985.03, dt.date(1985, 3, 1)),
        (1985.12, dt.date(1985, 12, 1)),
        (dt.datetime(1985, 3, 12, 0, 0), dt.date(1985, 3, 12)),
        ("", None),
    ],
)
def test_given_a_date_in_any_roster_form_when_parsed_then_the_date(raw, expected):
    assert values.parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (1985.1, "歧义"),
        ("1985", "缺少月份"),
        ("1985.13", "月份无效"),
        ("1985-02-30", "日期无效"),
        ("三月", "无法识别"),
        ("1785.03", "年份超出范围"),
    ],
)
def test_given_an_unreadable_date_then_a_chinese_message(raw, message):
    with pytest.raises(values.CellError, match=message):
        values.parse_date(raw)


def test_given_an_id_stored_as_a_number_then_lost_precision_is_an_error():
    number = float(digits_only_id(BIRTH))
    with pytest.raises(values.CellError, match="15位有效数字"):
        values.id_number(number)
    with pytest.raises(values.CellError, match="末位X"):
        values.id_number(13012319850312001.0)


def test_given_a_legacy_15_digit_id_as_a_number_then_converted_to_18():
    assert (
        values.id_number(130123850312001.0)
        == "130123198503120011"[:17] + values.id_number("130123850312001")[17]
    )


def test_given_full_width_id_and_lower_x_then_normalized():
    raw = id_number(BIRTH, "1")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in raw) + "　"
    assert values.id_number(wide) == raw


def test_given_padded_names_then_padding_removed():
    assert values.person_name("张　三 ") == "张三"
    assert values.person_name("阿依古丽·买买提") == "阿依古丽·买买提"
    assert values.person_name("John  Smith") == "John Smith"


def test_given_title_rows_then_the_header_is_found_below_them():
    def build(wb):
        ws = wb.add_worksheet("名册")
        ws.merge_range("A1:L1", "某某县科级干部名册")
        ws.write("A2", "填报单位：甲镇　　填报日期：2024年5月")
        ws.write_row(2, 0, HEADER)
        ws.write_row(3, 0, person(1))

    roster = read_roster(workbook(build), "r.xlsx")
    rows = cells(roster)
    assert roster.sheets[0].header_rows == (3,)
    assert rows[0]["name"] == "王五" and rows[0]["_row"] == 4


def test_given_a_merged_two_row_header_then_columns_combine_top_and_sub_labels():
    def build(wb):
        ws = wb.add_worksheet("名册")
        ws.merge_range("A1:A2", "姓名")
        ws.merge_range("B1:B2", "身份证号")
        ws.merge_range("C1:D1", "学历")
        ws.write_row(1, 2, ["全日制", "在职"])
        ws.merge_range("E1:F1", "全日制教育")
        ws.write_row(1, 4, ["学位", "毕业院校系及专业"])
        ws.write_row(
            2,
            0,
            [
                "王五",
                id_number(BIRTH, "1"),
                "大学本科",
                "中央党校研究生",
                "法学学士",
                "某某大学法律系法学专业",
            ],
        )

    roster = read_roster(workbook(build), "r.xlsx")
    table = roster.sheets[0]
    assert table.header_rows == (1, 2)
    assert table.fields == (
        "name",
        "id_number",
        "full_time_education",
        "in_service_education",
        "full_time_degree",
        "full_time_school",
    )
    assert cells(roster)[0]["_row"] == 3


@pytest.mark.parametrize(
    ("names", "field"),
    [
        (("出生日期", "出生年月日", "出生年月（岁）", "出生年月(岁)"), "birth_date"),
        (("身份证号码", "公民身份号码", "身 份 证 号"), "id_number"),
        (("工作单位", "所在单位", "单位名称"), "unit"),
        (("参加工作年月", "参加工作时间"), "work_started_on"),
    ],
)
def test_given_synonyms_for_column_names_then_the_same_field(names, field):
    for name in names:
        roster = read_roster(simple([["王五", "x"]], header=["姓名", name]), "r.xlsx")
        assert roster.sheets[0].fields == ("name", field), name


def test_given_blank_rows_repeated_headers_totals_and_footnotes_then_skipped():
    def build(wb):
        ws = wb.add_worksheet("名册")
        ws.write_row(0, 0, HEADER)
        ws.write_row(1, 0, person(1, "王五"))
        ws.write_row(4, 0, HEADER)  # repeated on the next printed page
        ws.write_row(5, 0, person(2, "赵六"))
        ws.write_row(6, 0, ["", "合计"])
        ws.write(8, 0, "填表人：李四")

    rows = cells(read_roster(workbook(build), "r.xlsx"))
    assert [(r["name"], r["_row"]) for r in rows] == [("王五", 2), ("赵六", 6)]


def test_given_several_sheets_then_each_is_read_and_hidden_code_sheets_ignored():
    def build(wb):
        for name in ("甲镇", "乙镇"):
            ws = wb.add_worksheet(name)
            ws.write_row(0, 0, HEADER)
            ws.write_row(1, 0, person(1, name + "人"))
        wb.add_worksheet("空表")
        codes = wb.add_worksheet("代码")
        codes.write_row(0, 0, ["男", "女"])
        codes.hide()

    roster = read_roster(workbook(build), "r.xlsx")
    assert [s.name for s in roster.sheets] == ["甲镇", "乙镇"]
    assert roster.row_count == 2


def test_given_csv_in_gbk_then_read():
    text = "姓名,身份证号\r\n王五," + id_number(BIRTH, "1") + "\r\n"
    roster = read_roster(text.encode("gb18030"), "名册.csv")
    assert cells(roster)[0]["name"] == "王五"


def test_given_a_sheet_without_a_name_column_then_refused():
    with pytest.raises(InterchangeRefused, match="未找到“姓名”列"):
        read_roster(simple([["x", "y"]], header=["编号", "身份证号"]), "r.xlsx")


def test_given_unknown_columns_then_listed_not_fatal():
    roster = read_roster(simple([["王五", "蓝"]], header=["姓名", "最喜欢的颜色"]), "r.xlsx")
    [header] = roster.headers
    assert (header.column, header.label, header.field) == ("B", "最喜欢的颜色", "")
    assert roster.sheets[0].fields == ("name",)
    [note] = roster.notes
    assert (note.column, note.value, note.severity) == ("B", "最喜欢的颜色", "warning")
    assert "未识别的表头" in note.message


def test_given_a_choice_for_an_unknown_header_then_its_column_is_read():
    data = simple([["王五", "科员", "蓝"]], header=["姓名", "岗位 ", "最喜欢的颜色"])
    chosen = {header_key("岗位"): "current_position", header_key("最喜欢的颜色"): ""}
    roster = read_roster(data, "r.xlsx", headers=chosen)
    table = roster.sheets[0]
    assert table.fields == ("name", "current_position")
    assert table.rows[0].values == ("王五", "科员")
    assert [(h.column, h.label, h.field) for h in roster.headers] == [
        ("B", "岗位", "current_position"),
        ("C", "最喜欢的颜色", ""),
    ]
    assert not roster.notes  # chosen, even "not imported": no longer a warning


def test_given_the_name_column_under_an_unknown_header_then_a_choice_makes_it_readable():
    data = simple([["王五", "男"]], header=["人名", "性别"])
    with pytest.raises(InterchangeRefused, match="未找到“姓名”列"):
        read_roster(data, "r.xlsx")
    roster = read_roster(data, "r.xlsx", headers={header_key("人名"): "name"})
    assert roster.sheets[0].fields == ("name", "gender")
