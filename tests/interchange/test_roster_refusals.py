"""Files an import must refuse, each with a clear Chinese message and nothing written; and
fuzzing: whatever the bytes, the reader answers with a refusal or a roster, never a crash."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.core.models import AuditEntry
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.readers.guard import OLE_MAGIC
from cadre.interchange.readers.roster import read_roster
from cadre.people.models import Cadre
from tests.interchange.builders import person, simple


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


GOOD = simple([person(1, "王五")])
BOMB = _zip(
    {
        "[Content_Types].xml": b"<x/>",
        "xl/workbook.xml": b"<x/>",
        "xl/worksheets/sheet1.xml": b"\0" * (30 * 1024 * 1024),
    }
)
ENCRYPTED = OLE_MAGIC + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512

BAD_FILES = [
    ("名册.txt", b"hello", "不支持的文件类型"),
    ("名册.docx", GOOD, "不支持的文件类型"),
    ("名册.xlsx", b"just some text, not a workbook", "不是Excel文件"),
    ("名册.xlsx", ENCRYPTED, "已加密"),
    ("名册.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50, "已损坏"),
    ("名册.xlsx", GOOD[: len(GOOD) // 2], "已损坏"),
    ("名册.xlsx", _zip({"word/document.xml": b"<w/>"}), "不是有效的Excel工作簿"),
    ("名册.xlsx", BOMB, "压缩炸弹"),
    ("名册.xls", OLE_MAGIC + b"\x00" * 1000, "已损坏"),
    ("名册.xlsx", b"", "空文件"),
    ("名册.csv", b"\x00\x01\x02binary", "不是文本格式"),
    ("名册.xlsx", simple([["x", "y"]], header=["编号", "身份证号"]), "未找到“姓名”列"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_given_a_bad_file_then_refused_and_nothing_written(county, write, cli, name, data, message):
    before = (Cadre.objects.count(), AuditEntry.objects.count())
    code, _out, result = cli("import_roster", write(name, data), "--unit", "T001", "--json")
    assert code == 1
    assert result["created"] == 0 and result["rows"] == 0
    assert message in result["errors"][0]["message"]
    assert (Cadre.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.django_db
def test_given_a_file_over_the_size_limit_then_refused(county, write, cli, settings):
    settings.CADRE_IMPORT_MAX_BYTES = 1000
    code, _out, result = cli("import_roster", write("名册.xlsx", GOOD), "--unit", "T001", "--json")
    assert code == 1 and "超过上限" in result["errors"][0]["message"]
    assert not Cadre.objects.filter(name="王五").exists()


def test_given_a_zip_declaring_too_much_then_refused_before_unpacking(settings):
    settings.CADRE_IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    with pytest.raises(InterchangeRefused, match="解压后"):
        read_roster(BOMB, "b.xlsx")


def test_given_too_many_zip_entries_then_refused(settings):
    settings.CADRE_IMPORT_MAX_ZIP_ENTRIES = 5
    data = _zip({f"xl/x{i}.xml": b"<x/>" for i in range(10)})
    with pytest.raises(InterchangeRefused, match="条目"):
        read_roster(data, "b.xlsx")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".xlsx", ".xls", ".csv"]))
def test_fuzz_random_bytes_give_only_a_refusal_or_a_roster(data, suffix):
    try:
        read_roster(data, "f" + suffix)
    except InterchangeRefused as exc:
        assert str(exc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=len(GOOD)), flip=st.integers(0, 255))
def test_fuzz_damaged_workbooks_give_only_a_refusal_or_a_roster(cut, flip):
    data = bytearray(GOOD)
    if cut < len(data):
        data[cut] ^= flip
    with contextlib.suppress(InterchangeRefused):
        read_roster(bytes(data), "f.xlsx")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_csv_text_gives_only_a_refusal_or_a_roster(text):
    with contextlib.suppress(InterchangeRefused):
        read_roster(("姓名,身份证号\n" + text).encode("utf-8"), "f.csv")


cell = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates().map(lambda d: d.isoformat()),
)


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.lists(cell, min_size=8, max_size=8), min_size=1, max_size=5))
def test_fuzz_any_cell_values_are_validated_into_problems_never_a_crash(county, rows):
    from cadre.interchange.importer import plan_roster

    header = ["姓名", "身份证号", "出生年月", "入党时间", "性别", "民族", "人员类别", "单位"]
    rows = [["王五", *r[1:]] for r in rows]
    roster = read_roster(simple(rows, header=header), "f.xlsx")
    plan = plan_roster(roster, unit=county.county, user=None)
    assert plan.rows == len(rows)
    assert all(p.sheet == "Sheet1" and p.message for p in plan.problems)
