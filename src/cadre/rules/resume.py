"""Resume lines (简历, §13): parse and format ``yyyy.MM--yyyy.MM  text`` lines.

An open end is written as seven spaces (then the usual two): ``2019.03--         text``.
``（其间：…）`` parts become ``during`` sub-entries; items are separated by "；" and may
start with their own dates (``2001.09--2003.07在XX大学学习``). A line without a leading
date continues the previous entry. CR LF, full-width spaces and digits are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cadre.rules.dates import Month
from cadre.rules.errors import RulesError

_D = "[0-9０-９]"
_DOT = "[.．]"
_SEP = "(?:--|－－|——|—|–|-|－|~|～|至)"
_OPEN = "(至今|今)"
_LINE_RE = re.compile(
    rf"^\s*({_D}{{4}}){_DOT}({_D}{{1,2}})\s*{_SEP}[ \t\u3000]{{0,2}}"
    rf"(?:({_D}{{4}}){_DOT}({_D}{{1,2}})|{_OPEN})?(.*)$",
    re.DOTALL,
)
_ITEM_RE = re.compile(
    rf"^({_D}{{4}}){_DOT}({_D}{{1,2}})\s*{_SEP}\s{{0,2}}"
    rf"(?:({_D}{{4}}){_DOT}({_D}{{1,2}})|{_OPEN})?(.*)$",
    re.DOTALL,
)
_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")
_OPENERS = ("（其间", "(其间")
OPEN_END = " " * 7
GAP = "  "


@dataclass(frozen=True)
class ResumeEntry:
    start: Month | None
    end: Month | None
    text: str
    during: tuple[ResumeEntry, ...] = field(default=())

    def as_dict(self, *, nested: bool = True) -> dict[str, object]:
        d: dict[str, object] = {
            "start": str(self.start) if self.start else None,
            "end": str(self.end) if self.end else None,
            "text": self.text,
        }
        if nested:
            d["during"] = [e.as_dict(nested=False) for e in self.during]
        return d


def _month(year: str, month: str, where: str) -> Month:
    y, m = int(year.translate(_WIDE)), int(month.translate(_WIDE))
    if not 1 <= m <= 12 or y < 1:
        raise RulesError(f"{where}年月无效：{year}.{month}")
    return Month(y, m)


def _dates(m: re.Match[str], where: str) -> tuple[Month, Month | None, str]:
    start = _month(m[1], m[2], where)
    end = _month(m[3], m[4], where) if m[3] else None
    return start, end, m[6].strip()


def _extract_during(text: str) -> tuple[str, list[str]]:
    """Remove every balanced （其间：…） group; return the rest and the groups' contents.

    An unterminated group is left in the text as it is.
    """
    groups: list[str] = []
    pos = 0
    while True:
        found = [(i, o) for o in _OPENERS if (i := text.find(o, pos)) >= 0]
        if not found:
            return text.strip(), groups
        i, opener = min(found)
        depth, j = 1, i + len(opener)
        while j < len(text) and depth:
            if text[j] in "（(":
                depth += 1
            elif text[j] in "）)":
                depth -= 1
            j += 1
        if depth:  # unterminated: keep it as text, look further on
            pos = i + len(opener)
            continue
        groups.append(text[i + len(opener) : j - 1].lstrip("：:").strip())
        text = text[:i] + text[j:]


def _during_items(groups: list[str], where: str) -> tuple[ResumeEntry, ...]:
    items: list[ResumeEntry] = []
    for group in groups:
        for raw in re.split("[；;]", group):
            part = raw.strip()
            if not part:
                continue
            m = _ITEM_RE.match(part)
            if m:
                start, end, text = _dates(m, where)
                items.append(ResumeEntry(start, end, text))
            else:
                items.append(ResumeEntry(None, None, part))
    return tuple(items)


def parse_resume(text: str) -> list[ResumeEntry]:
    """Parse resume text into entries (see module doc); impossible months raise RulesError."""
    pending: list[tuple[Month | None, Month | None, str, int]] = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if not line.strip():
            continue
        m = _LINE_RE.match(line)
        if m:
            start, end, rest = _dates(m, f"简历第{number}行")
            pending.append((start, end, rest, number))
        elif pending:
            s, e, t, n = pending[-1]
            pending[-1] = (s, e, t + line.strip(), n)
        else:
            pending.append((None, None, line.strip(), number))
    entries: list[ResumeEntry] = []
    for first, last, raw, n in pending:
        if first is None and (m := _LINE_RE.match(raw)):  # joined lines now start with dates
            first, last, raw = _dates(m, f"简历第{n}行")
        main, groups = _extract_during(raw)
        entries.append(ResumeEntry(first, last, main, _during_items(groups, f"简历第{n}行其间")))
    return entries


def _format_item(e: ResumeEntry) -> str:
    if e.start is None:
        return e.text
    return f"{e.start.dotted()}--{e.end.dotted() if e.end else '至今'}{e.text}"


def format_line(e: ResumeEntry) -> str:
    """One line: ``yyyy.MM--yyyy.MM  text（其间：…）``."""
    during = f"（其间：{'；'.join(_format_item(d) for d in e.during)}）" if e.during else ""
    if e.start is None:
        return f"{e.text}{during}"
    end = e.end.dotted() if e.end else OPEN_END
    return f"{e.start.dotted()}--{end}{GAP}{e.text}{during}"


def format_resume(entries: Sequence[ResumeEntry], newline: str = "\n") -> str:
    """Lines joined by ``newline`` (LRMX files use "\\r\\n")."""
    return newline.join(format_line(e) for e in entries)
