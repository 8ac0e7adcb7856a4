"""Combined queries (组合查询): a JSON condition language compiled to one SQL query."""

from cadre.analytics.query.compiler import parse, run, to_q
from cadre.analytics.query.fields import FIELDS, FIELDS_BY_KEY, registry_json
from cadre.analytics.query.spec import Context, QueryError

__all__ = [
    "FIELDS",
    "FIELDS_BY_KEY",
    "Context",
    "QueryError",
    "parse",
    "registry_json",
    "run",
    "to_q",
]
