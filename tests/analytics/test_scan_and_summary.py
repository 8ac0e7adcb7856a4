"""The warnings scan as a background task (stored findings, scope, rescan permission, home
counts) and the structure summary (the same figures as computed live)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cadre.analytics import summary
from cadre.analytics import warnings as scan
from cadre.analytics.models import Finding, ScanRun, StructureCell
from cadre.analytics.structure import structure_figures
from cadre.analytics.tasks import scan_and_store, scan_warnings
from cadre.core.models import AuditEntry
from cadre.people.models import Cadre, Sanction
from cadre.rules.dates import Month, add_months
from tests.analytics.conftest import TODAY, Corps

pytestmark = pytest.mark.django_db


def stored(run: ScanRun) -> set[tuple[str, str]]:
    return set(Finding.objects.filter(run=run).values_list("kind", "name"))


def test_task_stores_the_same_findings_as_the_scan(corps: Corps) -> None:
    Cadre.objects.filter(pk=corps.c["f"].pk).update(retire_month=Month.of(TODAY).add(3).first_day())
    run = ScanRun.objects.create(
        unit=corps.base.county, unit_path=corps.base.county.path, as_of=TODAY
    )
    result = scan_warnings.enqueue(run_id=run.pk)  # ImmediateBackend: runs now
    run.refresh_from_db()
    assert result.return_value == run.total
    assert run.status == ScanRun.Status.DONE and run.finished_at is not None
    flags = scan.scan(scan.system_context(corps.base.county, TODAY))
    assert run.total == len(flags) == Finding.objects.filter(run=run).count()
    assert stored(run) == {(f.kind, f.name or f.unit_name) for f in flags}
    assert run.counts["retirement"] == 1 and run.counts["same_post"] == 1
    wang = Finding.objects.get(run=run, kind="same_post")
    assert wang.cadre_id == corps.c["c"].pk and wang.unit_path == corps.base.town_a.path
    assert wang.link == f"/cadres/{corps.c['c'].pk}/"


def test_a_new_scan_replaces_the_old_one(corps: Corps) -> None:
    first = scan_and_store(unit_code="C001")
    inner = scan_and_store(unit_code="T001")
    second = scan_and_store(unit_code="C001")
    assert set(ScanRun.objects.values_list("pk", flat=True)) == {second.pk}
    assert not Finding.objects.filter(run__in=[first.pk, inner.pk]).exists()


def test_stored_findings_are_scoped(client: Any, corps: Corps) -> None:
    # 周新人 (乙镇) and 王书记 (甲镇) both have a finding; the 甲镇 officer sees only 甲镇.
    Sanction.objects.create(
        cadre=corps.c["g"], kind="3", measure="301", effective_on=add_months(TODAY, -1)
    )
    scan_and_store(unit_code="C001")
    client.force_login(corps.base.users["zzb"])
    html = client.get("/analytics/warnings/?unit=C001&kind=influence").content.decode()
    assert "周新人" in html and "扫描时间" in html
    client.force_login(corps.base.users["rsk"])
    html = client.get("/analytics/warnings/?unit=T001&kind=influence").content.decode()
    assert "周新人" not in html
    html = client.get("/analytics/warnings/?kind=same_post").content.decode()
    assert "王书记" in html  # their default unit is 甲镇, covered by the county's scan
    assert client.get("/analytics/warnings/?unit=T002").status_code == 404
    summary_html = client.get("/analytics/warnings/summary/").content.decode()
    assert "共1条" in summary_html  # 王书记 only; the county's 8 are not theirs
    assert "重新扫描" not in summary_html  # not an 组织部干部管理员


def test_rescan_button_is_for_the_org_department_only(client: Any, corps: Corps) -> None:
    client.force_login(corps.base.users["zzb"])
    html = client.get("/analytics/warnings/?unit=C001").content.decode()
    assert "尚未扫描预警" in html and "重新扫描" in html
    response = client.post("/analytics/warnings/rescan/", {"unit": "C001"})
    assert response.status_code == 302
    run = ScanRun.objects.get()
    assert run.status == ScanRun.Status.DONE and run.requested_by == corps.base.users["zzb"]
    assert AuditEntry.objects.filter(target_type="analytics.scanrun").count() == 1
    for name in ("rsk", "leader", "sysadmin", "self_a"):
        client.force_login(corps.base.users[name])
        assert client.post("/analytics/warnings/rescan/", {"unit": "T001"}).status_code == 404
    client.force_login(corps.base.users["zzb"])
    assert client.post("/analytics/warnings/rescan/", {"unit": "NOPE"}).status_code == 404
    assert client.get("/analytics/warnings/rescan/").status_code == 405
    assert ScanRun.objects.count() == 1


def test_home_page_counts_come_from_the_stored_scan(client: Any, corps: Corps) -> None:
    scan_and_store(unit_code="C001")
    client.force_login(corps.base.users["zzb"])
    home = client.get("/").content.decode()
    assert 'hx-get="/analytics/warnings/summary/"' in home
    part = client.get("/analytics/warnings/summary/").content.decode()
    run = ScanRun.objects.get()
    assert f"共{run.total}条" in part and "扫描时间" in part
    assert "同一职位任职满10年" in part


def test_summary_gives_the_live_figures(corps: Corps, django_assert_max_num_queries: Any) -> None:
    user = corps.base.users["zzb"]
    run = summary.refresh(TODAY)
    assert StructureCell.objects.exists()
    for unit in (corps.base.county, corps.base.town_a, corps.dept, corps.office):
        live = structure_figures(user, unit, TODAY)
        with django_assert_max_num_queries(3):
            cached = summary.read(unit, run)
        assert cached.pop("data_as_of")
        assert cached == live, unit.name


def test_dashboard_uses_the_summary_and_says_when(client: Any, corps: Corps) -> None:
    summary.refresh(TODAY)
    Cadre.objects.filter(pk=corps.c["a"].pk).update(status="2")  # a change after the refresh
    client.force_login(corps.base.users["zzb"])
    html = client.get("/analytics/structure/?unit=C001").content.decode()
    assert "数据截至" in html
    user = corps.base.users["zzb"]
    assert summary.dashboard_figures(user, corps.base.county)["summary"]["total"] == 7
    # An old summary is shown while a refresh runs (at once here): the next read is new.
    from cadre.analytics.models import SummaryRefresh

    SummaryRefresh.objects.update(finished_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    summary.dashboard_figures(user, corps.base.county)
    assert summary.dashboard_figures(user, corps.base.county)["summary"]["total"] == 6


def test_dashboard_outside_the_whole_subtree_is_live_and_scoped(corps: Corps) -> None:
    summary.refresh(TODAY)
    rsk = corps.base.users["rsk"]
    assert summary.dashboard_figures(rsk, corps.base.county)["summary"]["total"] == 3


def test_warnings_page_tolerates_bad_query_parameters(client: Any, corps: Corps) -> None:
    scan_and_store(unit_code="C001")
    client.force_login(corps.base.users["zzb"])
    for query in ("?unit=C001&kind=nope", "?unit=C001&kind=same_post&page=x", "?kind=&page=-3"):
        assert client.get(f"/analytics/warnings/{query}").status_code == 200
    assert client.get("/analytics/warnings/?unit=" + "9" * 500).status_code == 404
    assert client.post("/analytics/warnings/rescan/", {"unit": "9" * 500}).status_code == 404


def test_scan_status_names_the_run_unit_only_within_the_scope(client: Any, corps: Corps) -> None:
    scan_and_store(unit_code="C001")  # the county's run also covers 甲镇
    client.force_login(corps.base.users["rsk"])  # 甲镇 only
    for url in ("/analytics/warnings/?unit=T001", "/analytics/warnings/summary/"):
        html = client.get(url).content.decode()
        assert "扫描时间" in html and "（甲镇及下级单位）" in html, url
        assert "（某某县及下级单位）" not in html, url
    client.force_login(corps.base.users["zzb"])
    html = client.get("/analytics/warnings/?unit=T001").content.decode()
    assert "（某某县及下级单位）" in html


def test_rescan_while_a_scan_is_pending_queues_no_second_one(client: Any, corps: Corps) -> None:
    county = corps.base.county
    pending = ScanRun.objects.create(unit=county, unit_path=county.path, as_of=TODAY)
    client.force_login(corps.base.users["zzb"])
    response = client.post("/analytics/warnings/rescan/", {"unit": "C001"}, follow=True)
    assert response.redirect_chain == [("/analytics/warnings/?unit=C001", 302)]
    assert "该范围的预警扫描已在进行中，请稍候" in response.content.decode()
    assert list(ScanRun.objects.all()) == [pending]
    assert not AuditEntry.objects.filter(target_type="analytics.scanrun").exists()
    # Another subtree is not held up by it.
    assert client.post("/analytics/warnings/rescan/", {"unit": "T001"}).status_code == 302
    assert ScanRun.objects.filter(unit_path=corps.base.town_a.path).count() == 1


def test_stored_rank_findings_are_the_scan_s(corps: Corps) -> None:
    # On PostgreSQL the task writes this kind by one INSERT … SELECT over the distinct
    # cases; the sanctioned are evaluated one by one. Both must say what `items` says.
    from cadre.people.models import AnnualAssessment
    from tests.analytics.conftest import give_rank

    give_rank(corps.c["g"], "11", add_months(TODAY, -40))
    give_rank(corps.c["d"], "11", add_months(TODAY, -40))  # the same case as 周新人
    give_rank(corps.c["e"], "10", add_months(TODAY, -60))
    AnnualAssessment.objects.create(cadre=corps.c["e"], year=TODAY.year - 2, grade="1")
    give_rank(corps.c["f"], "11", add_months(TODAY, -50))
    Sanction.objects.create(
        cadre=corps.c["f"], kind="3", measure="301", effective_on=add_months(TODAY, -30)
    )
    run = scan_and_store(unit_code="C001")
    rows = Finding.objects.filter(run=run, kind="rank_eligible")
    expected = scan.KINDS_BY_KEY["rank_eligible"].items(
        scan.system_context(corps.base.county, run.as_of)
    )
    assert set(rows.values_list("cadre_id", "name", "unit_path", "message")) == {
        (f.cadre_id, f.name, f.unit_path, f.message) for f in expected
    }
    assert run.counts["rank_eligible"] == len(expected) >= 3


@pytest.mark.django_db(transaction=True)
def test_scan_jobs_side_by_side_store_what_one_after_the_other_does(corps: Corps, settings) -> None:
    # Outside a transaction, PostgreSQL runs the jobs in threads, each on its own
    # connection and transaction; the findings are those of the jobs run in turn.
    from tests.analytics.conftest import give_rank

    give_rank(corps.c["g"], "11", add_months(TODAY, -40))
    Cadre.objects.filter(pk=corps.c["f"].pk).update(retire_month=Month.of(TODAY).add(3).first_day())
    settings.CADRE_SCAN_WORKERS = 2
    side_by_side = scan_and_store(unit_code="C001")
    rows = set(Finding.objects.filter(run=side_by_side).values_list("kind", "cadre_id", "message"))
    settings.CADRE_SCAN_WORKERS = 1
    in_turn = scan_and_store(unit_code="C001")
    assert side_by_side.status == ScanRun.Status.DONE
    assert rows == set(
        Finding.objects.filter(run=in_turn).values_list("kind", "cadre_id", "message")
    )
    assert side_by_side.counts == in_turn.counts and side_by_side.counts["rank_eligible"] >= 1


def test_a_failed_scan_keeps_no_findings(corps: Corps, monkeypatch) -> None:
    def broken(self: Any, ctx: Any) -> list[Any]:
        raise RuntimeError("模拟故障")

    monkeypatch.setattr(type(scan.KINDS_BY_KEY["dossier"]), "items", broken)
    with pytest.raises(RuntimeError):
        scan_and_store(unit_code="C001")
    run = ScanRun.objects.get()
    assert run.status == ScanRun.Status.FAILED and "模拟故障" in run.error
    assert not Finding.objects.filter(run=run).exists()
