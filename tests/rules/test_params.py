import re
from pathlib import Path

import pytest

from cadre.rules.errors import RulesError
from cadre.rules.params import Params, registry

ROOT = Path(__file__).resolve().parents[2]


def test_registry_entries_are_complete() -> None:
    entries = registry()
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys))
    for e in entries:
        assert re.fullmatch(r"[a-z_]+(\.[^.\s]+)+", e.key), e.key
        assert e.label and e.source
        assert e.kind in ("int", "ratio", "str", "bool")
        assert Params().value(e.key) == e.default
        if e.choices:
            assert e.default in e.choices


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("retirement.male.original_age_years", 60),
        ("sanction.政务.记过.months", 12),
        ("sanction.政务.降级.months", 24),
        ("sanction.政务.撤职.months", 24),
        ("sanction.政务.stacking_cap_months", 48),
        ("sanction.党纪.开除党籍.months", 60),
        ("assessment.excellent_quota.ratio", "0.20"),
        ("assessment.excellent_quota.ratio_with_approval", "0.25"),
        ("rank.required_years.一级调研员", 3),
        ("rank.required_years.二级巡视员", 4),
        ("rank.excellent_reduction_months", 6),
        ("exchange.key_post.rotation_years", 5),
        ("retirement.county_female_cadre.age_years", 60),
    ],
)
def test_known_defaults(key: str, value: object) -> None:
    assert Params().value(key) == value


def test_configurable_flags_follow_rules_warnings() -> None:
    configurable = {e.key for e in registry() if e.configurable}
    for key in [
        "retirement.county_female_cadre.age_years",
        "sanction.诫勉.months",
        "sanction.组织处理.调整职务.months",
        "sanction.组织处理.责令辞职免职.months",
        "sanction.组织处理.降职.months",
        "assessment.excellent_quota.ratio_with_approval",
        "rank.quota.county.二级调研员.ratio",
        "rank.quota.city.调研员.ratio",
        "exchange.key_post.rotation_years",
        "training.party_member.hours_per_year",
    ]:
        assert key in configurable, key
    assert "sanction.政务.记过.months" not in configurable


def test_overrides_are_checked() -> None:
    assert Params({"sanction.诫勉.months": "9"}).get_int("sanction.诫勉.months") == 9
    with pytest.raises(RulesError, match="未知参数"):
        Params({"no.such.key": 1})
    with pytest.raises(RulesError):
        Params({"sanction.诫勉.months": "six"})
    with pytest.raises(RulesError):
        Params({"sanction.诫勉.months": True})
    with pytest.raises(RulesError):
        Params({"assessment.excellent_quota.ratio": "abc"})
    with pytest.raises(RulesError):
        Params({"assessment.cap.诫勉.same_year": "优秀"})
    p = Params({"assessment.excellent_quota.ratio": "1/3"})
    assert p.is_overridden("assessment.excellent_quota.ratio")
    assert p.overrides() == {"assessment.excellent_quota.ratio": "1/3"}


def test_every_key_is_documented() -> None:
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [e.key for e in registry() if f"`{e.key}`" not in doc]
    assert missing == []
