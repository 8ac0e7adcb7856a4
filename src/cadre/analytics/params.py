"""The rule parameters in force for analytics (registry defaults + stored 政策口径)."""

from __future__ import annotations

from django.conf import settings

from cadre.rules.params import Params

# Key posts for rotation (RULES.md §8): a current post whose title holds one of these words,
# or in a unit of one of these kinds. Deployments may override both in settings.
DEFAULT_KEY_POST_KEYWORDS = ("人事", "财务", "审批", "执法")
DEFAULT_KEY_POST_UNIT_KINDS: tuple[str, ...] = ()


def rule_params() -> Params:
    from cadre.people.services.common import rule_params as stored

    return stored()


def key_post_keywords() -> tuple[str, ...]:
    return tuple(getattr(settings, "CADRE_KEY_POST_KEYWORDS", DEFAULT_KEY_POST_KEYWORDS))


def key_post_unit_kinds() -> tuple[str, ...]:
    return tuple(getattr(settings, "CADRE_KEY_POST_UNIT_KINDS", DEFAULT_KEY_POST_UNIT_KINDS))
