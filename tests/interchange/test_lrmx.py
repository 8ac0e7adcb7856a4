"""LRMX: element order, round trip (export → import gives the same record), idempotence,
tolerant reading and hostile inputs."""

from __future__ import annotations

import zipfile

import pytest
from defusedxml.ElementTree import fromstring

from cadre.core.models import AuditEntry
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.lrmx.parse import parse_lrmx, read_lrmx_files
from cadre.interchange.lrmx.schema import AFTER_FAMILY, BEFORE_FAMILY, FAMILY
from cadre.people.identity import reveal
from cadre.people.models import Cadre
from tests.interchange.rich import JPEG, rich_cadre
from tests.interchange.samples import zipped

pytestmark = pytest.mark.django_db


def snapshot(c: Cadre) -> dict:
    c = Cadre.objects.get(pk=c.pk)
    basic = {
        f: getattr(c, f)
        for f in (
            "name",
            "gender",
            "birth_date",
            "ethnicity",
            "native_place",
            "birthplace",
            "political_status",
            "party_joined_on",
            "work_started_on",
            "health",
            "professional_title",
            "specialty",
            "current_position",
            "unit_id",
            "education",
            "full_time_education",
        )
    }
    basic["id"] = reveal(c.id_number_cipher)
    edus = sorted(
        (e.track, e.education, e.degree, e.degree_name, e.school + e.major)
        for e in c.educations.all()
    )
    resume = [
        (r.started_on, r.ended_on, r.text, r.parent.text if r.parent else None)
        for r in c.resume_entries.order_by("parent_id", "sort", "id")
    ]
    family = sorted(
        (
            f.relation,
            f.name,
            f.birth_date.replace(day=1) if f.birth_date else None,
            f.political_status,
            f.work_unit_position,
            f.is_deceased,
        )
        for f in c.family_members.all()
    )
    return {
        "basic": basic,
        "edus": edus,
        "resume": sorted(resume, key=str),
        "family": family,
        "photo": bytes(c.photo.image),
    }


def export(cli, c: Cadre, path: str) -> bytes:
    code, out, _ = cli("export_lrmx", "--id-number", reveal(c.id_number_cipher), "--out", path)
    assert code == 0, out
    with open(path, "rb") as fh:
        return fh.read()


def test_given_a_cadre_when_exported_then_elements_in_the_forms_order(county, tmp_path, cli):
    c = rich_cadre(county.town_a)
    data = export(cli, c, str(tmp_path / "a.lrmx"))
    root = fromstring(data)
    assert [e.tag for e in root] == [*BEFORE_FAMILY, FAMILY, *AFTER_FAMILY]
    v = {e.tag: (e.text or "") for e in root}
    assert v["ChuShengNianYue"] == "197204"
    assert v["RuDangShiJian"] == "199506"
    assert v["QuanRiZhiJiaoYu_XueLi"] == "大学"
    assert v["QuanRiZhiJiaoYu_XueWei"] == "经济学学士"
    assert v["ZaiZhiJiaoYu_XueLi"] == "中央党校研究生"
    assert v["ShenFenZheng"] == reveal(c.id_number_cipher)
    assert "\r\n" in v["JianLi"] and "（其间：2017.09--2019.07在中央党校" in v["JianLi"]
    assert v["JianLi"].splitlines()[2].startswith("2016.03--         甲镇党委书记")
    assert len(v["JiSuanNianLingShiJian"]) == 8
    assert v["DaoLingNianYue"] and v["GaiGeQianRenZhiNianLingJieXian"]
    family = root.find(FAMILY)
    assert [i.findtext("ChengWei") for i in family] == ["妻子", "儿子", "父亲"]
    assert family[2].findtext("GongZuoDanWeiJiZhiWu") == "已去世"
    import base64

    assert base64.b64decode(v["ZhaoPian"]) == JPEG
    assert AuditEntry.objects.filter(action="export", cadre_id=c.pk).count() == 1


def test_given_an_exported_file_when_imported_again_then_unchanged(county, tmp_path, cli):
    c = rich_cadre(county.town_a)
    path = str(tmp_path / "a.lrmx")
    export(cli, c, path)
    before = snapshot(c)
    code, _o, data = cli("import_lrmx", path, "--json")
    assert code == 0
    assert data == {"rows": 1, "created": 0, "updated": 0, "unchanged": 1, "errors": []}
    assert snapshot(c) == before


def test_round_trip_export_then_import_gives_the_same_record(county, tmp_path, cli):
    c = rich_cadre(county.town_a)
    path = str(tmp_path / "a.lrmx")
    export(cli, c, path)
    before = snapshot(c)
    Cadre.objects.filter(pk=c.pk).delete()
    code, _o, data = cli(
        "import_lrmx", path, "--json", "--unit", "T001", "--staff-category", "综合管理类公务员"
    )
    assert code == 0, data
    assert data["created"] == 1
    again = Cadre.objects.get(name="王建华")
    after = snapshot(again)
    before["basic"].pop("unit_id"), after["basic"].pop("unit_id")
    assert after["basic"] == before["basic"]
    assert after == before
    assert again.unit == county.town_a
    assert AuditEntry.objects.filter(action="create", cadre_id=again.pk).exists()


