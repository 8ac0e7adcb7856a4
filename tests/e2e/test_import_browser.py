"""In real Chromium: an org admin uploads a messy roster, sees the preview (counts and the
problem by sheet, row and column), downloads the problems workbook, commits the valid rows,
reads the report and finds the new cadre in the roster; and the batch page's progress bar
follows a background check and turns into the preview when it is done."""

from __future__ import annotations

import io

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from cadre.core.actors import Actor
from cadre.interchange import services
from cadre.interchange.models import ImportBatch
from cadre.interchange.tasks import check_roster_batch
from cadre.people.models import Cadre
from tests.interchange.builders import HEADER, person, simple, workbook

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def messy_roster() -> bytes:
    """A title row and a 填报单位 line above the header, a name padded for alignment, a date
    typed in Chinese with full-width digits, a row with month 13, a 合计 row and a
    footnote."""

    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("甲镇")
        ws.write_string(0, 0, "甲镇干部名册")
        ws.write_string(1, 0, "填报单位：甲镇人民政府")
        ws.write_row(2, 0, HEADER)
        good = person(1, "钱　多")
        good[3] = "１９８５年３月"
        bad = person(2, "孙七")
        bad[3] = "1985.13"
        for r, row in ((3, good), (4, bad)):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write_number(r, c, value)
        ws.write_string(5, 1, "合计")
        ws.write_number(5, 2, 2)
        ws.write_string(7, 0, "填表人：李四")

    return workbook(build)


@pytest.mark.django_db(transaction=True)
def test_given_org_admin_when_uploading_a_messy_roster_then_preview_commit_and_report(
    signed_in, county
):
    page, base = signed_in

    # Upload: the file is checked by a background task (run at once in tests).
    page.goto(f"{base}/interchange/roster/import/")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "甲镇名册.xlsx", "mimeType": XLSX, "buffer": messy_roster()}],
    )
    page.select_option("select[name=unit]", value=str(county.town_a.pk))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/interchange/batches/*/")

    # The preview: counts, and the problem by sheet, row, column and value.
    assert page.locator("[data-count=create]").inner_text() == "1 人"
    assert page.locator("[data-count=update]").inner_text() == "0 人"
    assert page.locator("[data-count=error_rows]").inner_text() == "1"
    problem = page.locator(".batch-problems tbody tr", has_text="1985.13")
    assert problem.locator("td").nth(0).inner_text() == "甲镇"
    assert problem.locator("td").nth(1).inner_text() == "5"
    assert problem.locator("td").nth(2).inner_text() == "D"
    assert "月份" in problem.locator("td").nth(4).inner_text()
    assert not Cadre.objects.filter(name="钱多").exists()  # nothing written before the commit

    # The problems workbook.
    with page.expect_download() as download:
        page.get_by_role("link", name="下载问题清单（Excel）").click()
    with open(download.value.path(), "rb") as f:
        rows = CalamineWorkbook.from_filelike(io.BytesIO(f.read())).get_sheet_by_index(0)
    assert rows.to_python()[1][:4] == ["甲镇", 5, "D", "1985.13"]

    # Commit the valid rows only: the report.
    page.get_by_role("button", name="只导入无误的 1 行").click()
    page.locator(".batch-report").wait_for()
    assert "新增 1 人" in page.locator(".batch-report").inner_text()
    assert "已跳过有错误的行" in page.locator(".batch-report").inner_text()

    # The new cadre is in the roster of the township.
    page.goto(f"{base}/cadres/?unit=T001")
    assert page.locator("#roster").get_by_text("钱多").count() >= 1
    assert page.locator("#roster").get_by_text("孙七").count() == 0


@pytest.mark.django_db(transaction=True)
def test_given_a_queued_import_when_the_check_runs_then_the_bar_moves_and_the_preview_shows(
    signed_in, county, settings
):
    page, base = signed_in
    # Queue only: the check is run below, while the page is open.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    zzb = county.users["zzb"]
    batch = services.roster_upload(
        data=simple([person(n, f"王{n}") for n in range(1, 5)]),
        file_name="名册.xlsx",
        unit=county.town_a,
        actor=Actor(user=zzb, ip="127.0.0.1"),
    )
    assert batch.status == ImportBatch.Status.QUEUED

    page.goto(f"{base}/interchange/batches/{batch.pk}/")
    bar = page.locator("progress[data-batch-bar]")
    assert bar.count() == 1 and bar.get_attribute("value") is None  # total not known yet
    assert page.get_by_role("link", name="刷新页面").count() == 1

    # The task reports progress; the script polls status.json and moves the bar.
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.CHECKING, progress_phase="检查", progress_done=1, progress_total=4
    )
    page.wait_for_function(
        "() => document.querySelector('progress[data-batch-bar]').value === 1"
        " && document.querySelector('progress[data-batch-bar]').max === 4"
    )
    assert "1 / 4" in page.locator("[data-batch-count]").inner_text()

    # The real check runs; when it is done the page reloads into the preview.
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
    assert check_roster_batch.call(batch.pk, zzb.pk, "127.0.0.1") == "previewed"
    page.locator("[data-count=create]").wait_for()
    assert page.locator("[data-count=create]").inner_text() == "4 人"
    assert page.locator("progress").count() == 0


@pytest.mark.django_db(transaction=True)
def test_given_an_unknown_header_when_the_user_says_what_it_is_then_the_column_is_imported(
    signed_in, county
):
    page, base = signed_in
    header = [*HEADER[:-1], "岗位"]  # 现任职务 under a name no synonym knows
    page.goto(f"{base}/interchange/roster/import/")
    page.set_input_files(
        "input[name=file]",
        files=[
            {"name": "名册.xlsx", "mimeType": XLSX, "buffer": simple([person(1, "周八")], header)}
        ],
    )
    page.select_option("select[name=unit]", value=str(county.town_a.pk))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/interchange/batches/*/")

    row = page.locator(".batch-headers tbody tr", has_text="岗位")
    assert row.locator("td").nth(1).inner_text() == "L"
    page.get_by_label("“岗位”对应的项目").select_option(label="现任职务")
    page.get_by_role("button", name="保存并重新检查").click()
    page.locator("[data-count=create]").wait_for()
    assert page.get_by_label("“岗位”对应的项目").input_value() == "current_position"

    page.get_by_role("button", name="确认导入").click()
    page.locator(".batch-report").wait_for()
    assert Cadre.objects.get(name="周八").current_position == "科员"
