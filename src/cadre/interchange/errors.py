"""What an exchange can go wrong with: a refused file, and a problem in one cell."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class InterchangeRefused(Exception):
    """The file as a whole is refused (wrong type, encrypted, corrupt, too large, hostile).

    ``str(exc)`` is a Chinese message safe to show to users; nothing has been written."""


@dataclass(frozen=True)
class Problem:
    """One problem in one cell, located as Excel shows it (row 1 = first row; column "C")."""

    sheet: str
    row: int
    column: str
    value: str
    message: str
    severity: str = "error"  # "error" stops the row; "warning" is reported only

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("severity")
        return d

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
