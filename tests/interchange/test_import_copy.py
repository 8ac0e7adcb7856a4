"""The bulk write paths of a roster import: COPY (PostgreSQL) gives exactly the rows the ORM
path gives; progress is reported; a failure in the middle of the write leaves nothing."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import pytest
from django.db import connection, transaction
from pypinyin import Style, lazy_pinyin

from cadre.core import crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange import commit
from cadre.interchange.commit import ImportConflict, commit_plan
from cadre.interchange.importer import Plan, plan_roster
from cadre.interchange.readers.roster import read_roster
from cadre.people.identity import id_number_fields, reveal
from cadre.people.models import Cadre, Education
from cadre.people.naming import pinyin_full, pinyin_initials
from cadre.posts.models import Appointment, RankRecord
from tests.factories import id_number, make_cadre
from tests.interchange.builders import FULL_HEADER as HEADER
from tests.interchange.builders import simple

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="COPY is PostgreSQL's; on SQLite the import writes with bulk_create only",
)


def _row(n: int, name: str, gender: str, birth: dt.date, **over: str) -> list[Any]:
    row: dict[str, Any] = {
        "姓名": name,
        "性别": "男" if gender == "1" else "女",
        "出生年月": f"{birth:%Y.%m}",
        "身份证号": id_number(birth, gender, seq=n),
        "民族": "汉族",
        "籍贯": "河北石家庄",
        "政治面貌": "中共党员",
        "入党时间": f"{birth.year + 25}.07",
        "参加工作时间": f"{birth.year + 22}.07",
        "人员类别": "综合管理类公务员",
        "现任职务": "科员",
        "职务层次": "科员级",
        "任现职时间": "2018.03",
        "职级": "",
        "任现职级时间": "",
        "全日制学历": "大学本科",
        "全日制学位": "法学学士",
        "全日制毕业院校系及专业": "河北大学法学专业",
        "在职学历": "",
        "在职学位": "",
        "备注": "",
    }
    row.update(over)
    return [row[h] for h in HEADER]


def _roster_rows() -> list[list[Any]]:
    """Rows that exercise every part: leading posts, ranks, both education tracks, a post
    without a start date, a woman at 县处级 (her retirement age depends on the post)."""
    return [
        _row(1, "王建国", "1", dt.date(1968, 5, 17), 现任职务="党委书记", 职务层次="乡科级正职"),
        _row(
            2,
            "李秀英",
            "2",
            dt.date(1972, 11, 3),
            现任职务="副县长",
            职务层次="县处级副职",
            任现职时间="2019.06",
            职级="二级调研员",
            任现职级时间="2020.01",
            在职学历="中央党校研究生",
            在职学位="",
            备注="挂职",
        ),
        _row(3, "欧阳修", "1", dt.date(1990, 1, 9), 任现职时间="", 全日制学历="", 全日制学位=""),
        _row(
            4,
            "单于　丽",
            "2",
            dt.date(1985, 8, 30),
            全日制学历="硕士研究生",
            全日制学位="管理学硕士",
            籍贯="",
        ),
        _row(5, "曾国藩", "1", dt.date(1963, 12, 1), 职级="一级主任科员", 任现职级时间="2016.10"),
    ]


@pytest.fixture
def plan(county) -> Plan:
    roster = read_roster(simple(_roster_rows(), header=HEADER), "名册.xlsx")
    planned = plan_roster(roster, unit=county.town_a, user=None)
    assert not planned.errors, planned.errors
    assert planned.count("create") == 5
    return planned


def _fields(obj: Any, skip: set[str]) -> dict[str, Any]:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in skip
    }


def _written(indexes: list[str]) -> dict[str, Any]:
    """Everything an import wrote for these ID numbers, without ids and timestamps (which
    differ between two runs by nature) and with the ID number decrypted."""
    cadres = Cadre.objects.filter(id_number_index__in=indexes).order_by("id_number_index")
    key = {c.pk: c.id_number_index for c in cadres}
    result: dict[str, Any] = {}
    for c in cadres:
        assert c.created_at is not None and c.updated_at is not None
        record = _fields(c, {"id", "created_at", "updated_at", "id_number_cipher"})
        record["id_number"] = reveal(c.id_number_cipher)
        parts: dict[str, Any] = {}
        for model in (Appointment, RankRecord, Education):
            rows = model.objects.filter(cadre_id=c.pk).order_by("pk")
            parts[model.__name__] = [_fields(r, {"id", "cadre_id"}) for r in rows]
        entries = AuditEntry.objects.filter(cadre_id=c.pk).order_by("pk")
        audit = []
        for e in entries:
            assert e.target_id == str(c.pk) and e.created_at is not None
            audit.append(_fields(e, {"id", "created_at", "target_id", "cadre_id"}))
        result[str(key[c.pk])] = {"cadre": record, "parts": parts, "audit": audit}
    return result


@postgresql_only
@pytest.mark.parametrize("slices", [False, True])
def test_given_a_plan_then_copy_writes_exactly_what_the_orm_path_writes(plan, monkeypatch, slices):
    if slices:  # slices of two, each built ahead while the previous one's entries stream
        monkeypatch.setattr(commit, "_COPY_BATCH", 2)
        monkeypatch.setattr(commit, "_AHEAD_EVERY", 1)
    indexes = [i.index for i in plan.items]
    actor = Actor(None)
    with transaction.atomic():
        commit_plan(plan, actor=actor, copy=False)
        by_orm = _written(indexes)
        transaction.set_rollback(True)
    assert not Cadre.objects.filter(id_number_index__in=indexes).exists()

    commit_plan(plan, actor=actor, copy=True)
    by_copy = _written(indexes)

    assert len(by_copy) == 5
    assert by_copy == by_orm
    # Derived columns and parts really were computed (not both empty).
    li = next(v for v in by_copy.values() if v["cadre"]["name"] == "李秀英")
    assert li["cadre"]["position_level"] == "32" and li["cadre"]["is_leader"] is True
    assert li["cadre"]["rank"] and li["cadre"]["retire_month"] is not None
    assert [e["track"] for e in li["parts"]["Education"]] == ["full_time", "in_service"]
    assert li["audit"][0]["changes"]["id_number"] == ["", "***"]


@postgresql_only
def test_given_copy_then_the_secret_columns_are_stored_in_the_usual_format(plan):
    commit_plan(plan, actor=Actor(None), copy=True)
    for item in plan.items:
        assert item.row.id_number is not None
        cadre = Cadre.objects.get(id_number_index=item.index)
        expected = id_number_fields(item.row.id_number)
        assert cadre.id_number_index == expected["id_number_index"]
        assert cadre.id_last4 == expected["id_last4"]
        assert crypto.decrypt(cadre.id_number_cipher) == item.row.id_number
        assert cadre.id_number_cipher != expected["id_number_cipher"]  # a fresh nonce each


@postgresql_only
def test_given_copy_then_the_cadre_id_sequence_stays_usable(plan, county):
    commit_plan(plan, actor=Actor(None), copy=True)
    later = make_cadre(county.town_a, "后来者")
    assert later.pk > max(Cadre.objects.exclude(pk=later.pk).values_list("pk", flat=True))


@postgresql_only
def test_given_changed_rows_then_update_from_values_writes_what_bulk_update_writes(county):
    rows = _roster_rows()
    commit_plan(_plan(county, rows), actor=Actor(None), copy=True)
    rows[0][HEADER.index("籍贯")] = "山东济南"
    rows[1][HEADER.index("姓名")] = "李秀珍"  # pinyin columns follow
    rows[2][HEADER.index("人员类别")] = "参公"  # so does the retirement month's input
    rows[3][HEADER.index("政治面貌")] = "群众"
    rows[3][HEADER.index("入党时间")] = ""
    rows[4][HEADER.index("备注")] = "新备注"
    indexes = [i.index for i in _plan(county, rows).items]
    actor = Actor(None)
    with transaction.atomic():
        plan = _plan(county, rows)
        assert plan.count("update") == 5
        commit_plan(plan, actor=actor, copy=False)
        by_orm = _written(indexes)
        transaction.set_rollback(True)

    commit_plan(_plan(county, rows), actor=actor, copy=True)
    by_values = _written(indexes)

    assert by_values == by_orm
    names = {v["cadre"]["name"]: v for v in by_values.values()}
    assert names["李秀珍"]["cadre"]["name_pinyin"] == "lixiuzhen"
    assert names["王建国"]["audit"][-1]["changes"] == {"native_place": ["河北石家庄", "山东济南"]}


def _plan(county: Any, rows: list[list[Any]]) -> Plan:
    roster = read_roster(simple(rows, header=HEADER), "名册.xlsx")
    planned = plan_roster(roster, unit=county.town_a, user=None)
    assert not planned.errors, planned.errors
    return planned


def test_given_progress_then_both_phases_report_up_to_the_total(county):
    rows = [_row(n, f"测试{n}", "1", dt.date(1980, 1, 1) + dt.timedelta(days=n)) for n in range(7)]
    roster = read_roster(simple(rows, header=HEADER), "名册.xlsx")
    calls: list[tuple[str, int, int]] = []
    plan = plan_roster(roster, unit=county.town_a, user=None, progress=lambda *a: calls.append(a))
    commit_plan(plan, actor=Actor(None), progress=lambda *a: calls.append(a))
    assert ("检查", 7, 7) in calls
    assert calls[-1] == ("写入", 7, 7)
    assert all(0 <= done <= total for _phase, done, total in calls)
    assert Cadre.objects.filter(name__startswith="测试").count() == 7


def test_given_many_rows_then_progress_comes_in_steps(county, monkeypatch):
    monkeypatch.setattr("cadre.interchange.importer.PROGRESS_EVERY", 2)
    monkeypatch.setattr(commit, "_BATCH", 2)
    monkeypatch.setattr(commit, "_COPY_BATCH", 2)
    rows = [_row(n, f"测试{n}", "1", dt.date(1980, 1, 1) + dt.timedelta(days=n)) for n in range(5)]
    roster = read_roster(simple(rows, header=HEADER), "名册.xlsx")
    calls: list[tuple[str, int, int]] = []
    plan = plan_roster(roster, unit=county.town_a, user=None, progress=lambda *a: calls.append(a))
    commit_plan(plan, actor=Actor(None), progress=lambda *a: calls.append(a))
    assert calls == [
        ("检查", 2, 5),
        ("检查", 4, 5),
        ("检查", 5, 5),
        ("写入", 2, 5),
        ("写入", 4, 5),
        ("写入", 5, 5),
    ]


def test_given_a_clash_in_a_later_slice_then_nothing_at_all_is_written(county, monkeypatch):
    # Small slices, so that the first slices are written before the clash in the last one.
    monkeypatch.setattr(commit, "_BATCH", 2)
    monkeypatch.setattr(commit, "_COPY_BATCH", 2)
    roster = read_roster(simple(_roster_rows(), header=HEADER), "名册.xlsx")
    plan = plan_roster(roster, unit=county.town_a, user=None)
    assert plan.count("create") == 5
    # Someone enters the last row's person between the preview and the commit.
    last = plan.items[-1].row
    assert last.id_number is not None
    secret: dict[str, Any] = dict(id_number_fields(last.id_number))
    make_cadre(county.town_b, "抢先录入", **secret)
    before = (
        Cadre.objects.count(),
        AuditEntry.objects.count(),
        Appointment.objects.count(),
        Education.objects.count(),
    )

    with pytest.raises(ImportConflict, match="重新预览"):
        commit_plan(plan, actor=Actor(None))

    after = (
        Cadre.objects.count(),
        AuditEntry.objects.count(),
        Appointment.objects.count(),
        Education.objects.count(),
    )
    assert after == before
    assert not Cadre.objects.filter(name="王建国").exists()


NAMES = [
    "王建国",
    "单于丽",
    "欧阳修",
    "曾国藩",
    "解缙",
    "朴槿惠",
    "阿依古丽·买买提",
    "John Smith",
    "张3",
    "覃秀英",
    "尉迟恭",
    "重庆",
    "乐嘉",
    "区志强",
    "查良镛",
]


def test_pinyin_keys_match_pypinyin_styles_for_real_and_generated_names():
    from cadre.seed.names import person_name

    rng = random.Random(7)
    names = NAMES + [
        person_name(rng, rng.choice("12"), rng.randint(1950, 2000)) for _ in range(3000)
    ]
    for name in names:
        assert pinyin_full(name) == "".join(lazy_pinyin(name, errors="ignore")).lower(), name
        assert (
            pinyin_initials(name)
            == "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()
        ), name


def test_given_birth_dates_in_one_month_then_the_remembered_retire_month_is_the_rules():
    from cadre.people.retirement import retire_month_of
    from cadre.rules.params import Params

    params = Params()
    months = commit._RetireMonths(params)
    cases = [
        (dt.date(year, month, day), gender, category, level, leader)
        for year, month in ((1963, 12), (1968, 5), (1972, 11), (1990, 1))
        for day in (1, 17, 28)
        for gender in ("1", "2")
        for category in ("11", "40")
        for level, leader in (("", False), ("22", True), ("22", False), ("41", True))
    ]
    for birth, gender, category, level, leader in cases:
        cadre = Cadre(
            birth_date=birth,
            gender=gender,
            staff_category=category,
            position_level=level,
            is_leader=leader,
        )
        assert months(cadre) == retire_month_of(cadre, params=params), (birth, gender, level)
    assert months(Cadre(birth_date=None, gender="1", staff_category="11")) is None
    assert len(months.known) < len(cases)


def test_given_one_current_post_then_the_short_path_derives_what_the_general_one_does():
    from cadre.people.derived import derive_positions

    for level, leading in (("22", True), ("", False), ("41", False)):
        post = Appointment(
            title="副县长" * 150,
            position_level=level,
            is_leading=leading,
            started_on=dt.date(2019, 6, 1),
        )
        assert derive_positions([post]) == derive_positions((post,))
    ended = Appointment(
        title="科员",
        position_level="50",
        started_on=dt.date(2010, 1, 1),
        ended_on=dt.date(2015, 1, 1),
    )
    assert derive_positions([ended]) == derive_positions((ended,))


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"remarks": '引号"、反斜杠\\、换行\n、制表\t', "specialty": "</script>&"},
        {"party_joined_on": None, "work_started_on": None, "native_place": ""},
    ],
)
def test_a_creations_audit_json_is_the_diff_from_nothing(county, values):
    from cadre.core import audit
    from cadre.interchange.importer import WRITABLE

    cadre = make_cadre(county.town_a, "王建国", **values)
    expected = audit.diff({}, audit.snapshot(cadre, [*WRITABLE, "unit"]))
    expected["id_number"] = ["", commit.ID_MARK]
    assert json.loads(commit._created_json(cadre)) == expected
