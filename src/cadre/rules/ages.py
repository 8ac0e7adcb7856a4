"""Ages (周岁), 党龄, 工龄 and the adform's birth text."""

from __future__ import annotations

from datetime import date

from cadre.rules.dates import Month


def age_on(birth: date | Month, at: date | Month) -> int:
    """Completed years (周岁) at ``at``.

    With only a year-month of birth (adform ``yyyyMM``), the birthday counts as reached in
    its month. A 29 February birthday is reached on 1 March in common years.
    """
    if isinstance(birth, Month) or isinstance(at, Month):
        b, a = Month.of(birth), Month.of(at)
        return a.year - b.year - (1 if a.month < b.month else 0)
    before = (at.month, at.day) < (birth.month, birth.day)
    return at.year - birth.year - (1 if before else 0)


def completed_years(start: date | Month, at: date | Month) -> int:
    """Whole years from ``start`` to ``at`` (党龄 from 转正, 工龄 from 参加工作时间)."""
    return max(0, age_on(start, at))


def birth_text(birth: date | Month, at: date | Month) -> str:
    """Adform 出生年月: ``1972.04（52岁）`` with the age at 计算年龄时间 ``at``."""
    return f"{Month.of(birth).dotted()}（{age_on(birth, at)}岁）"
