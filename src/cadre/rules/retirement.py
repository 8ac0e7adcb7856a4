"""到龄: retirement month under the 2024 gradual-delay reform, and retirement warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadre.rules.dates import Month
from cadre.rules.errors import RulesError
from cadre.rules.params import Params, resolve

CATEGORIES = ("男", "女干部", "女工人")
_STEMS = {"男": "male", "女干部": "female_cadre", "女工人": "female_worker"}
_ALIASES = {"男干部": "男", "男性": "男", "女": "女干部", "女性干部": "女干部", "女职工": "女工人"}


def normalize_category(category: str) -> str:
    c = _ALIASES.get(category.strip(), category.strip())
    if c not in CATEGORIES:
        raise RulesError(f"退休人员类别应为“男”“女干部”或“女工人”，实为“{category}”")
    return c


@dataclass(frozen=True)
class Retirement:
    birth: Month
    category: str
    original_age_years: int
    delay_months: int
    retire_age_months: int
    retire_month: Month
    pre_reform_age_text: str
    configurable: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def age_text(self) -> str:
        """``60岁1个月``."""
        years, months = divmod(self.retire_age_months, 12)
        return f"{years}岁{months}个月" if months else f"{years}岁"

    def as_dict(self) -> dict[str, object]:
        return {
            "retire_month": str(self.retire_month),
            "retire_age_months": self.retire_age_months,
            "delay_months": self.delay_months,
            "original_age_years": self.original_age_years,
            "retire_age_text": self.age_text,
            "pre_reform_age_text": self.pre_reform_age_text,
            "configurable": self.configurable,
            "reasons": list(self.reasons),
        }


def delay_months(birth: Month, scheme: str, params: Params | None = None) -> int:
    """Delay for ``scheme`` (male / female_cadre / female_worker); k = months past Y0-01."""
    p = resolve(params)
    k = (birth.year - p.get_int(f"retirement.{scheme}.base_year")) * 12 + (birth.month - 1)
    if k < 0:
        return 0
    step = p.get_int(f"retirement.{scheme}.step_months")
    return min(p.get_int(f"retirement.{scheme}.cap_months"), k // step + 1)


def retirement(
    birth: Month | date,
    category: str,
    *,
    county_level_leader: bool = False,
    params: Params | None = None,
) -> Retirement:
    """Statutory retirement month (到龄年月) and age for a birth month and category.

    ``county_level_leader`` applies the ⚠️ rule for 县处级 women cadres (default: 60, no delay).
    """
    p = resolve(params)
    b = Month.of(birth)
    cat = normalize_category(category)
    stem = _STEMS[cat]
    county = county_level_leader and cat == "女干部"
    if county:
        original = p.get_int("retirement.county_female_cadre.age_years")
        scheme = p.get_str("retirement.county_female_cadre.delay_scheme")
        delay = 0 if scheme == "none" else delay_months(b, scheme, p)
        note = p.note("retirement.county_female_cadre.age_years")
        reasons = [f"县处级女干部，退休年龄{original}周岁{note}"]
        reasons.append("不适用延迟" if delay == 0 and scheme == "none" else f"延迟{delay}个月")
    else:
        original = p.get_int(f"retirement.{stem}.original_age_years")
        delay = delay_months(b, stem, p)
        reasons = [f"{cat}，原法定退休年龄{original}周岁"]
        if delay:
            reasons.append(f"{b.cn()}出生，按渐进式延迟退休办法延迟{delay}个月")
        else:
            reasons.append(f"{b.cn()}出生，不延迟")
    total = original * 12 + delay
    result = Retirement(
        birth=b,
        category=cat,
        original_age_years=original,
        delay_months=delay,
        retire_age_months=total,
        retire_month=b.add(total),
        pre_reform_age_text=f"{original}周岁",
        configurable=county,
        reasons=reasons,
    )
    result.reasons.append(f"到龄年月{result.retire_month.cn()}（{result.age_text}）")
    return result


def retirement_month(
    birth: Month | date,
    category: str,
    *,
    county_level_leader: bool = False,
    params: Params | None = None,
) -> Month:
    return retirement(
        birth, category, county_level_leader=county_level_leader, params=params
    ).retire_month


@dataclass(frozen=True)
class RetirementWarning:
    level: str  # "已到龄" | "即将到龄"
    retire_month: Month
    months_left: int
    message: str


def retirement_warning(
    birth: Month | date,
    category: str,
    as_of: date,
    *,
    county_level_leader: bool = False,
    months_ahead: int | None = None,
    retire_month_override: Month | None = None,
    params: Params | None = None,
) -> RetirementWarning | None:
    """A warning when the retirement month is reached or within ``months_ahead`` months.

    ``retire_month_override`` is a recorded flexible-retirement decision (弹性退休), which
    replaces the computed month.
    """
    p = resolve(params)
    r = retirement(birth, category, county_level_leader=county_level_leader, params=p)
    month = retire_month_override or r.retire_month
    ahead = p.get_int("retirement.warning.months_ahead") if months_ahead is None else months_ahead
    left = Month.of(as_of).months_until(month)
    basis = "按弹性退休决定" if retire_month_override else f"{r.age_text}"
    if left <= 0:
        msg = f"已于{month.cn()}到龄（{basis}），应办理退休"
        return RetirementWarning("已到龄", month, left, msg)
    if left <= ahead:
        msg = f"将于{month.cn()}到龄（{basis}），距今{left}个月"
        return RetirementWarning("即将到龄", month, left, msg)
    return None
