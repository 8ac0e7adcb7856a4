"""Pinyin keys of names, so that "zjg" or "zhangjianguo" finds 张建国."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT


@lru_cache(maxsize=32768)
def _char(ch: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(ch, errors="ignore"))


def _has_phrase(text: str) -> bool:
    """Whether pypinyin would read part of `text` as a phrase (单于 chán yú, 尉迟 yù chí)."""
    n = len(text)
    return any(text[i:j] in PHRASES_DICT for i in range(n - 1) for j in range(i + 2, n + 1))


def _syllables(text: str) -> list[str]:
    # Without a phrase of its dictionary inside, pypinyin reads a text one character at a
    # time, so per-character results (cached) give the same answer; else ask it whole.
    if len(text) > 8 or _has_phrase(text):
        return list(lazy_pinyin(text, errors="ignore"))
    return [s for ch in text for s in _char(ch)]


@lru_cache(maxsize=65536)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) from one conversion: the initials are the first letters of
    the syllables, which is what pypinyin's FIRST_LETTER style gives. Cached: a roster
    repeats names, and an import converts every new one."""
    syllables = [s for s in _syllables(text) if s]
    return "".join(syllables).lower(), "".join(s[0] for s in syllables).lower()


def pinyin_full(text: str) -> str:
    return pinyin_keys(text)[0]


def pinyin_initials(text: str) -> str:
    return pinyin_keys(text)[1]
