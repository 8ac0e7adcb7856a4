"""Warnings from the career timeline: 到龄, tenure and rotation (§8), probation, quotas."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet, Subquery

from cadre.analytics.params import key_post_keywords, key_post_unit_kinds
from cadre.analytics.timeframe import years_before
from cadre.analytics.warnings.base import Flag, Kind, ScanContext
from cadre.org.models import Unit
from cadre.org.selectors import unit_figures
from cadre.posts.models import Appointment
from cadre.rules.ages import completed_years
from cadre.rules.dates import Month

PROBATION_DAYS = 30


def _month(d: dt.date) -> str:
    return Month.of(d).cn()


class Retirement(Kind):
    key, label = "retirement", "即将到龄"
    help = "到龄年月在今后若干个月内（政策口径参数 retirement.warning.months_ahead）或已过"

    def _qs(self, ctx: ScanContext) -> QuerySet[Any]:
        ahead = ctx.params.get_int("retirement.warning.months_ahead")
        limit = Month.of(ctx.today).add(ahead).first_day()
        return ctx.corps.filter(retire_month__isnull=False, retire_month__lte=limit)

    def count(self, ctx: ScanContext) -> int:
        return self._qs(ctx).count()

    def items(self, ctx: ScanContext) -> list[Flag]:
        now = Month.of(ctx.today)
        out = []
        rows = self._qs(ctx).order_by("retire_month", "name_pinyin")
        for pk, name, month, path in rows.values_list("pk", "name", "retire_month", "unit_path"):
            left = now.months_until(Month.of(month))
            text = (
                f"已于{_month(month)}到龄，应办理退休手续"
                if left <= 0
                else f"将于{_month(month)}到龄（还有{left}个月），请提前做好接替人选准备"
            )
            out.append(Flag(self.key, text, pk, name, unit_path=path))
        return out


class _AppointmentKind(Kind):
    def _appointments(self, ctx: ScanContext) -> QuerySet[Appointment]:
        return Appointment.objects.filter(
            ended_on__isnull=True, cadre_id__in=Subquery(ctx.corps.values("pk"))
        )

    def _filter(self, ctx: ScanContext) -> QuerySet[Appointment]:
        raise NotImplementedError

    def count(self, ctx: ScanContext) -> int:
        return self._filter(ctx).count()


class SamePost(_AppointmentKind):
    key, label = "same_post", "同一职位任职满10年"
    help = "现任领导职务任职年限达到交流年限（exchange.same_post.must_exchange_years）"

    def _filter(self, ctx: ScanContext) -> QuerySet[Appointment]:
        years = ctx.params.get_int("exchange.same_post.must_exchange_years")
        return self._appointments(ctx).filter(
            is_leading=True, started_on__lte=years_before(ctx.today, years)
        )

    def items(self, ctx: ScanContext) -> list[Flag]:
        limit = ctx.params.get_int("exchange.same_post.must_exchange_years")
        rows = (
            self._filter(ctx)
            .order_by("started_on")
            .values_list("cadre_id", "cadre__name", "title", "started_on", "cadre__unit_path")
        )
        return [
            Flag(
                self.key,
                f"任{title}已满{completed_years(since, ctx.today)}年"
                f"（自{_month(since)}起），达到{limit}年交流年限，应当交流",
                cid,
                name,
                unit_path=path,
            )
            for cid, name, title, since, path in rows
        ]


class KeyPost(_AppointmentKind):
    key, label = "key_post", "重点岗位轮岗"
    help = "职务名称含人事、财务、审批、执法等字样（可配置）的现任职务满轮岗年限"

    def _filter(self, ctx: ScanContext) -> QuerySet[Appointment]:
        years = ctx.params.get_int("exchange.key_post.rotation_years")
        key = Q(pk__in=[])
        for word in key_post_keywords():
            key |= Q(title__contains=word)
        kinds = key_post_unit_kinds()
        if kinds:
            key |= Q(unit__kind__in=kinds)
        return self._appointments(ctx).filter(key, started_on__lte=years_before(ctx.today, years))

    def items(self, ctx: ScanContext) -> list[Flag]:
        limit = ctx.params.get_int("exchange.key_post.rotation_years")
        note = ctx.params.note("exchange.key_post.rotation_years")
        rows = (
            self._filter(ctx)
            .order_by("started_on")
            .values_list("cadre_id", "cadre__name", "title", "started_on", "cadre__unit_path")
        )
        return [
            Flag(
                self.key,
                f"在重点岗位（{title}）任职已满{completed_years(since, ctx.today)}年，"
                f"超过{limit}年轮岗年限{note}，应当轮岗",
                cid,
                name,
                unit_path=path,
            )
            for cid, name, title, since, path in rows
        ]


class Probation(_AppointmentKind):
    key, label = "probation", "试用期将满"
    help = f"任职试用期在{PROBATION_DAYS}天内届满，应组织考核"

    def _filter(self, ctx: ScanContext) -> QuerySet[Appointment]:
        end = ctx.today + dt.timedelta(days=PROBATION_DAYS)
        return self._appointments(ctx).filter(
            probation_until__gte=ctx.today, probation_until__lte=end
        )

    def items(self, ctx: ScanContext) -> list[Flag]:
        rows = (
            self._filter(ctx)
            .order_by("probation_until")
            .values_list("cadre_id", "cadre__name", "title", "probation_until", "cadre__unit_path")
        )
        return [
            Flag(
                self.key,
                f"任{title}试用期将于{until:%Y年%m月%d日}届满"
                f"（还有{(until - ctx.today).days}天），请及时组织试用期满考核",
                cid,
                name,
                unit_path=path,
            )
            for cid, name, title, until, path in rows
            if until is not None
        ]


def _units(ctx: ScanContext) -> list[Unit]:
    return list(
        Unit.objects.filter(path__startswith=ctx.unit.path, is_closed=False).order_by("path")
    )


def _unit_figures(ctx: ScanContext) -> tuple[list[Unit], dict[int, Any]]:
    """The units and their figures, computed once for both unit kinds of a scan."""
    if "unit_figures" not in ctx.shared:
        units = _units(ctx)
        ctx.shared["unit_figures"] = (units, unit_figures(units))
    return ctx.shared["unit_figures"]


class LeaderQuota(Kind):
    key, label, target = "leader_quota", "超领导职数", "unit"
    help = "现任领导职务人数超过核定的正职或副职领导职数"

    def items(self, ctx: ScanContext) -> list[Flag]:
        units, figures = _unit_figures(ctx)
        out = []
        for u in units:
            f = figures.get(u.pk)
            if f is None or not f.over_quota:
                continue
            parts = []
            if f.over_principal:
                parts.append(f"正职领导职数{f.quota_principal}名，实配{f.principal}名")
            if f.over_deputy:
                parts.append(f"副职领导职数{f.quota_deputy}名，实配{f.deputy}名")
            out.append(
                Flag(
                    self.key,
                    "；".join(parts) + "，超职数配备",
                    unit_code=u.code,
                    unit_name=u.name,
                    unit_path=u.path,
                )
            )
        return out


class OverEstablishment(Kind):
    key, label, target = "over_establishment", "超编", "unit"
    help = "现职干部人数超过核定编制（内设机构的干部计入所在单位）"

    def items(self, ctx: ScanContext) -> list[Flag]:
        units, figures = _unit_figures(ctx)
        out = []
        for u in units:
            f = figures.get(u.pk)
            if f is None or not f.over_establishment:
                continue
            parts = [
                f"{line.kind_name}核定{line.approved or 0}名，实有{line.actual}名"
                for line in f.lines
                if line.over
            ]
            out.append(
                Flag(
                    self.key,
                    "；".join(parts) + "，超编",
                    unit_code=u.code,
                    unit_name=u.name,
                    unit_path=u.path,
                )
            )
        return out
