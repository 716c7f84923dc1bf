"""The nomination endpoints: scoping by unit, payloads, error codes, PATCH rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commendations.campaigns.models import NomineeKind
from commendations.nominations.models import Nomination
from tests.helpers import advance

pytestmark = pytest.mark.django_db
URL = "/api/v1/nominations/"


def test_token_is_issued_for_valid_credentials_and_refused_otherwise(client, officer):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "officer", "password": "matkhau-thu-nghiem"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    listed = client.get(URL, HTTP_AUTHORIZATION=f"Token {token}")
    assert listed.status_code == 200
    bad = client.post(
        "/api/v1/auth/token/",
        {"username": "officer", "password": "sai"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "validation_error"


def test_anonymous_request_is_refused_with_a_code(client):
    response = client.get(URL)
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_reference_lists_have_id_code_name(as_user, officer, campaign, director_award):
    api = as_user(officer)
    units = api.get("/api/v1/units/").json()["results"]
    assert {"id", "code", "name"} <= set(units[0])
    campaigns = api.get("/api/v1/campaigns/").json()["results"]
    assert campaigns[0]["id"] == campaign.pk and campaigns[0]["name"] == campaign.name
    assert "code" in campaigns[0]
    awards = api.get("/api/v1/award-types/").json()["results"]
    by_code = {a["code"]: a for a in awards}
    assert by_code["GK-GD"]["authority"] == "PROVINCIAL_DIRECTOR"
    assert by_code["GK-GD"]["name"] == director_award.name


def test_unit_officer_creates_a_draft(as_user, officer, campaign, district, director_award):
    response = as_user(officer).post(
        URL,
        {
            "campaign": campaign.pk,
            "unit": district.pk,
            "award_type": director_award.pk,
            "nominee_kind": "individual",
            "nominee_name": "Nguyễn Văn Hùng",
            "rank": "Đại úy",
            "position": "Trưởng Công an xã",
            "achievement_summary": "Xuất sắc",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft"
    nomination = Nomination.objects.get(pk=body["id"])
    assert nomination.created_by == officer and nomination.rank == "Đại úy"


def test_create_for_another_unit_is_permission_denied(
    as_user, officer, campaign, other_district, director_award
):
    response = as_user(officer).post(
        URL,
        {
            "campaign": campaign.pk,
            "unit": other_district.pk,
            "award_type": director_award.pk,
            "nominee_kind": "collective",
            "nominee_name": "Công an xã Hai",
            "achievement_summary": "Xuất sắc",
        },
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Nomination.objects.exists()


def test_create_with_missing_fields_reports_each_field(as_user, officer, campaign, district):
    response = as_user(officer).post(URL, {"campaign": campaign.pk}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert {"unit", "award_type", "nominee_kind", "achievement_summary"} <= set(body["fields"])


def test_model_rules_come_back_as_field_messages(
    as_user, officer, campaign, district, ministry_award
):
    ministry_award.accepts_individual = False
    ministry_award.save()
    response = as_user(officer).post(
        URL,
        {
            "campaign": campaign.pk,
            "unit": district.pk,
            "award_type": ministry_award.pk,
            "nominee_kind": "individual",
            "nominee_name": "Nguyễn Văn A",
            "achievement_summary": "Xuất sắc",
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert "nominee_kind" in body["fields"]


def test_list_is_scoped_to_the_officers_units_and_filters(
    as_user, officer, own_draft, other_draft, commune, campaign, director_award
):
    from tests.factories import NominationFactory

    in_commune = NominationFactory(
        campaign=campaign,
        unit=commune,
        award_type=director_award,
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name="Trần Thị B",
    )
    api = as_user(officer)
    body = api.get(URL).json()
    assert {"count", "next", "previous", "results"} <= set(body)
    assert {r["id"] for r in body["results"]} == {own_draft.pk, in_commune.pk}
    assert [r["id"] for r in api.get(URL, {"nominee_kind": "individual"}).json()["results"]] == [
        in_commune.pk
    ]
    assert [r["id"] for r in api.get(URL, {"search": "Thị B"}).json()["results"]] == [in_commune.pk]
    assert [r["id"] for r in api.get(URL, {"unit": commune.pk}).json()["results"]] == [
        in_commune.pk
    ]
    assert api.get(URL, {"state": "submitted"}).json()["count"] == 0
    bad = api.get(URL, {"state": "nonsense"})
    assert bad.status_code == 400 and bad.json()["code"] == "validation_error"


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("patch", ""),
        ("get", "transitions/"),
        ("post", "transitions/submit/"),
        ("post", "transitions/withdraw/"),
        ("get", "history/"),
        ("post", "attachments/"),
    ],
)
def test_another_units_nomination_is_404_on_every_verb(
    as_user, officer, other_draft, method, suffix
):
    response = getattr(as_user(officer), method)(
        f"{URL}{other_draft.pk}/{suffix}", {}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_committee_member_does_not_see_drafts(as_user, member, own_draft):
    api = as_user(member)
    assert api.get(URL).json()["count"] == 0
    assert api.get(f"{URL}{own_draft.pk}/").status_code == 404


def test_patch_while_draft_then_refused_once_submitted(
    as_user, officer, member, secretary, own_draft
):
    api = as_user(officer)
    response = api.patch(f"{URL}{own_draft.pk}/", {"nominee_name": "Tên mới"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["nominee_name"] == "Tên mới"
    advance(own_draft, "submitted", officer=officer, member=member, secretary=secretary)
    refused = api.patch(f"{URL}{own_draft.pk}/", {"nominee_name": "Khác"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "validation_error"
    own_draft.refresh_from_db()
    assert own_draft.nominee_name == "Tên mới"


def test_patch_allowed_again_when_returned(as_user, officer, member, secretary, own_draft):
    advance(own_draft, "returned", officer=officer, member=member, secretary=secretary)
    response = as_user(officer).patch(
        f"{URL}{own_draft.pk}/", {"achievement_summary": "Bổ sung"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["state"] == "returned"


def test_committee_member_cannot_patch_a_returned_nomination(
    as_user, officer, member, secretary, own_draft
):
    advance(own_draft, "returned", officer=officer, member=member, secretary=secretary)
    response = as_user(member).patch(f"{URL}{own_draft.pk}/", {"rank": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_put_and_delete_are_not_offered(as_user, officer, own_draft):
    api = as_user(officer)
    assert api.put(f"{URL}{own_draft.pk}/", {}, format="json").status_code == 405
    assert api.delete(f"{URL}{own_draft.pk}/").status_code == 405


def test_attachment_upload_checks_content(as_user, officer, own_draft):
    api = as_user(officer)
    good = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = api.post(
        f"{URL}{own_draft.pk}/attachments/",
        {"file": good, "kind": "minh_chung"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["original_name"] == "bao-cao.pdf"
    fake = SimpleUploadedFile("gia.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = api.post(f"{URL}{own_draft.pk}/attachments/", {"file": fake}, format="multipart")
    assert refused.status_code == 400
    assert refused.json()["code"] == "validation_error"
    assert own_draft.attachments.count() == 1


def test_export_is_an_xlsx_of_the_visible_filtered_list(as_user, officer, own_draft, other_draft):
    import io

    from openpyxl import load_workbook

    response = as_user(officer).get(f"{URL}export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [own_draft.nominee_name]


def test_malformed_session_cookie_is_ignored_not_a_server_error(client):
    response = client.get(URL, HTTP_COOKIE="sessionid=abc%00defghijklmnop")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
