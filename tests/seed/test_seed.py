"""`cadre seed` / `cadre demo`: a small seeded county is reproducible and consistent."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from cadre.accounts.models import Role, User
from cadre.core.models import AuditEntry
from cadre.org.models import Establishment, Unit
from cadre.people.derived import DERIVED_FIELDS, derive
from cadre.people.identity import reveal
from cadre.people.models import (
    AnnualAssessment,
    Cadre,
    Education,
    FamilyMember,
    Sanction,
)
from cadre.posts.models import Appointment, RankRecord
from cadre.rules import sanctions as sanction_rules
from cadre.seed import build
from cadre.seed.people import SANCTION_KIND_NAME, SANCTION_MEASURE_NAME
from cadre.seed.units import DEMO_REGION

AS_OF = build.DEFAULT_AS_OF
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
pytestmark = pytest.mark.django_db


def seed(**options: Any) -> str:
    out = StringIO()
    with override_settings(DEMO=True):
        call_command("seed", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def county() -> str:
    return seed(cadres=300, seed=7)


def month(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def snapshot() -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for c in Cadre.objects.order_by("pk"):
        rows.append((c.pk, c.name, c.birth_date, c.unit.code, reveal(c.id_number_cipher)))
    rows += list(Appointment.objects.order_by("pk").values_list("cadre_id", "title", "started_on"))
    rows += list(AnnualAssessment.objects.order_by("pk").values_list("cadre_id", "year", "grade"))
    rows += list(FamilyMember.objects.order_by("pk").values_list("cadre_id", "name", "birth_date"))
    return rows


def test_given_the_same_seed_when_seeded_twice_then_the_data_is_identical(county: str) -> None:
    first = snapshot()
    seed(cadres=300, seed=7, force=True)
    assert snapshot() == first
    seed(cadres=300, seed=8, force=True)
    assert snapshot() != first


def test_the_county_has_its_unit_tree_with_quotas_and_establishment(county: str) -> None:
    root = Unit.objects.get(depth=1)
    assert root.name == "安澜县" and root.region_code == DEMO_REGION
    assert 140 <= Unit.objects.count() <= 180
    assert Unit.objects.filter(kind="08").count() == 15
    for name in ("中共安澜县委组织部", "安澜县财政局", "安澜县人民法院", "安澜县总工会"):
        assert Unit.objects.filter(name=name).exists(), name
    assert all(u.name_initials for u in Unit.objects.all())
    assert Unit.objects.get(name="安澜县财政局").name_initials == "xczj"
    township = Unit.objects.filter(kind="08").first()
    assert township is not None
    assert township.quota_principal == 2 and township.quota_deputy >= 7
    assert Unit.objects.filter(path__startswith=township.path, kind="12").count() == 4
    assert Establishment.objects.filter(unit=township, kind="1").exists()
    # treebeard agrees with the paths written in bulk
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert "安澜县" in county and "Cadre@2024" in county


def test_id_numbers_are_valid_unique_and_match_birth_and_gender(county: str) -> None:
    seen = set()
    local = 0
    for c in Cadre.objects.all():
        number = reveal(c.id_number_cipher)
        assert len(number) == 18
        check = "10X98765432"[
            sum(int(a) * w for a, w in zip(number[:17], WEIGHTS, strict=True)) % 11
        ]
        assert number[17] == check
        assert number[6:14] == c.birth_date.strftime("%Y%m%d")
        assert int(number[16]) % 2 == (1 if c.gender == "1" else 0)
        assert c.id_last4 == number[-4:]
        seen.add(number)
        local += number.startswith(DEMO_REGION)
    assert len(seen) == Cadre.objects.count() == 300
    assert local > 0.7 * len(seen)
    assert FamilyMember.objects.exclude(id_number_cipher="").exists()


def test_records_are_consistent_in_time(county: str) -> None:
    for c in Cadre.objects.prefetch_related("educations", "appointments", "resume_entries"):
        assert c.work_started_on is not None
        full_time = [e for e in c.educations.all() if e.track == Education.Track.FULL_TIME]
        assert full_time, c
        assert all(e.ended_on <= c.work_started_on for e in full_time)
        for e in c.educations.all():
            assert e.started_on < e.ended_on <= AS_OF
        posts = sorted(c.appointments.all(), key=lambda a: a.started_on)
        assert posts[0].started_on == c.work_started_on
        assert [a.ended_on for a in posts[:-1]] == [a.started_on for a in posts[1:]]
        assert posts[-1].ended_on is None
        lines = sorted(
            (r for r in c.resume_entries.all() if r.parent_id is None),
            key=lambda r: r.started_on,
        )
        for before, after in itertools.pairwise(lines):
            # continuous: at most one month uncovered (July graduation, September enrolment)
            assert 0 <= month(after.started_on) - month(before.ended_on) <= 2, c
        assert lines[-1].ended_on is None
        job_lines = [r.text for r in lines if r.started_on >= c.work_started_on.replace(day=1)]
        assert job_lines == [a.title for a in posts]
        for sub in (r for r in c.resume_entries.all() if r.parent_id is not None):
            assert sub.started_on >= c.work_started_on
        age_at_party = c.party_joined_on and (c.party_joined_on - c.birth_date).days / 365.25
        assert not age_at_party or age_at_party >= 18
        assert c.retire_month is None or c.retire_month > AS_OF.replace(day=1)


def test_ranks_start_with_the_2019_reform_and_follow_each_other(county: str) -> None:
    ranks: dict[int, list[RankRecord]] = defaultdict(list)
    for r in RankRecord.objects.order_by("started_on"):
        ranks[r.cadre_id].append(r)
    assert ranks
    for cadre_id, items in ranks.items():
        cadre = Cadre.objects.get(pk=cadre_id)
        assert cadre.staff_category in {"11", "12", "13", "20"}
        assert items[0].started_on >= dt.date(2019, 6, 1)
        assert cadre.work_started_on is not None and items[0].started_on > cadre.work_started_on
        for lower, higher in itertools.pairwise(items):
            assert int(higher.rank) == int(lower.rank) - 1  # one step at a time
            assert (higher.started_on - lower.started_on).days >= 365  # tenure in the rank
            assert lower.ended_on == higher.started_on


def test_excellent_is_15_to_20_percent_per_unit_year_and_sanctions_cap_grades() -> None:
    seed(cadres=900, seed=11)
    groups: dict[tuple[int, int], list[str]] = defaultdict(list)
    for unit_id, year, grade in AnnualAssessment.objects.values_list(
        "cadre__unit_id", "year", "grade"
    ):
        groups[(unit_id, year)].append(grade)
    checked = 0
    for grades in groups.values():
        n = len(grades)
        if n < 5:
            continue
        excellent = grades.count("1")
        assert excellent <= math.floor(n * 0.2)
        assert excellent >= min(math.ceil(n * 0.15), math.floor(n * 0.2))
        checked += 1
    assert checked >= 20
    grades_all = list(AnnualAssessment.objects.values_list("grade", flat=True))
    assert {"1", "2"} <= set(grades_all)
    assert grades_all.count("3") + grades_all.count("5") > 0
    for s in Sanction.objects.all():
        rule = sanction_rules.Sanction(
            SANCTION_KIND_NAME[s.kind], SANCTION_MEASURE_NAME[s.measure], s.effective_on
        )
        for a in AnnualAssessment.objects.filter(cadre_id=s.cadre_id):
            cap = sanction_rules.assessment_cap(a.year, [rule]).cap
            if cap == "非优秀":
                assert a.grade != "1"
            elif cap == "不定等次":
                assert a.grade == "5"


def test_derived_columns_equal_what_people_derived_computes(county: str) -> None:
    cadres = Cadre.objects.prefetch_related("appointments", "ranks", "educations")
    leaders = 0
    for c in cadres:
        values = derive(c)
        assert {k: getattr(c, k) for k in DERIVED_FIELDS} == values
        assert c.unit_path == c.unit.path
        leaders += c.is_leader
    assert leaders > 20
    assert Cadre.objects.filter(current_position__endswith="党委书记").exists()


def test_demo_accounts_have_roles_scopes_and_self_service_logins(county: str) -> None:
    root = Unit.objects.get(depth=1)
    expected = {
        "sysadmin": Role.SYSTEM_ADMIN,
        "secadmin": Role.SECURITY_ADMIN,
        "auditor": Role.AUDIT_ADMIN,
        "zzb": Role.ORG_ADMIN,
        "rsk": Role.UNIT_HR,
        "leader": Role.LEADER,
    }
    for username, role in expected.items():
        assert User.objects.get(username=username).role == role
    assert list(User.objects.get(username="zzb").scope_units.all()) == [root]
    assert list(User.objects.get(username="leader").scope_units.all()) == [root]
    rsk_scope = list(User.objects.get(username="rsk").scope_units.all())
    assert len(rsk_scope) == 1 and rsk_scope[0].kind == "08"
    assert not User.objects.get(username="sysadmin").scope_units.exists()
    assert User.objects.get(username="zzb").check_password("Cadre@2024")
    selves = User.objects.filter(role=Role.SELF)
    assert selves.count() == Cadre.objects.count()
    first = Cadre.objects.order_by("pk").first()
    assert first is not None
    user = User.objects.get(username=f"c{first.pk}")
    assert user.cadre == first and user.display_name == first.name
    assert user.password == User.objects.get(username="zzb").password  # one shared hash
    assert AuditEntry.objects.filter(target_type="seed").exists()


def test_given_production_settings_then_demo_accounts_need_force(db: None) -> None:
    with override_settings(DEBUG=False, DEMO=False), pytest.raises(CommandError) as err:
        call_command("seed", cadres=50, stdout=StringIO())
    assert "生产环境不创建演示账号，如确需请加 --force" in str(err.value)
    assert not Unit.objects.exists()
    with override_settings(DEBUG=False, DEMO=False):
        call_command("seed", cadres=50, no_accounts=True, stdout=StringIO())
    assert Cadre.objects.count() == 50 and not User.objects.exists()


def test_given_existing_data_then_seed_refuses_unless_force(county: str) -> None:
    with pytest.raises(CommandError) as err:
        seed(cadres=100)
    assert "已有数据" in str(err.value) and "--force" in str(err.value)
    assert Cadre.objects.count() == 300
    zzb = User.objects.get(username="zzb")
    AuditEntry.objects.create(actor=User.objects.get(username="c1"), action="login")
    seed(cadres=100, force=True)
    assert Cadre.objects.count() == 100
    assert User.objects.get(username="zzb").pk == zzb.pk  # demo accounts kept and reset
    assert User.objects.filter(role=Role.SELF, is_active=True).count() == 100
    assert User.objects.filter(username__startswith="deleted-", is_active=False).count() == 1


def test_a_weak_password_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="密码"):
        seed(cadres=20, password="abc")


def test_a_province_is_made_of_counties_with_blocks_of_keys(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "COUNTY_MAX", 100)
    monkeypatch.setattr(build, "CADRES_PER_COUNTY", 120)
    monkeypatch.setattr(build, "SELF_ACCOUNT_MAX", 100)
    out = seed(cadres=240, seed=3)
    root = Unit.objects.get(depth=1)
    assert root.name == "河北省"
    counties = Unit.objects.filter(depth=2)
    assert counties.count() == 2
    assert len({c.region_code for c in counties}) == 2
    assert Cadre.objects.count() == 240
    for county in counties:
        assert Cadre.objects.filter(unit_path__startswith=county.path).count() == 120
    assert not User.objects.filter(role=Role.SELF).exists()
    assert "未创建干部本人账号" in out
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_the_ageing_corps_townships_older_and_few_under_35() -> None:
    seed(cadres=1500, seed=5, no_accounts=True, force=True)
    towns = [u.path for u in Unit.objects.filter(kind="08")]
    rural: list[float] = []
    organs: list[float] = []
    for path, birth in Cadre.objects.values_list("unit_path", "birth_date"):
        age = (AS_OF - birth).days / 365.25
        (rural if any(path.startswith(t) for t in towns) else organs).append(age)
    everyone = rural + organs
    young = sum(a < 35 for a in everyone) / len(everyone)
    assert 0.06 <= young <= 0.16
    assert sum(rural) / len(rural) > sum(organs) / len(organs)
    assert sum(a < 35 for a in rural) / len(rural) < sum(a < 35 for a in organs) / len(organs)


def test_demo_prepares_data_without_serving(db: None) -> None:
    out = StringIO()
    with override_settings(DEMO=True):
        call_command("demo", no_serve=True, cadres=120, stdout=out)
        assert Cadre.objects.count() == 120
        call_command("demo", no_serve=True, cadres=120, stdout=out)
    assert Cadre.objects.count() == 120
    text = out.getvalue()
    assert "已有 120 名干部" in text and "zzb" in text and "/login/" in text
    with override_settings(DEMO=False), pytest.raises(CommandError, match="CADRE_DEMO=1"):
        call_command("demo", no_serve=True, stdout=StringIO())
