"""政策口径 services and the params in force: provider, cache, validation, audit, permission."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError

from cadre.core import policy
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry, RuleParameter
from cadre.rules.assessment import excellent_quota
from cadre.rules.params import Params, registry, set_default_provider
from cadre.rules.retirement import retirement_month
from cadre.rules.sanctions import Sanction, sanction_months

KEY = "sanction.政务.记过.months"
RECORD = Sanction("政务", "记过", date(2024, 3, 15))


@pytest.fixture(autouse=True)
def _provider_in_force():
    """What CoreConfig.ready() registers, with a cache that starts (and ends) empty."""
    policy.clear_cache()
    set_default_provider(policy.current_params)
    yield
    policy.clear_cache()


@pytest.fixture
def zzb(county) -> Actor:
    return Actor(county.users["zzb"], ip="10.0.0.8")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the services' on-commit hooks, as a committed request would."""

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


def test_given_no_override_then_rules_use_registry_defaults(db):
    assert sanction_months(RECORD) == 12
    assert policy.current_params().overrides() == {}


def test_given_override_when_rules_called_without_params_then_override_applies(zzb, commit):
    commit(policy.rule_parameter_set, key=KEY, value="15", actor=zzb)

    assert sanction_months(RECORD) == 15
    assert RuleParameter.objects.get(key=KEY).value == 15


def test_given_override_when_reset_then_default_restored(zzb, commit):
    commit(policy.rule_parameter_set, key=KEY, value="15", actor=zzb)
    commit(policy.rule_parameter_reset, key=KEY, actor=zzb)

    assert sanction_months(RECORD) == 12
    assert not RuleParameter.objects.filter(key=KEY).exists()


def test_given_ratio_override_then_quota_uses_it(zzb, commit):
    commit(
        policy.rule_parameter_set, key="assessment.excellent_quota.ratio", value="30%", actor=zzb
    )

    assert RuleParameter.objects.get(key="assessment.excellent_quota.ratio").value == "0.30"
    assert excellent_quota(10).max_excellent == 3


def test_given_configurable_retirement_override_then_retirement_month_follows(zzb, commit):
    birth = date(1970, 5, 1)
    assert str(retirement_month(birth, "女干部", county_level_leader=True)) == "2030-05"
    commit(
        policy.rule_parameter_set,
        key="retirement.county_female_cadre.delay_scheme",
        value="male",
        actor=zzb,
    )
    # k = (1970 − 1965) × 12 + 4 = 64 → 64 // 4 + 1 = 17 months on top of 60 years.
    assert str(retirement_month(birth, "女干部", county_level_leader=True)) == "2031-10"


