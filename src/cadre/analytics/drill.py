"""Drill-down links: every figure links to the cadres behind it.

Where the roster at /cadres/ can filter by the figure's criteria, the link goes there (GET
parameters unit, gender, age_min, age_max, education_level, political_status,
position_level, rank, staff_category, status); otherwise to the query roster of analytics
with an ad-hoc combined query in the URL."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

IN_OFFICE = "1"


def roster_url(unit_code: str, **params: Any) -> str:
    items: list[tuple[str, str]] = [("unit", unit_code)]
    for key, value in params.items():
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        items.extend((key, str(v)) for v in values)
    return "/cadres/?" + urlencode(items)


def base_conditions(unit_code: str) -> list[dict[str, Any]]:
    return [
        {"field": "unit", "op": "in_subtree", "value": unit_code},
        {"field": "status", "op": "eq", "value": IN_OFFICE},
    ]


def query_url(unit_code: str, *conditions: dict[str, Any], title: str = "") -> str:
    query = {"op": "and", "conditions": [*base_conditions(unit_code), *conditions]}
    params = {"q": json.dumps(query, ensure_ascii=False, separators=(",", ":"))}
    if title:
        params["title"] = title
    return reverse("analytics:results") + "?" + urlencode(params)
