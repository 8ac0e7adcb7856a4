"""Unit services: create, rename, move (with the cadres' unit_path rewrite), close,
establishment and quotas — each change audited, bad input refused without half-saving."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.org import selectors, services
from cadre.org.models import Establishment, Unit
from cadre.people.models import Cadre
from cadre.posts.models import Appointment
from tests.factories import make_cadre, make_unit


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 for the fixture's seven users would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _zzb(county) -> Actor:
    return Actor(county.users["zzb"], "10.0.0.8")


def _fresh(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


def test_given_parent_in_scope_when_creating_unit_then_child_saved_with_initials_and_audited(
    county,
):
    unit = services.unit_create(
        parent=county.town_a,
        data={"code": "t001-01", "name": "甲镇党政办公室", "kind": "12", "level": "8"},
        actor=_zzb(county),
    )
    unit = _fresh(unit)
    assert unit.code == "T001-01"
    assert unit.path.startswith(county.town_a.path) and unit.depth == 3
    assert unit.name_initials == "jzdzbgs"
    entry = AuditEntry.objects.get(action="create", target_type="org.unit", target_id=unit.pk)
    assert entry.actor_name == "zzb" and entry.ip == "10.0.0.8"
    assert entry.changes["name"] == [None, "甲镇党政办公室"]
    assert entry.changes["parent"] == [None, "T001"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"code": "T002", "name": "重复", "kind": "02"}, "code"),
        ({"code": "t002", "name": "大小写重复", "kind": "02"}, "code"),
        ({"code": "X 1", "name": "空格", "kind": "02"}, "code"),
        ({"code": "", "name": "无代码", "kind": "02"}, "code"),
        ({"code": "N1", "name": "  ", "kind": "02"}, "name"),
        ({"code": "N2", "name": "坏类别", "kind": "99"}, "kind"),
        ({"code": "N3", "name": "坏规格", "kind": "02", "level": "X"}, "level"),
        ({"code": "N4", "name": "坏区划", "kind": "02", "region_code": "12ab"}, "region_code"),
    ],
)
def test_given_bad_input_when_creating_unit_then_refused_and_nothing_saved(county, data, field):
    units_before = Unit.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.unit_create(parent=county.town_a, data=data, actor=_zzb(county))
    assert field in exc.value.message_dict
    assert Unit.objects.count() == units_before
    assert _fresh(county.town_a).numchild == 0
    assert not AuditEntry.objects.filter(action="create").exists()


def test_given_parent_out_of_scope_when_unit_hr_creates_then_refused(county):
    with pytest.raises(ValidationError):
        services.unit_create(
            parent=county.town_b,
            data={"code": "X1", "name": "乙镇某办", "kind": "12"},
            actor=Actor(county.users["rsk"]),
        )
    assert not Unit.objects.filter(code="X1").exists()


def test_given_closed_parent_when_creating_then_refused(county):
    Cadre.objects.filter(pk=county.cadre_b.pk).update(status="3")
    services.unit_close(unit=county.town_b, closed_on=dt.date.today(), actor=Actor(None))
    with pytest.raises(ValidationError):
        services.unit_create(
            parent=county.town_b,
            data={"code": "X2", "name": "新单位", "kind": "12"},
            actor=_zzb(county),
        )


def test_given_unit_when_renamed_then_initials_follow_and_before_after_audited(county):
    services.unit_update(
        unit=county.town_a,
        data={"name": "甲街道", "short_name": "甲街", "kind": "09"},
        actor=_zzb(county),
    )
    unit = _fresh(county.town_a)
    assert (unit.name, unit.short_name, unit.kind, unit.name_initials) == (
        "甲街道",
        "甲街",
        "09",
        "jjd",
    )
    entry = AuditEntry.objects.get(action="update", target_id=unit.pk)
    assert entry.changes["name"] == ["甲镇", "甲街道"]
    assert entry.changes["kind"] == ["08", "09"]


def test_given_no_change_when_updating_then_no_audit_entry(county):
    services.unit_update(unit=county.town_a, data={"name": "甲镇"}, actor=_zzb(county))
    assert AuditEntry.objects.filter(action="update").count() == 1  # name_initials filled in
    services.unit_update(unit=county.town_a, data={"name": "甲镇"}, actor=_zzb(county))
    assert AuditEntry.objects.filter(action="update").count() == 1


def test_given_blank_name_when_renaming_then_refused_and_unchanged(county):
    with pytest.raises(ValidationError):
        services.unit_update(unit=county.town_a, data={"name": ""}, actor=_zzb(county))
    assert _fresh(county.town_a).name == "甲镇"


def test_given_subtree_with_cadres_when_moved_then_cadre_unit_paths_rewritten(county):
    office = make_unit("甲镇党政办", county.town_a, code="T001-01", kind="12")
    section = make_unit("综合股", office, code="T001-01-01", kind="12")
    in_office = make_cadre(office, "王五")
    in_section = make_cadre(section, "赵六")
    services.unit_move(unit=office, new_parent=county.town_b, actor=_zzb(county))

    office, section, town_b = _fresh(office), _fresh(section), _fresh(county.town_b)
    assert office.path.startswith(town_b.path) and office.depth == 3
    assert section.path.startswith(office.path) and section.depth == 4
    assert Cadre.objects.get(pk=in_office.pk).unit_path == office.path
    assert Cadre.objects.get(pk=in_section.pk).unit_path == section.path
    # Untouched cadres keep their paths.
    assert Cadre.objects.get(pk=county.cadre_a.pk).unit_path == _fresh(county.town_a).path
    assert _fresh(county.town_a).numchild == 0 and town_b.numchild == 1
    # The 乙镇 scope now covers the moved cadres.
    assert Cadre.objects.filter(unit_path__startswith=town_b.path).count() == 3
    entry = AuditEntry.objects.get(action="update", target_id=office.pk)
    assert entry.changes["parent"] == ["T001", "T002"]
    assert "2条" in entry.note


def test_given_unit_when_moved_into_own_subtree_then_refused(county):
    office = make_unit("甲镇党政办", county.town_a, code="T001-01", kind="12")
    for target in (county.town_a, office):
        with pytest.raises(ValidationError):
            services.unit_move(unit=county.town_a, new_parent=target, actor=_zzb(county))
    assert _fresh(county.town_a).path == county.town_a.path


def test_given_target_out_of_actor_scope_when_moving_then_refused(county):
    from cadre.accounts.models import Role
    from tests.factories import make_user

    other = make_unit("某某市", code="S001", kind="01")
    hr = make_user("town_admin", Role.ORG_ADMIN, [county.town_a])
    office = make_unit("甲镇党政办", county.town_a, code="T001-01", kind="12")
    with pytest.raises(ValidationError):
        services.unit_move(unit=office, new_parent=other, actor=Actor(hr))
    with pytest.raises(ValidationError):
        services.unit_move(unit=office, new_parent=county.town_b, actor=Actor(hr))
    assert _fresh(office).path.startswith(county.town_a.path)


def test_given_in_office_cadres_when_closing_then_refused_with_chinese_message(county):
    with pytest.raises(ValidationError) as exc:
        services.unit_close(unit=county.town_a, closed_on=dt.date.today(), actor=_zzb(county))
    assert "1名现职干部" in exc.value.messages[0]
    assert not _fresh(county.town_a).is_closed


def test_given_only_retired_cadres_when_closing_then_closed_and_audited(county):
    Cadre.objects.filter(pk=county.cadre_a.pk).update(status="2")
    services.unit_close(unit=county.town_a, closed_on=dt.date(2024, 6, 1), actor=_zzb(county))
    unit = _fresh(county.town_a)
    assert unit.is_closed and unit.closed_on == dt.date(2024, 6, 1)
    entry = AuditEntry.objects.get(action="update", target_id=unit.pk)
    assert entry.changes == {"is_closed": [False, True], "closed_on": [None, "2024-06-01"]}
    services.unit_reopen(unit=unit, actor=_zzb(county))
    assert not _fresh(unit).is_closed


def test_given_open_sub_unit_when_closing_then_refused(county):
    Cadre.objects.update(status="3")
    with pytest.raises(ValidationError) as exc:
        services.unit_close(unit=county.county, closed_on=dt.date.today(), actor=_zzb(county))
    assert "下级单位" in exc.value.messages[0]


def test_given_establishment_and_quotas_when_set_then_saved_and_one_audit_entry(county):
    services.establishment_set(
        unit=county.town_a,
        approved={"1": 1, "4": 5, "5": None},
        quota_principal=2,
        quota_deputy=3,
        actor=_zzb(county),
    )
    assert dict(county.town_a.establishments.values_list("kind", "approved")) == {"1": 1, "4": 5}
    entries = AuditEntry.objects.filter(target_id=county.town_a.pk)
    assert entries.count() == 1
    assert entries[0].changes["establishment:1"] == [None, 1]
    assert entries[0].changes["quota_deputy"] == [0, 3]
    services.establishment_set(
        unit=county.town_a,
        approved={"1": None, "4": 5},
        quota_principal=2,
        quota_deputy=3,
        actor=_zzb(county),
    )
    assert list(
        Establishment.objects.filter(unit=county.town_a).values_list("kind", flat=True)
    ) == ["4"]


def test_given_negative_numbers_when_setting_establishment_then_nothing_saved(county):
    with pytest.raises(ValidationError):
        services.establishment_set(
            unit=county.town_a,
            approved={"1": 3, "4": -1},
            quota_principal=1,
            quota_deputy=1,
            actor=_zzb(county),
        )
    assert not Establishment.objects.exists()
    assert _fresh(county.town_a).quota_principal == 0


def _lead(cadre: Cadre, unit: Unit, level: str, **extra) -> Appointment:
    return Appointment.objects.create(
        cadre=cadre,
        unit=unit,
        title="职务",
        position_level=level,
        started_on=dt.date(2020, 1, 1),
        **extra,
    )


def test_given_more_cadres_than_approved_when_figuring_then_over_establishment(county):
    services.establishment_set(
        unit=county.town_a,
        approved={"1": 1},
        quota_principal=1,
        quota_deputy=1,
        actor=_zzb(county),
    )
    fig = selectors.unit_figures([_fresh(county.town_a)])[county.town_a.pk]
    assert (fig.approved_total, fig.actual_total, fig.over_establishment) == (1, 1, False)
    make_cadre(county.town_a, "王五")
    make_cadre(county.town_a, "退休者", status="2")  # not 现职: not counted
    make_cadre(county.town_a, "事业人员", staff_category="30")
    fig = selectors.unit_figures([_fresh(county.town_a)])[county.town_a.pk]
    lines = {line.kind: (line.approved, line.actual) for line in fig.lines}
    assert lines == {"1": (1, 2), "4": (None, 1)}
    assert fig.over_establishment and fig.actual_total == 3


def test_given_internal_division_when_figuring_then_its_cadres_count_against_parent(county):
    office = make_unit("甲镇党政办", county.town_a, code="T001-01", kind="12")
    make_cadre(office, "王五")
    figs = selectors.unit_figures([county.town_a, office])
    assert figs[county.town_a.pk].actual_total == 2
    assert figs[office.pk].counted_in_parent


def test_given_leading_posts_when_figuring_then_principal_and_deputy_counted_against_quota(
    county,
):
    services.establishment_set(
        unit=county.town_a,
        approved={},
        quota_principal=1,
        quota_deputy=1,
        actor=_zzb(county),
    )
    deputy1, deputy2 = make_cadre(county.town_a, "王五"), make_cadre(county.town_a, "赵六")
    _lead(county.cadre_a, county.town_a, "41")
    _lead(county.cadre_a, county.town_a, "41", is_main=False)  # same cadre counted once
    _lead(deputy1, county.town_a, "42")
    _lead(deputy2, county.town_a, "42", ended_on=dt.date(2023, 1, 1))  # ended
    _lead(deputy2, county.town_a, "50", is_leading=False)  # not leading
    fig = selectors.unit_figures([_fresh(county.town_a)])[county.town_a.pk]
    assert (fig.principal, fig.deputy, fig.over_quota) == (1, 1, False)
    _lead(deputy2, county.town_a, "42")
    fig = selectors.unit_figures([_fresh(county.town_a)])[county.town_a.pk]
    assert fig.deputy == 2 and fig.over_deputy and not fig.over_principal


def test_given_many_units_when_figuring_then_query_count_is_fixed(
    county, django_assert_max_num_queries
):
    units = [make_unit(f"部门{i}", county.county, code=f"D{i:03d}") for i in range(20)]
    for u in units:
        make_cadre(u, "干部")
    all_units = list(Unit.objects.order_by("path"))
    with django_assert_max_num_queries(5):
        figs = selectors.unit_figures(all_units)
    assert sum(f.actual_total for f in figs.values()) == 22
