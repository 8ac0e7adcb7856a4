"""Hypothesis settings for the rules tests: no example database on disk, no deadlines."""

from hypothesis import settings

PROPERTY = settings(database=None, deadline=None)