def test_given_change_in_another_process_then_seen_after_ttl(db, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(policy.time, "monotonic", lambda: clock[0])
    assert sanction_months(RECORD) == 12  # cached now
    # Another worker stores a change: this process has no on-commit hook for it.
    RuleParameter.objects.create(key=KEY, value=18)

    clock[0] += policy.CACHE_TTL_SECONDS - 1
    assert sanction_months(RECORD) == 12
    clock[0] += 2
    assert sanction_months(RECORD) == 18


def test_given_change_committed_here_then_seen_at_once(zzb, commit, monkeypatch):
    monkeypatch.setattr(policy.time, "monotonic", lambda: 1000.0)  # the TTL never runs out
    assert sanction_months(RECORD) == 12
    commit(policy.rule_parameter_set, key=KEY, value=20, actor=zzb)
    assert sanction_months(RECORD) == 20


def test_given_change_commits_during_a_load_then_that_load_is_not_cached(db, monkeypatch):
    real_load = policy._load

    def racing_load():
        loaded = real_load()
        policy.clear_cache()  # another thread's change commits while this load runs
        return loaded

    monkeypatch.setattr(policy, "_load", racing_load)
    assert policy.current_params().overrides() == {}
    assert policy._cached is None
    monkeypatch.undo()
    policy.current_params()
    assert policy._cached is not None


def test_given_table_missing_then_defaults_and_outer_transaction_still_usable(db, monkeypatch):
    monkeypatch.setattr(RuleParameter._meta, "db_table", "core_ruleparameter_not_yet")
    params = policy.current_params()
    assert params.overrides() == {}
    assert policy._cached is None  # not cached: picked up once migrations ran
    monkeypatch.undo()
    # The failed query ran in a savepoint: the test's transaction (PostgreSQL) is intact.
    RuleParameter.objects.create(key=KEY, value=9)
    assert policy.current_params().get_int(KEY) == 9


def test_given_other_database_error_then_it_propagates(db, monkeypatch):
    monkeypatch.setattr(RuleParameter._meta, "db_table", "core_ruleparameter_not_yet")
    monkeypatch.setattr(policy, "_table_exists", lambda: True)
    with pytest.raises(DatabaseError):
        policy.current_params()


def test_given_stored_value_no_longer_valid_then_ignored(db):
    RuleParameter.objects.create(key=KEY, value=-5)
    RuleParameter.objects.create(key="removed.in.a.release", value=1)
    RuleParameter.objects.create(key="sanction.诫勉.months", value=3)
    params = policy.current_params()
    assert params.overrides() == {"sanction.诫勉.months": 3}
    assert sanction_months(RECORD) == 12


def test_fullwidth_digits_from_a_chinese_ime_are_accepted(zzb):
    policy.rule_parameter_set(key=KEY, value="３６", actor=zzb)
    assert RuleParameter.objects.get(key=KEY).value == 36


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (KEY, "-3", "不能为负数"),
        (KEY, -3, "不能为负数"),
        (KEY, "abc", "应为整数"),
        (KEY, "1.5", "应为整数"),
        (KEY, "١٢", "应为整数"),
        (KEY, "", "请填写"),
        (KEY, "   ", "请填写"),
        (KEY, "1" * 41, "过长"),
        (KEY, "99999", "应在0至9999个月之间"),
        (KEY, True, "取值无效"),
        (KEY, 1.5, "取值无效"),
        ("assessment.excellent_quota.ratio", "1.5", "应在0到1之间"),
        ("assessment.excellent_quota.ratio", "150%", "应在0到1之间"),
        ("assessment.excellent_quota.ratio", "-0.1", "应为比例"),
        ("assessment.excellent_quota.ratio", "1e999999999", "应为比例"),
        ("assessment.excellent_quota.ratio", "1/0", "取值无效"),
        ("assessment.excellent_quota.ratio", "abc%", "应为比例"),
        ("retirement.male.step_months", "0", "应在1至9999个月之间"),
        ("exchange.term_years", 0, "应在1至9999年之间"),
        ("retirement.male.original_age_years", "200", "应在1至100周岁之间"),
        ("retirement.male.base_year", "1800", "应在1900至2100年之间"),
        ("leadership.education.min_level", "小学", "取值无效"),
        ("retirement.county_female_cadre.delay_scheme", "female_worker", "取值无效"),
        ("no.such.key", "1", "未知参数"),
        ("idnumber.check_chars", "10X98765432", "国家标准"),
    ],
)
def test_given_invalid_value_then_refused_in_chinese_and_nothing_stored(zzb, key, value, message):
    with pytest.raises(ValidationError) as exc:
        policy.rule_parameter_set(key=key, value=value, actor=zzb)
    text = "；".join(exc.value.messages)
    assert message in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert not RuleParameter.objects.exists()
    assert not AuditEntry.objects.exists()


def test_registry_coercion_value_errors_become_chinese_messages():
    # "²".isdigit() is True but int("²") raises a plain ValueError inside the registry.
    with pytest.raises(ValidationError, match="取值无效"):
        policy.check_value(KEY, "²")


def test_every_registry_default_passes_the_bounds():
    for entry in registry():
        assert policy.check_value(entry.key, entry.default) == entry.default


def test_given_change_then_one_audit_entry_with_before_and_after(zzb):
    policy.rule_parameter_set(key=KEY, value="15", actor=zzb)

    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.SETTING
    assert entry.actor == zzb.user
    assert entry.ip == "10.0.0.8"
    assert entry.target_type == "core.ruleparameter"
    assert entry.target_id == KEY
    assert entry.target_repr == f"政务记过处分期（{KEY}）"
    assert entry.changes == {"value": [12, 15], "overridden": [False, True]}


