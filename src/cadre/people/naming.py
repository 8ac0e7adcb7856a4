"""Pinyin keys of names, so that "zjg" or "zhangjianguo" finds 张建国."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_full(text: str) -> str:
    return "".join(lazy_pinyin(text, errors="ignore")).lower()


def pinyin_initials(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")).lower()