def test_given_a_changed_file_then_the_cadre_is_updated_and_audited(county, tmp_path, cli):
    c = rich_cadre(county.town_a)
    path = tmp_path / "a.lrmx"
    data = export(cli, c, str(path)).decode()
    data = data.replace("<JiGuan>河北石家庄</JiGuan>", "<JiGuan>山东济南</JiGuan>")
    data = data.replace("某某大学学生", "某某公司职员")
    path.write_text(data, encoding="utf-8")
    code, _o, result = cli("import_lrmx", str(path), "--json")
    assert code == 0 and result["updated"] == 1
    c.refresh_from_db()
    assert c.native_place == "山东济南"
    assert c.family_members.get(name="王小明").work_unit_position == "某某公司职员"
    entry = AuditEntry.objects.get(action="update", cadre_id=c.pk)
    assert entry.changes["native_place"] == ["河北石家庄", "山东济南"]
    assert entry.changes["family"][1] == ["王小明"]


def test_given_a_unit_export_then_a_zip_of_named_files_that_imports_unchanged(
    county, tmp_path, cli
):
    rich_cadre(county.town_a)
    out = tmp_path / "u.zip"
    code, _o, _ = cli("export_lrmx", "--unit", "某某县", "--out", str(out))
    assert code == 0
    names = sorted(zipfile.ZipFile(out).namelist())
    assert names == ["张建国.lrmx", "李秀英.lrmx", "王建华.lrmx"]
    code, _o, data = cli("import_lrmx", str(out), "--json")
    assert code == 0 and data["rows"] == 3 and data["unchanged"] == 3, data


MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<Person>
  <XingMing>　赵　六　</XingMing>
  <XingBie/>
  <ChuShengNianYue> 198503 </ChuShengNianYue>
  <MinZu>汉族</MinZu>
  <WeiZhiYuanSu>ignored</WeiZhiYuanSu>
  <JianLi>2005.09--2009.07  某某大学学习\r
2009.07--         某某县财政局科员（其间：2012.09--2014.07在某某大学在职学习）</JianLi>
  <JiaTingChengYuan><Item><ChengWei>配偶</ChengWei><XingMing>钱七</XingMing></Item></JiaTingChengYuan>
  <ShenFenZheng>{id}</ShenFenZheng>
</Person>"""


def test_given_an_older_or_sparse_file_then_accepted(county, tmp_path, cli):
    import datetime as dt

    from tests.factories import id_number

    number = id_number(dt.date(1985, 3, 12), "1")
    path = tmp_path / "s.lrmx"
    path.write_text(MINIMAL.format(id=number.lower()), encoding="utf-8")
    code, _o, data = cli(
        "import_lrmx", str(path), "--json", "--unit", "甲镇", "--staff-category", "11"
    )
    assert code == 0, data
    c = Cadre.objects.get(name="赵六")
    assert c.gender == "1" and c.birth_date == dt.date(1985, 3, 12)
    assert c.current_position == ""
    top = c.resume_entries.filter(parent=None).order_by("sort")
    assert [r.text for r in top] == ["某某大学学习", "某某县财政局科员"]
    assert top[1].during.get().text == "在某某大学在职学习"
    assert c.family_members.get().relation == "12"  # 配偶 of a man: 妻子


def test_given_a_gbk_file_then_read(county):
    data = '<?xml version="1.0" encoding="GB2312"?><Person><XingMing>张三</XingMing></Person>'
    assert parse_lrmx(data.encode("gb2312"), "g.lrmx").get("XingMing") == "张三"


HOSTILE = [
    (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        "<Person><XingMing>&lol2;</XingMing></Person>",
        "DTD",
    ),
    (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<Person><XingMing>&x;</XingMing></Person>",
        "DTD",
    ),
    ("not xml at all", "不是有效的LRMX"),
    ("<Other><XingMing>x</XingMing></Other>", "根元素应为Person"),
    ("<Person><XingMing>unclosed</Person>", "不是有效的LRMX"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_given_hostile_xml_then_refused_and_nothing_written(county, tmp_path, cli, text, message):
    with pytest.raises(InterchangeRefused, match=message):
        parse_lrmx(text.encode(), "h.lrmx")
    path = tmp_path / "h.lrmx"
    path.write_bytes(text.encode())
    before = (Cadre.objects.count(), AuditEntry.objects.count())
    code, _o, data = cli("import_lrmx", str(path), "--json")
    assert code == 1 and message in data["errors"][0]["message"]
    assert (Cadre.objects.count(), AuditEntry.objects.count()) == before


def test_given_an_oversize_file_then_refused(settings):
    settings.CADRE_LRMX_MAX_BYTES = 100
    with pytest.raises(InterchangeRefused, match="超过上限"):
        parse_lrmx(b"<Person>" + b" " * 200 + b"</Person>", "big.lrmx")


def test_given_a_zip_with_too_many_entries_then_refused(settings):
    settings.CADRE_LRMX_MAX_ENTRIES = 3
    data = zipped({f"{i}.lrmx": b"<Person/>" for i in range(5)})
    with pytest.raises(InterchangeRefused, match="条目"):
        read_lrmx_files(data, "b.zip")


def test_given_a_zip_bomb_then_refused():
    data = zipped({"a.lrmx": b"<Person>" + b" " * (30 * 1024 * 1024) + b"</Person>"})
    with pytest.raises(InterchangeRefused, match=r"压缩炸弹|超过上限"):
        read_lrmx_files(data, "b.zip")


def test_given_the_wrong_file_type_then_refused():
    with pytest.raises(InterchangeRefused, match="不支持的文件类型"):
        read_lrmx_files(b"x", "a.doc")
