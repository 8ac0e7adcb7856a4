"""Quick search of cadres: what a person types into one box, interpreted from its shape.

- Chinese characters (alone or mixed with anything else) → the name contains them
  ("张", "建国", "张建国");
- ASCII letters only → pinyin: initials prefix ("zjg") or full pinyin prefix ("zhangjian");
- three digits and a digit or X → the last four characters of the ID number ("1234", "123X");
- anything else → the name contains it (finds nothing, harmlessly).

The search is a filter on a queryset the caller already restricted to the user's scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cadre.people.models import Cadre

MAX_LENGTH = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LAST4 = re.compile(r"^[0-9]{3}[0-9Xx]$")
_PINYIN = re.compile(r"^[A-Za-z][A-Za-z' ]*$")


class SearchMode(StrEnum):
    NAME = "name"
    PINYIN = "pinyin"
    ID_LAST4 = "id_last4"


MODE_LABELS = {
    SearchMode.NAME: "姓名包含",
    SearchMode.PINYIN: "拼音（首字母或全拼）",
    SearchMode.ID_LAST4: "身份证号后四位",
}


@dataclass(frozen=True)
class SearchTerm:
    mode: SearchMode
    value: str

    @property
    def label(self) -> str:
        return MODE_LABELS[self.mode]

    def q(self) -> Q:
        if self.mode is SearchMode.ID_LAST4:
            return Q(id_last4=self.value)
        if self.mode is SearchMode.PINYIN:
            return Q(name_initials__startswith=self.value) | Q(name_pinyin__startswith=self.value)
        # Case does not matter for Chinese; `contains` keeps the SQL simple on both databases.
        return Q(name__contains=self.value)


def interpret(raw: str | None) -> SearchTerm | None:
    """The search a text asks for, or None for an empty text."""
    # Control characters (NUL above all: PostgreSQL refuses it) never reach the database.
    text = " ".join(_CONTROL.sub(" ", raw or "").split())[:MAX_LENGTH]
    if not text:
        return None
    if _CJK.search(text):
        return SearchTerm(SearchMode.NAME, text.replace(" ", ""))
    if _LAST4.match(text):
        return SearchTerm(SearchMode.ID_LAST4, text.upper())
    if _PINYIN.match(text):
        return SearchTerm(SearchMode.PINYIN, text.replace(" ", "").replace("'", "").lower())
    return SearchTerm(SearchMode.NAME, text)


def apply_search(qs: QuerySet[Cadre], term: SearchTerm | None) -> QuerySet[Cadre]:
    return qs if term is None else qs.filter(term.q())
