"""The profile's tabs: htmx partials and full pages, policy analysis, change history."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.people.models import AnnualAssessment, Education, Sanction
from cadre.posts.models import RankRecord
from tests.people.profile_data import fill_record

pytestmark = pytest.mark.django_db

TABS = {
    "basic": "基本信息",
    "education": "学历学位",
    "resume": "简历",
    "family": "家庭成员",
    "appointments": "任职",
    "ranks": "职级级别",
    "assessments": "年度考核",
    "rewards": "奖惩",
    "policy": "政策分析",
    "history": "变更历史",
}


def tab_url(cadre, name):
    return f"/cadres/{cadre.pk}/tab/{name}/"


@pytest.mark.parametrize("name", list(TABS))
def test_given_htmx_when_tab_requested_then_partial_only(client, county, name):
    fill_record(county.cadre_a)
    client.force_login(county.users["zzb"])
    response = client.get(tab_url(county.cadre_a, name), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'data-tab-panel="{name}"' in html
    assert TABS[name] in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("name", list(TABS))
def test_given_plain_link_when_tab_requested_then_full_page_with_tab_active(client, county, name):
    fill_record(county.cadre_a)
    client.force_login(county.users["leader"])
    response = client.get(tab_url(county.cadre_a, name))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "干部任免审批表" not in html
    assert f'data-tab-panel="{name}"' in html
    assert f'class="active" data-tab>{TABS[name]}</a>' in html


def test_given_history_restore_when_tab_requested_then_full_page(client, county):
    client.force_login(county.users["zzb"])
    response = client.get(
        tab_url(county.cadre_a, "basic"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()


def test_given_unknown_tab_when_requested_then_404(client, county):
    client.force_login(county.users["zzb"])
    assert client.get(tab_url(county.cadre_a, "secrets")).status_code == 404


def test_given_tab_view_when_done_then_audit_view_entry_names_the_tab(client, county):
    client.force_login(county.users["zzb"])
    client.get(tab_url(county.cadre_a, "family"), HTTP_HX_REQUEST="true")
    entry = AuditEntry.objects.get(action="view", cadre_id=county.cadre_a.pk)
    assert "家庭成员" in entry.note


def test_given_editor_when_tab_then_edit_links_for_its_parts(client, county):
    client.force_login(county.users["rsk"])
    html = client.get(tab_url(county.cadre_a, "ranks"), HTTP_HX_REQUEST="true").content.decode()
    assert f'href="/cadres/{county.cadre_a.pk}/edit/ranks/"' in html
    assert f'href="/cadres/{county.cadre_a.pk}/edit/grades/"' in html


def test_given_leader_when_tab_then_no_edit_links(client, county):
    client.force_login(county.users["leader"])
    html = client.get(tab_url(county.cadre_a, "ranks"), HTTP_HX_REQUEST="true").content.decode()
    assert "/edit/" not in html


def test_given_record_when_tabs_then_each_shows_its_rows(client, county):
    cadre = fill_record(county.cadre_a, family=4)
    client.force_login(county.users["zzb"])

    def get(name):
        return client.get(tab_url(cadre, name), {"at": "2024-05-01"}, HTTP_HX_REQUEST="true")

    assert "中共河北省委党校1" in get("education").content.decode()
    assert "1998.09--1999.09" in get("resume").content.decode()
    family = get("family").content.decode()
    assert "家属4" in family and "已去世" in family
    assert "某某镇副镇长2" in get("appointments").content.decode()
    ranks = get("ranks").content.decode()
    assert "三级主任科员" in ranks and "23级1档" in ranks
    assessments = get("assessments").content.decode()
    assert "2022年度考核优秀，2023、2024年度考核均为称职" in assessments
    rewards = get("rewards").content.decode()
    assert "政务警告处分" in rewards and "2016-11-01" in rewards  # 6-month influence period
    basic = get("basic").content.decode()
    assert "河北石家庄" in basic and "1980.05.12" in basic


# --- 政策分析 -------------------------------------------------------------------------------


@pytest.fixture
def sanctioned(county):
    cadre = county.cadre_a
    cadre.gender = "2"  # the ID number says male: a dossier finding
    cadre.save()
    RankRecord.objects.create(cadre=cadre, rank="10", started_on=dt.date(2021, 1, 1))
    for year, grade in [(2021, "2"), (2022, "1"), (2023, "3")]:
        AnnualAssessment.objects.create(cadre=cadre, year=year, grade=grade)
    Sanction.objects.create(cadre=cadre, kind="1", measure="102", effective_on=dt.date(2024, 3, 15))
    return cadre


def test_given_sanction_and_grades_when_policy_tab_then_rules_engine_reasons(
    client, county, sanctioned
):
    client.force_login(county.users["zzb"])
    response = client.get(
        tab_url(sanctioned, "policy"), {"at": "2024-06-01"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "年龄：44岁" in html
    assert "到龄年月" in html and "改革前任职年龄界限" in html
    assert "政务记过处分影响期至2025-03-15" in html
    assert "影响期内" in html
    assert "2024年度考核等次" in html and "不定等次" in html
    assert "拟晋升<strong>三级主任科员</strong>" in html
    assert "2023年度基本称职，不计入任职年限" in html
    assert "2022年度优秀，任职年限缩短半年" in html
    assert "最早可于2025年3月晋升" in html  # the month holding the day after the period
    assert "性别与身份证号不一致" in html


def test_given_no_rank_when_policy_tab_then_explains_no_eligibility(client, county):
    client.force_login(county.users["zzb"])
    html = client.get(tab_url(county.cadre_a, "policy"), HTTP_HX_REQUEST="true").content.decode()
    assert "未登记现任职级" in html
    assert "无未满的影响期" in html


def test_given_sanction_engine_cannot_read_when_policy_tab_then_reported_not_500(client, county):
    Sanction.objects.create(
        cadre=county.cadre_a, kind="2", measure="204", effective_on=dt.date(2024, 1, 1)
    )  # 留党察看 without its observation period
    client.force_login(county.users["zzb"])
    response = client.get(tab_url(county.cadre_a, "policy"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "未计算影响期" in response.content.decode()


# --- 变更历史 -------------------------------------------------------------------------------


def test_given_changes_recorded_when_history_tab_then_labels_and_before_after(client, county):
    cadre = county.cadre_a
    actor = Actor(county.users["zzb"], "10.0.0.8")
    audit.record(
        actor,
        "update",
        target=cadre,
        cadre_id=cadre.pk,
        changes={"political_status": ["13", "01"], "native_place": ["", "河北石家庄"]},
    )
    education = Education.objects.create(cadre=cadre, track="full_time", education="21")
    audit.record(
        actor,
        "create",
        target=education,
        cadre_id=cadre.pk,
        changes={"education": [None, "21"], "track": [None, "full_time"]},
    )
    audit.record(actor, "view", target=cadre, cadre_id=cadre.pk)
    audit.record(actor, "update", target=county.cadre_b, cadre_id=county.cadre_b.pk,
                 changes={"name": ["甲", "乙"]})  # fmt: skip
    client.force_login(county.users["rsk"])
    html = client.get(tab_url(cadre, "history"), HTTP_HX_REQUEST="true").content.decode()
    assert "政治面貌" in html and "群众" in html and "中共党员" in html
    assert "籍贯" in html and "河北石家庄" in html and "（空）" in html
    assert "学历学位" in html and "大学本科" in html and "全日制教育" in html
    assert "修改" in html and "新增" in html
    assert "zzb" in html and "10.0.0.8" in html
    assert "查看" not in html.split("<tbody>")[1]  # views are not changes
    assert "乙" not in html.split("<tbody>")[1]  # another cadre's history


def test_given_many_changes_when_history_tab_then_paginated(client, county):
    actor = Actor(county.users["zzb"])
    for i in range(25):
        audit.record(actor, "update", target=county.cadre_a, cadre_id=county.cadre_a.pk,
                     changes={"remarks": [str(i), str(i + 1)]})  # fmt: skip
    client.force_login(county.users["zzb"])
    first = client.get(tab_url(county.cadre_a, "history"), HTTP_HX_REQUEST="true")
    assert "第1页，共2页（25条）" in first.content.decode()
    second = client.get(tab_url(county.cadre_a, "history"), {"page": "2"}, HTTP_HX_REQUEST="true")
    assert "第2页，共2页" in second.content.decode()
    for bad in ("0", "-1", "abc", "999"):
        response = client.get(tab_url(county.cadre_a, "history"), {"page": bad})
        assert response.status_code == 200


def test_given_unit_change_when_history_tab_then_unit_names_shown(client, county):
    audit.record(
        Actor(county.users["zzb"]),
        "update",
        target=county.cadre_a,
        cadre_id=county.cadre_a.pk,
        changes={"unit_id": [county.town_b.pk, county.town_a.pk]},
    )
    client.force_login(county.users["zzb"])
    html = client.get(tab_url(county.cadre_a, "history"), HTTP_HX_REQUEST="true").content.decode()
    assert "所在单位" in html and "乙镇" in html and "甲镇" in html
