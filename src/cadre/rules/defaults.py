"""The registry: all entries, in order, and by key."""

from __future__ import annotations

from cadre.rules.defaults_base import BASE_ENTRIES
from cadre.rules.defaults_posts import POST_ENTRIES
from cadre.rules.params import Param

ENTRIES: tuple[Param, ...] = (*BASE_ENTRIES, *POST_ENTRIES)
ENTRIES_BY_KEY: dict[str, Param] = {e.key: e for e in ENTRIES}
if len(ENTRIES_BY_KEY) != len(ENTRIES):
    raise RuntimeError("duplicate parameter key")
