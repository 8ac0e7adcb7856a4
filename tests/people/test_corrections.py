"""信息更正: the cadre submits about their own record; the org admin in scope approves or
rejects; each step audited; the cadre sees the status."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.accounts.models import Role
from cadre.core.models import AuditEntry
from cadre.people import services
from cadre.people.models import CorrectionRequest
from tests.factories import make_unit, make_user
from tests.people.helpers import (
    _fast_hasher,  # noqa: F401  (autouse)
    actor,
    last_audit,
)

Status = CorrectionRequest.Status


def submit(county, message="出生日期应为1980年5月21日"):
    return services.correction_submit(
        cadre=county.cadre_a, section="basic", message=message, actor=actor(county.users["self_a"])
    )


# --- services -----------------------------------------------------------------------------


def test_given_self_when_submitting_then_pending_request_and_audit(county):
    request = submit(county)
    assert request.status == Status.PENDING and request.requested_by == county.users["self_a"]
    entry = last_audit(cadre_id=county.cadre_a.pk)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.changes["status"] == [None, "pending"]


@pytest.mark.parametrize("role", ["zzb", "rsk", "leader"])
def test_given_other_user_when_submitting_for_cadre_then_refused(county, role):
    with pytest.raises(ValidationError):
        services.correction_submit(
            cadre=county.cadre_a, section="basic", message="改", actor=actor(county.users[role])
        )
    assert not CorrectionRequest.objects.exists()


def test_given_self_when_submitting_for_another_cadre_then_refused(county):
    with pytest.raises(ValidationError):
        services.correction_submit(
            cadre=county.cadre_b, section="basic", message="改", actor=actor(county.users["self_a"])
        )


@pytest.mark.parametrize(
    ("section", "message", "field"),
    [("salary", "改", "section"), ("basic", "   ", "message"), ("basic", "字" * 2001, "message")],
)
def test_given_bad_request_when_submitting_then_refused(county, section, message, field):
    with pytest.raises(ValidationError) as exc:
        services.correction_submit(
            cadre=county.cadre_a,
            section=section,
            message=message,
            actor=actor(county.users["self_a"]),
        )
    assert field in exc.value.message_dict


def test_given_pending_when_approved_then_approved_with_note_and_audit(county):
    request = submit(county)
    services.correction_approve(
        request=request, note="经核对档案，属实", actor=actor(county.users["zzb"])
    )
    request.refresh_from_db()
    assert request.status == Status.APPROVED and request.decided_by == county.users["zzb"]
    assert request.decision_note == "经核对档案，属实" and request.decided_at is not None
    entry = last_audit(cadre_id=county.cadre_a.pk)
    assert entry.action == AuditEntry.Action.APPROVE
    assert entry.changes["status"] == ["pending", "approved"]


def test_given_pending_when_rejected_without_reason_then_refused(county):
    request = submit(county)
    with pytest.raises(ValidationError) as exc:
        services.correction_reject(request=request, reason=" ", actor=actor(county.users["zzb"]))
    assert exc.value.message_dict["note"] == ["驳回时请填写理由"]
    request.refresh_from_db()
    assert request.status == Status.PENDING


def test_given_decided_request_when_decided_again_then_refused(county):
    request = submit(county)
    services.correction_reject(
        request=request, reason="与档案一致", actor=actor(county.users["zzb"])
    )
    with pytest.raises(ValidationError) as exc:
        services.correction_approve(request=request, actor=actor(county.users["zzb"]))
    assert "当前为“已驳回”" in exc.value.messages[0]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REJECT).count() == 1


@pytest.mark.parametrize("role", ["rsk", "leader", "self_a", "sysadmin"])
def test_given_non_approver_when_deciding_then_refused(county, role):
    request = submit(county)
    with pytest.raises(ValidationError):
        services.correction_approve(request=request, actor=actor(county.users[role]))


def test_given_org_admin_of_other_county_when_deciding_then_refused(county):
    other = make_unit("另一县", code="C002", kind="01")
    outsider = make_user("zzb2", Role.ORG_ADMIN, [other])
    request = submit(county)
    with pytest.raises(ValidationError):
        services.correction_approve(request=request, actor=actor(outsider))


def test_given_too_many_pending_when_submitting_then_refused(county):
    for n in range(10):
        submit(county, f"第{n}项")
    with pytest.raises(ValidationError) as exc:
        submit(county)
    assert "待处理的申请" in exc.value.messages[0]


# --- views --------------------------------------------------------------------------------


def test_given_self_when_submitting_through_page_then_listed_with_status(client, county):
    client.force_login(county.users["self_a"])
    pk = county.cadre_a.pk
    assert client.get(f"/cadres/{pk}/corrections/new/").status_code == 200
    response = client.post(
        f"/cadres/{pk}/corrections/new/", {"section": "family", "message": "父亲已于2023年去世"}
    )
    assert response.status_code == 302 and response["Location"] == f"/cadres/{pk}/corrections/"
    body = client.get(f"/cadres/{pk}/corrections/").content.decode()
    assert "父亲已于2023年去世" in body and "待处理" in body and "家庭成员及社会关系" in body


def test_given_empty_message_when_submitting_through_page_then_error_nothing_saved(client, county):
    client.force_login(county.users["self_a"])
    response = client.post(
        f"/cadres/{county.cadre_a.pk}/corrections/new/", {"section": "basic", "message": ""}
    )
    assert response.status_code == 200 and "请填写需要更正的内容" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


@pytest.mark.parametrize("role", ["zzb", "rsk", "leader", "sysadmin"])
def test_given_someone_else_when_opening_cadre_correction_pages_then_404(client, county, role):
    client.force_login(county.users[role])
    pk = county.cadre_a.pk
    assert client.get(f"/cadres/{pk}/corrections/new/").status_code == 404
    assert client.get(f"/cadres/{pk}/corrections/").status_code == 404


def test_given_self_when_opening_other_cadre_correction_pages_then_404(client, county):
    client.force_login(county.users["self_a"])
    pk = county.cadre_b.pk
    assert client.get(f"/cadres/{pk}/corrections/new/").status_code == 404
    assert (
        client.post(
            f"/cadres/{pk}/corrections/new/", {"section": "basic", "message": "x"}
        ).status_code
        == 404
    )
    assert client.get(f"/cadres/{pk}/corrections/").status_code == 404


def test_given_queue_then_pending_first_and_scoped(client, county, django_assert_max_num_queries):
    old = submit(county, "已处理的一条")
    services.correction_reject(request=old, reason="无误", actor=actor(county.users["zzb"]))
    new = submit(county, "待处理的一条")
    self_b = make_user("self_b", Role.SELF, cadre=county.cadre_b)
    services.correction_submit(
        cadre=county.cadre_b, section="resume", message="乙镇的申请", actor=actor(self_b)
    )
    client.force_login(county.users["zzb"])
    with django_assert_max_num_queries(10):
        body = client.get("/cadres/corrections/").content.decode()
    assert body.index("待处理的一条") < body.index("已处理的一条")
    assert "乙镇的申请" in body

    other = make_unit("另一县", code="C002", kind="01")
    outsider = make_user("zzb2", Role.ORG_ADMIN, [other])
    client.force_login(outsider)
    body = client.get("/cadres/corrections/").content.decode()
    assert "待处理的一条" not in body and "乙镇的申请" not in body
    assert client.get(f"/cadres/corrections/{new.pk}/").status_code == 404
    assert client.post(f"/cadres/corrections/{new.pk}/approve/", {"note": ""}).status_code == 404
    new.refresh_from_db()
    assert new.status == Status.PENDING


@pytest.mark.parametrize("role", ["rsk", "leader", "self_a", "auditor"])
def test_given_non_approver_when_opening_queue_then_404(client, county, role):
    request = submit(county)
    client.force_login(county.users[role])
    assert client.get("/cadres/corrections/").status_code == 404
    assert client.get(f"/cadres/corrections/{request.pk}/").status_code == 404
    assert (
        client.post(f"/cadres/corrections/{request.pk}/reject/", {"note": "x"}).status_code == 404
    )


def test_given_org_admin_when_approving_then_sent_to_edit_page(client, county):
    request = submit(county)
    client.force_login(county.users["zzb"])
    assert "出生日期应为" in client.get(f"/cadres/corrections/{request.pk}/").content.decode()
    response = client.post(f"/cadres/corrections/{request.pk}/approve/", {"note": "属实"})
    assert response.status_code == 302
    assert response["Location"] == f"/cadres/{county.cadre_a.pk}/edit/"
    request.refresh_from_db()
    assert request.status == Status.APPROVED


def test_given_reject_without_reason_through_page_then_error_and_still_pending(client, county):
    request = submit(county)
    client.force_login(county.users["zzb"])
    response = client.post(f"/cadres/corrections/{request.pk}/reject/", {"note": ""})
    assert response.status_code == 200 and "驳回时请填写理由" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.PENDING
    response = client.post(f"/cadres/corrections/{request.pk}/reject/", {"note": "与档案一致"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    client.force_login(county.users["self_a"])
    body = client.get(f"/cadres/{county.cadre_a.pk}/corrections/").content.decode()
    assert "已驳回" in body and "与档案一致" in body
