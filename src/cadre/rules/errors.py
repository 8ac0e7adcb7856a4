"""Errors raised by the rules engine. Messages are Chinese and safe to show to users."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


class RulesError(ValueError):
    """Bad input to a rule (unknown name, impossible date …). ``str(exc)`` is Chinese."""


@dataclass(frozen=True)
class Finding:
    """One flag raised by a check: a stable code and a Chinese message for users."""

    code: str
    message: str
    severity: Severity = "error"

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "severity": self.severity}
