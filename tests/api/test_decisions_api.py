"""Decisions through the API: create from awaiting nominations, issue, annex, permissions;
annulling a decision or one award; the Tờ trình for recommended nominations."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from commendations.certificates.models import Certificate, Revocation
from commendations.certificates.public_verification import is_revoked
from commendations.events import AuditEventKind
from tests.factories import NominationFactory
from tests.helpers import advance
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/api/v1/decisions/"


@pytest.fixture
def awaiting(campaign, district, director_award, officer, member, secretary):
    nominations = [
        NominationFactory(campaign=campaign, unit=district, award_type=director_award)
        for _ in range(2)
    ]
    for nomination in nominations:
        advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
    return nominations


def payload(ids: list[int], number: str = "12/QĐ-CAT-PV05") -> dict:
    return {
        "authority": "PROVINCIAL_DIRECTOR",
        "number": number,
        "date": "2026-03-14",
        "signer_name": "Nguyễn Ngọc Sơn",
        "signer_title": "Phó Giám đốc",
        "nominations": ids,
    }


def test_director_creates_and_issues_a_decision(as_user, director, awaiting):
    api = as_user(director)
    response = api.post(URL, payload([n.pk for n in awaiting]), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft"
    assert sorted(body["nomination_ids"]) == sorted(n.pk for n in awaiting)
    issued = api.post(f"{URL}{body['id']}/issue/")
    assert issued.status_code == 200
    assert issued.json() == {"id": body["id"], "state": "issued"}
    for nomination in awaiting:
        nomination.refresh_from_db()
        assert nomination.state == "approved"
    again = api.post(f"{URL}{body['id']}/issue/")
    assert again.status_code == 409
    assert again.json()["code"] == "concurrent_change"


def test_unit_officer_cannot_create_or_see_decisions(as_user, officer, director, awaiting):
    response = as_user(officer).post(URL, payload([awaiting[0].pk]), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    decision = as_user(director).post(URL, payload([awaiting[0].pk]), format="json").json()
    assert as_user(officer).get(f"{URL}{decision['id']}/").status_code == 404
    assert as_user(officer).post(f"{URL}{decision['id']}/issue/").status_code == 404


def test_ministry_cannot_issue_a_director_decision(as_user, director, ministry, awaiting):
    decision = as_user(director).post(URL, payload([awaiting[0].pk]), format="json").json()
    response = as_user(ministry).post(f"{URL}{decision['id']}/issue/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_committee_member_may_not_create_a_decision(as_user, member, awaiting):
    response = as_user(member).post(URL, payload([awaiting[0].pk]), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_bad_number_and_not_awaiting_nominations_are_field_errors(
    as_user, director, awaiting, campaign, district, director_award
):
    draft = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    api = as_user(director)
    response = api.post(URL, payload([awaiting[0].pk], number="không số"), format="json")
    assert response.status_code == 400 and "number" in response.json()["fields"]
    response = api.post(URL, payload([awaiting[0].pk, draft.pk]), format="json")
    assert response.status_code == 400 and "nominations" in response.json()["fields"]


def test_annex_lists_the_decisions_nominations(as_user, director, awaiting):
    api = as_user(director)
    decision = api.post(URL, payload([n.pk for n in awaiting]), format="json").json()
    response = api.get(f"{URL}{decision['id']}/annex/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    text = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("12/QĐ-CAT-PV05" in t for t in text)
    for nomination in awaiting:
        assert nomination.nominee_name in text


# --- annulling: POST /decisions/{id}/revoke/ ---------------------------------------------------

REASON = "Hồ sơ thành tích có tài liệu giả mạo"


@pytest.fixture
def issued(as_user, director, awaiting):
    body = as_user(director).post(URL, payload([n.pk for n in awaiting]), format="json").json()
    as_user(director).post(f"{URL}{body['id']}/issue/")
    return body["id"], list(Certificate.objects.filter(decision_id=body["id"]).order_by("serial"))


def test_issuing_authority_revokes_one_award_then_the_whole_decision(as_user, director, issued):
    decision, [first, second] = issued
    api = as_user(director)
    one = api.post(
        f"{URL}{decision}/revoke/", {"reason": REASON, "certificate": first.pk}, format="json"
    )
    assert one.status_code == 201, one.json()
    assert one.json()["certificate"] == first.pk and one.json()["revoked_by"] == director.username
    first.refresh_from_db(), second.refresh_from_db()
    assert is_revoked(first) and not is_revoked(second) and first.state == "revoked"
    event = AuditEvent.objects.for_object(first.nomination).last()
    assert (event.kind, event.comment) == (AuditEventKind.AWARD_REVOKED, REASON)
    whole = api.post(f"{URL}{decision}/revoke/", {"reason": REASON}, format="json")
    assert whole.status_code == 201 and whole.json()["certificate"] is None
    second.refresh_from_db()
    assert is_revoked(second)
    again = api.post(f"{URL}{decision}/revoke/", {"reason": REASON}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "validation_error"


def test_only_the_issuing_authority_may_revoke(as_user, ministry, clerk, officer, issued):
    decision, _certificates = issued
    for user, status in ((ministry, 403), (clerk, 403), (officer, 403)):
        response = as_user(user).post(f"{URL}{decision}/revoke/", {"reason": REASON})
        assert response.status_code == status, user
        assert response.json()["code"] == "permission_denied"
    # The Ministry may revoke its own decisions, so it learns nothing from the body: 403, not a
    # 400 for the missing reason.
    assert as_user(ministry).post(f"{URL}{decision}/revoke/", {}).status_code == 403
    assert not Revocation.objects.exists()


def test_a_revocation_needs_a_reason_and_a_certificate_of_the_decision(as_user, director, issued):
    decision, [first, _second] = issued
    api = as_user(director)
    blank = api.post(f"{URL}{decision}/revoke/", {"reason": "  "}, format="json")
    assert blank.status_code == 400
    assert blank.json()["fields"]["reason"] == ["Cần ghi rõ lý do thu hồi, hủy bỏ."]
    foreign = api.post(
        f"{URL}{decision}/revoke/", {"reason": REASON, "certificate": 10**9}, format="json"
    )
    assert foreign.status_code == 400 and "certificate" in foreign.json()["fields"]
    assert not Revocation.objects.exists()
    first.refresh_from_db()
    assert first.state != "revoked"


# --- the Tờ trình: POST /nominations/submission-letter/ ----------------------------------------

LETTER = "/api/v1/nominations/submission-letter/"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def recommended(campaign, district, ministry_award, officer, member, secretary):
    nominations = [
        NominationFactory(
            campaign=campaign, unit=district, award_type=ministry_award, nominee_name=name
        )
        for name in ("Công an xã Ia Sao", "Công an xã Glar")
    ]
    for nomination in nominations:
        advance(nomination, "recommended", officer=officer, member=member, secretary=secretary)
    return nominations


def test_secretary_gets_the_submission_letter_for_the_chosen_nominations(
    as_user, secretary, recommended
):
    response = as_user(secretary).post(LETTER, {"nominations": [recommended[0].pk]}, format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert "to-trinh-bang-khen.docx" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        text = docx.read("word/document.xml").decode()
    assert "Công an xã Ia Sao" in text and "Công an xã Glar" not in text


def test_only_who_forwards_gets_the_submission_letter(as_user, officer, member, recommended):
    for user in (officer, member):
        response = as_user(user).post(
            LETTER, {"nominations": [n.pk for n in recommended]}, format="json"
        )
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_the_letter_lists_only_recommended_or_forwarded_nominations(
    as_user, secretary, recommended, campaign, district, ministry_award
):
    draft = NominationFactory(campaign=campaign, unit=district, award_type=ministry_award)
    api = as_user(secretary)
    for nominations in ([recommended[0].pk, draft.pk], []):
        response = api.post(LETTER, {"nominations": nominations}, format="json")
        assert response.status_code == 400
        assert "nominations" in response.json()["fields"]
