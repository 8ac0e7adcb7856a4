"""Sanctions (处分), 诫勉 and 组织处理: influence periods (影响期) and assessment caps (§4, §5)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from cadre.rules.dates import period_end
from cadre.rules.errors import RulesError
from cadre.rules.params import Params, resolve

KINDS = ("政务", "党纪", "诫勉", "组织处理")
_KIND_ALIASES = {"政务处分": "政务", "党纪处分": "党纪", "组织处理措施": "组织处理"}


@dataclass(frozen=True)
class MeasureDef:
    kind: str
    measure: str  # canonical name
    stem: str  # key stem: sanction.<stem>.months, assessment.cap.<stem>.*
    label: str  # for reasons: 政务记过处分, 诫勉, 组织处理（降职）
    aliases: tuple[str, ...] = ()


MEASURES: tuple[MeasureDef, ...] = (
    MeasureDef("政务", "警告", "政务.警告", "政务警告处分", ("政务警告",)),
    MeasureDef("政务", "记过", "政务.记过", "政务记过处分", ("政务记过",)),
    MeasureDef("政务", "记大过", "政务.记大过", "政务记大过处分", ("政务记大过",)),
    MeasureDef("政务", "降级", "政务.降级", "政务降级处分", ("降级、撤职",)),
    MeasureDef("政务", "撤职", "政务.撤职", "政务撤职处分", ("政务撤职",)),
    MeasureDef("党纪", "警告", "党纪.警告", "党内警告处分", ("党内警告",)),
    MeasureDef("党纪", "严重警告", "党纪.严重警告", "党内严重警告处分", ("党内严重警告",)),
    MeasureDef("党纪", "撤销党内职务", "党纪.撤销党内职务", "撤销党内职务处分"),
    MeasureDef("党纪", "留党察看", "党纪.留党察看", "留党察看处分"),
    MeasureDef("党纪", "开除党籍", "党纪.开除党籍", "开除党籍处分"),
    MeasureDef("诫勉", "诫勉", "诫勉", "诫勉", ("", "诫勉谈话", "书面诫勉", "谈话诫勉")),
    MeasureDef("组织处理", "调整职务", "组织处理.调整职务", "组织处理（调整职务）"),
    MeasureDef(
        "组织处理",
        "责令辞职、免职",
        "组织处理.责令辞职免职",
        "组织处理（责令辞职、免职）",
        ("责令辞职", "免职", "责令辞职/免职", "责令辞职免职"),
    ),
    MeasureDef("组织处理", "降职", "组织处理.降职", "组织处理（降职）"),
)


def find_measure(kind: str, measure: str) -> MeasureDef:
    """The definition for a kind and measure name (aliases accepted), or a Chinese error."""
    k = _KIND_ALIASES.get(kind.strip(), kind.strip())
    if k not in KINDS:
        raise RulesError(f"未知的处分类别：“{kind}”，应为政务、党纪、诫勉或组织处理")
    m = measure.strip()
    for d in MEASURES:
        if d.kind == k and (m == d.measure or m in d.aliases):
            return d
    raise RulesError(f"未知的处分或处理措施：{k}“{measure}”")


@dataclass(frozen=True)
class Sanction:
    kind: str  # 政务 | 党纪 | 诫勉 | 组织处理
    measure: str
    effective: date
    observation_years: int | None = None  # 留党察看 only: 1 or 2

    def definition(self) -> MeasureDef:
        return find_measure(self.kind, self.measure)


@dataclass(frozen=True)
class InfluencePeriod:
    sanction: Sanction
    definition: MeasureDef
    months: int
    starts_on: date
    ends_on: date
    stacked: bool
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.definition.kind,
            "measure": self.definition.measure,
            "effective": self.starts_on.isoformat(),
            "months": self.months,
            "ends_on": self.ends_on.isoformat(),
            "stacked": self.stacked,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Influence:
    periods: list[InfluencePeriod]
    ends_on: date | None
    running: bool
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "running": self.running,
            "periods": [p.as_dict() for p in self.periods],
            "reasons": list(self.reasons),
        }


def _observation_years(s: Sanction, p: Params) -> int:
    years = s.observation_years
    top = p.get_int("sanction.党纪.留党察看.max_observation_years")
    if years is None or isinstance(years, bool) or not 1 <= years <= top:
        raise RulesError(f"留党察看须注明察看期（1至{top}年）")
    return years


def sanction_months(s: Sanction, params: Params | None = None) -> int:
    """The sanction's own period in months (before any 政务 stacking)."""
    p = resolve(params)
    d = s.definition()
    if d.measure == "留党察看":
        after = p.get_int("sanction.党纪.留党察看.after_restore_months")
        return _observation_years(s, p) * 12 + after
    return p.get_int(f"sanction.{d.stem}.months")


