"""Statistics table: exact cells, totals that add up, the xlsx export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from cadre.analytics.report import AGE_COLUMNS, COLUMN_KEYS, EDU_COLUMNS, statistics_table
from cadre.analytics.report_xlsx import report_workbook
from cadre.core.models import AuditEntry
from tests.analytics.conftest import TODAY, Corps

pytestmark = pytest.mark.django_db


def test_cells_and_totals_add_up(corps: Corps) -> None:
    r = statistics_table(corps.base.users["zzb"], corps.base.county, TODAY)
    total = r.total.values
    assert total["total"] == 7
    assert total["women"] == 3 and total["minority"] == 2 and total["non_cpc"] == 2
    # Each block of rows sums to 合计, column by column.
    for block in (r.by_level, r.by_rank):
        for key in COLUMN_KEYS:
            assert sum(row.values[key] for row in block) == total[key], key
    # Age bands and education levels each partition the total.
    for row in [*r.by_level, *r.by_rank, r.total]:
        assert sum(row.values[c[0]] for c in AGE_COLUMNS) == row.values["total"]
        assert sum(row.values[c[0]] for c in EDU_COLUMNS) == row.values["total"]
    levels = {row.label: row.values["total"] for row in r.by_level}
    assert levels == {"乡科级正职": 1, "乡科级副职": 3, "无职务层次": 3}
    ranks = {row.label: row.values for row in r.by_rank}
    assert ranks["一级主任科员"]["age_ge55"] == 1
    assert ranks["三级主任科员"]["edu_graduate"] == 1
    assert ranks["无职级"]["total"] == 5


def test_one_aggregate_query(corps: Corps, django_assert_max_num_queries: Any) -> None:
    user = corps.base.users["zzb"]
    statistics_table(user, corps.base.county, TODAY)  # warm the scope cache
    with django_assert_max_num_queries(1):
        statistics_table(user, corps.base.county, TODAY)


def test_workbook_has_title_header_and_numbers(corps: Corps) -> None:
    r = statistics_table(corps.base.users["zzb"], corps.base.county, TODAY)
    data = report_workbook(r)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sheet[0][0] == "干部情况统计表"
    assert sheet[2][0] == "项目" and "年龄" in sheet[2] and "学历" in sheet[2]
    assert "35岁及以下" in sheet[3]
    assert sheet[4][0] == "合计" and sheet[4][1] == 7


def test_report_page_and_export_are_scoped_and_audited(client: Any, corps: Corps) -> None:
    client.force_login(corps.base.users["zzb"])
    page = client.get("/analytics/report/?unit=C001")
    assert page.status_code == 200
    assert "干部情况统计表" in page.content.decode()
    response = client.get("/analytics/report.xlsx?unit=C001")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count() == 1
    client.force_login(corps.base.users["rsk"])
    assert client.get("/analytics/report/?unit=T002").status_code == 404
    assert client.get("/analytics/report.xlsx?unit=T002").status_code == 404
