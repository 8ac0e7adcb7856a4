"""Name search by grams: one, two and more characters, on SQLite (LIKE) and PostgreSQL (the
generated `name_grams` column and its GIN index), kept right by every writer."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from cadre.people import services
from cadre.people.models import Cadre
from cadre.people.search import apply_search, interpret, name_grams
from cadre.people.selectors import cadres_for
from tests.factories import make_cadre
from tests.interchange.builders import person, simple
from tests.people.helpers import _fast_hasher, actor, basic_data  # noqa: F401  (autouse)

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="name_grams is PostgreSQL's column"
)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("张", ["张"]),
        ("建国", ["建国"]),
        ("张建国", ["张建", "建国"]),
        ("欧阳娜娜", ["欧阳", "阳娜", "娜娜"]),
        ("娜娜娜", ["娜娜"]),  # each gram once
        ("张jg", ["张j", "jg"]),
    ],
)
def test_given_search_text_then_grams_to_look_up(text, grams):
    assert name_grams(text) == grams


def stored_grams(cadre: Cadre) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name_grams FROM people_cadre WHERE id = %s", [cadre.pk])
        return set(cursor.fetchone()[0])


def found(user, text: str) -> set[str]:
    qs = apply_search(cadres_for(user), interpret(text))
    return set(qs.values_list("name", flat=True))


@pytest.fixture
def people(county):
    for name in ("欧阳娜娜", "王建华", "周建", "建张国", "张jg"):
        make_cadre(county.town_a, name)
    return county


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张", {"张建国", "建张国", "张jg"}),  # one character, anywhere
        ("建", {"张建国", "王建华", "周建", "建张国"}),
        ("建国", {"张建国"}),  # two characters, adjacent and in this order (not 建张国)
        ("国建", set()),
        ("张建国", {"张建国"}),  # three: all pairs, then the exact text
        ("张国", {"建张国"}),  # not 张建国: there they are not adjacent
        ("欧阳娜娜", {"欧阳娜娜"}),
        ("阳娜娜", {"欧阳娜娜"}),
        ("娜娜娜", set()),  # its only pair is in 欧阳娜娜, the text is not
        ("张jg", {"张jg"}),  # mixed
        ("秀英", {"李秀英"}),
        ("王五", set()),
    ],
)
def test_given_name_text_then_same_matches_on_every_database(people, text, expected):
    assert found(people.users["zzb"], text) == expected


def test_given_search_then_still_within_scope(people):
    # 乙镇's 李秀英 is outside the 甲镇 personnel office's scope.
    assert found(people.users["rsk"], "秀") == set()
    assert found(people.users["rsk"], "建") == {"张建国", "王建华", "周建", "建张国"}


@postgresql_only
def test_given_a_name_then_the_database_stores_every_character_and_pair(county):
    assert stored_grams(county.cadre_a) == {"张", "建", "国", "张建", "建国"}
    assert stored_grams(make_cadre(county.town_a, "王")) == {"王"}


@postgresql_only
def test_given_create_and_rename_by_service_then_grams_follow_the_name(county):
    who = actor(county.users["zzb"])
    cadre = services.cadre_create(data=basic_data(county.town_a, name="欧阳娜娜"), actor=who)
    assert stored_grams(cadre) == {"欧", "阳", "娜", "欧阳", "阳娜", "娜娜"}
    services.cadre_update(cadre=cadre, data={"name": "赵丽"}, actor=who)
    assert stored_grams(cadre) == {"赵", "丽", "赵丽"}
    assert found(county.users["zzb"], "娜") == set()
    assert found(county.users["zzb"], "赵丽") == {"赵丽"}


@postgresql_only
def test_given_roster_import_then_grams_of_the_new_cadres(county, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_bytes(simple([person(1, "司马相如"), person(2, "钱七", "2")]))
    try:
        call_command("import_roster", str(path), "--unit", "T001", "--json")
    except SystemExit as done:  # the command exits with its status when asked for JSON
        assert not done.code
    assert stored_grams(Cadre.objects.get(name="司马相如")) == {
        "司",
        "马",
        "相",
        "如",
        "司马",
        "马相",
        "相如",
    }
    assert found(county.users["zzb"], "相如") == {"司马相如"}


@postgresql_only
def test_given_raw_insert_without_the_column_then_generated_anyway(county):
    # The seed and the importers' COPY list the model's columns only; the database fills
    # name_grams itself.
    cadre = make_cadre(county.town_a, "马")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_cadre SET name = %s WHERE id = %s", ["马超", cadre.pk])
    assert stored_grams(cadre) == {"马", "超", "马超"}


@postgresql_only
def test_given_one_character_then_the_query_uses_the_gram_index(county):
    qs = apply_search(Cadre.objects.all(), interpret("张"))
    sql = str(qs.query)
    assert "name_grams" in sql and "LIKE" not in sql.upper()
    longer = str(apply_search(Cadre.objects.all(), interpret("张建国")).query)
    assert "name_grams" in longer and "LIKE" in longer.upper()