def test_given_same_value_again_then_no_write_and_no_audit(zzb):
    policy.rule_parameter_set(key=KEY, value="15", actor=zzb)
    policy.rule_parameter_set(key=KEY, value=15, actor=zzb)
    assert AuditEntry.objects.count() == 1


def test_given_second_change_then_before_is_the_previous_override(zzb):
    policy.rule_parameter_set(key=KEY, value="15", actor=zzb)
    policy.rule_parameter_set(key=KEY, value="18", actor=zzb)
    latest = AuditEntry.objects.first()
    assert latest is not None
    assert latest.changes == {"value": [15, 18]}
    assert RuleParameter.objects.get(key=KEY).updated_by == zzb.user


def test_given_reset_then_audited_and_reset_of_default_is_a_no_op(zzb):
    policy.rule_parameter_set(key=KEY, value="15", actor=zzb)
    policy.rule_parameter_reset(key=KEY, actor=zzb)
    policy.rule_parameter_reset(key=KEY, actor=zzb)

    assert AuditEntry.objects.count() == 2
    latest = AuditEntry.objects.first()
    assert latest is not None
    assert latest.note == "恢复默认政策口径"
    assert latest.changes == {"value": [15, 12], "overridden": [True, False]}


def test_given_unknown_key_reset_then_refused(zzb):
    with pytest.raises(ValidationError, match="未知参数"):
        policy.rule_parameter_reset(key="no.such.key", actor=zzb)


@pytest.mark.parametrize("username", ["leader", "rsk", "self_a", "sysadmin", "secadmin", "auditor"])
def test_given_not_org_admin_then_services_refuse(county, username):
    actor = Actor(county.users[username])
    RuleParameter.objects.create(key="sanction.诫勉.months", value=3)
    with pytest.raises(ValidationError, match="组织部干部管理员"):
        policy.rule_parameter_set(key=KEY, value="15", actor=actor)
    with pytest.raises(ValidationError, match="组织部干部管理员"):
        policy.rule_parameter_reset(key="sanction.诫勉.months", actor=actor)
    assert list(RuleParameter.objects.values_list("key", flat=True)) == ["sanction.诫勉.months"]
    assert not AuditEntry.objects.exists()


def test_given_system_actor_then_may_change(db):
    policy.rule_parameter_set(key=KEY, value="15", actor=Actor(None))
    assert AuditEntry.objects.get().actor_name == "system"


def test_rows_group_and_filter(db):
    RuleParameter.objects.create(key=KEY, value=15)
    rows = policy.policy_rows(editor=True)
    assert [r.key for r in rows] == [e.key for e in registry()]
    assert {g.area for g in policy.group_rows(rows)} >= {"到龄（RULES §3）", "职级晋升（RULES §6）"}
    assert all(r.area != policy.OTHER_AREA for r in rows)
    changed = policy.filter_rows(rows, overridden=True)
    assert [(r.key, r.value, r.value_text) for r in changed] == [(KEY, 15, "15")]
    assert {r.key for r in policy.filter_rows(rows, q="gb 11643")} == {
        "idnumber.check_weights",
        "idnumber.check_chars",
        "idnumber.legacy_century",
    }
    assert {r.key for r in policy.filter_rows(rows, q="留党察看 恢复")} == {
        "sanction.党纪.留党察看.after_restore_months"
    }
    configurable = policy.filter_rows(rows, configurable=True)
    assert len(configurable) == sum(1 for e in registry() if e.configurable)
    assert not any(r.editable for r in rows if r.key.startswith("idnumber."))
    assert not any(r.editable for r in policy.policy_rows(editor=False))


def test_ratio_display_shows_percent():
    entry = Params().entry("leadership.decision.quorum_ratio")
    assert policy.display(entry, "2/3") == "2/3（66.67%）"
    assert policy.display(Params().entry("assessment.excellent_quota.ratio"), "0.20") == (
        "0.20（20%）"
    )


def test_given_table_missing_outside_a_transaction_then_defaults(transactional_db, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(RuleParameter._meta, "db_table", "core_ruleparameter_not_yet")
        assert policy.current_params().overrides() == {}
        assert sanction_months(RECORD) == 12
