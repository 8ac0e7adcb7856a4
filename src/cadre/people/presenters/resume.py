"""简历 lines (RULES.md §13) from the stored resume entries, formatted by the rules engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from cadre.rules import resume as rules_resume
from cadre.rules.dates import Month


class ResumeRow(Protocol):
    @property
    def pk(self) -> int | None: ...

    @property
    def parent_id(self) -> int | None: ...

    @property
    def started_on(self) -> dt.date | None: ...

    @property
    def ended_on(self) -> dt.date | None: ...

    @property
    def text(self) -> str: ...

    @property
    def sort(self) -> int: ...


@dataclass(frozen=True)
class ResumeLine:
    """One printed line, split for a hanging indent: the dates and the text."""

    dates: str  # "1991.09--1995.07", "2019.03--       " or "" (an undated line)
    text: str  # the text with its （其间：…） part

    @property
    def line(self) -> str:
        return f"{self.dates}{rules_resume.GAP}{self.text}" if self.dates else self.text


def _month(value: dt.date | None) -> Month | None:
    return Month.of(value) if value else None


def _order(row: ResumeRow) -> tuple[int, dt.date, int]:
    return (row.sort, row.started_on or dt.date.max, row.pk or 0)


def resume_entries(rows: Iterable[ResumeRow]) -> list[rules_resume.ResumeEntry]:
    """Top-level entries in order, each with its （其间） sub-entries, as rule values."""
    items = list(rows)
    children: dict[int, list[ResumeRow]] = {}
    for r in items:
        if r.parent_id is not None:
            children.setdefault(r.parent_id, []).append(r)
    top = sorted((r for r in items if r.parent_id is None), key=_order)
    return [
        rules_resume.ResumeEntry(
            _month(r.started_on),
            _month(r.ended_on),
            r.text.strip(),
            tuple(
                rules_resume.ResumeEntry(_month(c.started_on), _month(c.ended_on), c.text.strip())
                for c in sorted(children.get(r.pk or 0, []), key=_order)
            ),
        )
        for r in top
    ]


def _split(entry: rules_resume.ResumeEntry) -> ResumeLine:
    line = rules_resume.format_line(entry)
    if entry.start is None:
        return ResumeLine("", line)
    head = len("yyyy.MM--yyyy.MM")
    return ResumeLine(line[:head], line[head + len(rules_resume.GAP) :])


def resume_display(rows: Iterable[ResumeRow]) -> list[ResumeLine]:
    return [_split(e) for e in resume_entries(rows)]


def resume_lines(rows: Iterable[ResumeRow]) -> list[str]:
    """The 简历 as text lines: ``1991.09--1995.07  XX大学XX专业学习（其间：…）``."""
    return [rules_resume.format_line(e) for e in resume_entries(rows)]