def _label(d: MeasureDef, s: Sanction) -> str:
    if d.measure == "留党察看":
        return f"留党察看{'一二'[(s.observation_years or 1) - 1]}年处分"
    return d.label


def influence_periods(
    sanctions: Iterable[Sanction], params: Params | None = None
) -> list[InfluencePeriod]:
    """One period per sanction, in order of effective date, with Chinese reasons.

    A 政务处分 effective while an earlier 政务 period runs ends at that period's end plus its
    own months, but never after effective + the stacking cap (48 months).
    """
    p = resolve(params)
    cap = p.get_int("sanction.政务.stacking_cap_months")
    ordered = sorted(sanctions, key=lambda s: (s.effective, -sanction_months(s, p)))
    result: list[InfluencePeriod] = []
    zw_end: date | None = None  # end of the running 政务 chain
    for s in ordered:
        d = s.definition()
        months = sanction_months(s, p)
        end = period_end(s.effective, months)
        label = _label(d, s)
        note = p.note(f"sanction.{d.stem}.months") if d.measure != "留党察看" else ""
        detail = f"自{s.effective.isoformat()}起{months}个月{note}"
        stacked = False
        if d.kind == "政务":
            if zw_end is not None and s.effective <= zw_end:
                stacked = True
                end = min(period_end(zw_end, months), period_end(s.effective, cap))
                detail = (
                    f"在前一政务处分期内（至{zw_end.isoformat()}）受处分，"
                    f"处分期为未执行期限与{months}个月之和，最长{cap}个月"
                )
            zw_end = end if zw_end is None else max(zw_end, end)
        if d.measure == "留党察看":
            detail += (
                f"（察看期{_observation_years(s, p)}年，恢复党员权利后"
                f"{p.get_int('sanction.党纪.留党察看.after_restore_months')}个月）"
            )
        reason = f"{label}影响期至{end.isoformat()}（{detail}）"
        result.append(InfluencePeriod(s, d, months, s.effective, end, stacked, reason))
    return result


def influence(
    sanctions: Iterable[Sanction], as_of: date, params: Params | None = None
) -> Influence:
    """Latest end of all influence periods and whether one runs on ``as_of``."""
    periods = influence_periods(sanctions, params)
    if not periods:
        return Influence([], None, False, ["无处分、诫勉或组织处理记录"])
    ends_on = max(pd.ends_on for pd in periods)
    running = any(pd.starts_on <= as_of <= pd.ends_on for pd in periods)
    reasons = [pd.reason for pd in periods]
    if running:
        reasons.append(f"截至{as_of.isoformat()}影响期未满（至{ends_on.isoformat()}），不得晋升")
    else:
        reasons.append(f"截至{as_of.isoformat()}无未满的影响期")
    return Influence(periods, ends_on, running, reasons)


# --- §5 assessment caps ---------------------------------------------------------------

CAP_ORDER = ("无", "非优秀", "不定等次", "不称职")  # light → heavy


@dataclass(frozen=True)
class AssessmentCap:
    year: int
    cap: str | None  # None | 非优秀 | 不定等次 | 不称职
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"year": self.year, "cap": self.cap, "reasons": list(self.reasons)}


def _effect(s: Sanction, year: int, p: Params) -> tuple[str, str] | None:
    d = s.definition()
    y0 = s.effective.year
    base = f"assessment.cap.{d.stem}"
    label = _label(d, s)
    if year == y0:
        cap = p.get_str(f"{base}.same_year")
        return (cap, f"{y0}年受{label}，当年度考核{_cap_text(cap)}") if cap != "无" else None
    if d.measure == "留党察看":
        per = p.get_int(f"{base}.next_years_per_observation_year")
        next_years = per * _observation_years(s, p)
    else:
        next_years = p.get_int(f"{base}.next_years")
    if y0 < year <= y0 + next_years:
        cap = p.get_str(f"{base}.next_grade")
        if cap != "无":
            return cap, f"{y0}年受{label}，{year}年度考核{_cap_text(cap)}"
    return None


def _cap_text(cap: str) -> str:
    return {"非优秀": "不得评为优秀", "不定等次": "不定等次", "不称职": "确定为不称职"}.get(
        cap, cap
    )


def assessment_cap(
    year: int, sanctions: Sequence[Sanction], params: Params | None = None
) -> AssessmentCap:
    """Heaviest cap on the grade of ``year`` (不称职 > 不定等次 > 非优秀), or None."""
    p = resolve(params)
    effects = [e for s in sanctions if (e := _effect(s, year, p)) is not None]
    if not effects:
        return AssessmentCap(year, None, [f"{year}年度考核等次不受处分影响"])
    heaviest = max(effects, key=lambda e: CAP_ORDER.index(e[0]))[0]
    return AssessmentCap(year, heaviest, [e[1] for e in effects])
