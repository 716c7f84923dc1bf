"""People outside the force (issue #25): citizens, households, village security groups
(tổ an ninh nhân dân), organisations and foreigners are nominees too. The model's clean() holds
the rules (no rank, an address, a nationality for a foreigner and only for one, the sex of a
person for "Ông"/"Bà"), so the web form, the API and the Excel import all apply them; the
documents address them "Ông"/"Bà" or by their name with the address instead of a position; the
annex groups them; the statistics count them apart."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from rest_framework.test import APIClient

from commendations.actions.certificates import certificate_render
from commendations.campaigns.models import Affiliation, NomineeKind
from commendations.certificates.models import Certificate
from commendations.decisions.documents import decision_document, submission_letter
from commendations.nominations.models import Nomination
from commendations.reports.statistics import campaign_statistics
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/nominations/"
GROUP = "Tổ an ninh nhân dân thôn 3, xã Hòa Phú"
GROUP_ADDRESS = "Thôn 3, xã Hòa Phú, tỉnh Gia Lai"


@pytest.fixture
def as_user():
    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


def _build(campaign, district, director_award, **fields) -> Nomination:
    values = {
        "campaign": campaign,
        "unit": district,
        "award_type": director_award,
        "nominee_kind": NomineeKind.INDIVIDUAL,
        "nominee_name": "Nguyễn Văn Dân",
        "gender": "male",
        "achievement_summary": "Bắt giữ đối tượng trộm cắp.",
        **fields,
    }
    return Nomination(**values)


def _errors(nomination: Nomination) -> dict:
    with pytest.raises(ValidationError) as caught:
        nomination.full_clean(exclude=["state", "decision", "created_by"])
    return caught.value.message_dict


# --- the model's rules -----------------------------------------------------------------------


def test_an_officer_is_in_the_force_by_default_and_keeps_a_rank(campaign, district, director_award):
    nomination = _build(campaign, district, director_award, rank="Đại úy")
    nomination.full_clean(exclude=["state", "decision", "created_by"])
    assert nomination.affiliation == Affiliation.FORCE and not nomination.is_outside_force


def test_a_citizen_has_no_rank_and_needs_an_address(campaign, district, director_award):
    errors = _errors(
        _build(campaign, district, director_award, affiliation="citizen", rank="Đại úy")
    )
    assert set(errors) >= {"rank", "address"}
    ok = _build(campaign, district, director_award, affiliation="citizen", address="Xã Ia Sao")
    ok.full_clean(exclude=["state", "decision", "created_by"])


def test_a_person_outside_the_force_needs_the_sex_for_ong_ba(campaign, district, director_award):
    errors = _errors(
        _build(campaign, district, director_award, affiliation="citizen", address="X", gender="")
    )
    assert "gender" in errors


def test_a_foreigner_needs_a_nationality_and_no_one_else_may_have_one(
    campaign, district, director_award
):
    assert "nationality" in _errors(
        _build(campaign, district, director_award, affiliation="foreigner", address="Tokyo")
    )
    for affiliation in ("force", "citizen"):
        errors = _errors(
            _build(
                campaign, district, director_award,
                affiliation=affiliation, address="X", nationality="Nhật Bản",
            )
        )  # fmt: skip
        assert "nationality" in errors
    _build(
        campaign, district, director_award,
        affiliation="foreigner", address="Tokyo", nationality="Nhật Bản",
    ).full_clean(exclude=["state", "decision", "created_by"])  # fmt: skip


def test_a_household_a_group_and_an_organisation_are_collectives(
    campaign, district, director_award
):
    for affiliation in ("household", "security_group", "organisation"):
        errors = _errors(
            _build(campaign, district, director_award, affiliation=affiliation, address="X")
        )
        assert "nominee_kind" in errors
    assert "nominee_kind" in _errors(
        _build(
            campaign, district, director_award,
            affiliation="citizen", address="X", nominee_kind=NomineeKind.COLLECTIVE,
        )
    )  # fmt: skip


def test_the_database_refuses_a_rank_outside_the_force(campaign, district, director_award):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        NominationFactory(
            campaign=campaign, unit=district, award_type=director_award,
            nominee_kind=NomineeKind.INDIVIDUAL, affiliation="citizen", rank="Đại úy",
        )  # fmt: skip


# --- the API and the web form ----------------------------------------------------------------


def test_api_creates_a_village_group_and_refuses_a_foreigner_without_nationality(
    as_user, officer, campaign, district, director_award
):
    api = as_user(officer)
    payload = {
        "campaign": campaign.pk,
        "unit": district.pk,
        "award_type": director_award.pk,
        "nominee_kind": "collective",
        "nominee_name": GROUP,
        "affiliation": "security_group",
        "address": GROUP_ADDRESS,
        "achievement_summary": "Giữ gìn an ninh trật tự thôn.",
    }
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["affiliation"] == "security_group" and body["address"] == GROUP_ADDRESS
    assert Nomination.objects.get(pk=body["id"]).is_outside_force

    refused = api.post(
        URL,
        {
            **payload,
            "nominee_kind": "individual",
            "nominee_name": "John Smith",
            "gender": "male",
            "affiliation": "foreigner",
        },
        format="json",
    )
    assert refused.status_code == 400
    assert "nationality" in refused.json()["fields"]
    ranked = api.post(
        URL,
        {
            **payload,
            "nominee_kind": "individual",
            "nominee_name": "Trần Văn Dân",
            "gender": "male",
            "affiliation": "citizen",
            "rank": "Đại úy",
        },
        format="json",
    )
    assert ranked.status_code == 400 and "rank" in ranked.json()["fields"]


def test_the_web_form_saves_a_citizen_with_an_address(client, officer, campaign, district,
                                                       director_award):  # fmt: skip
    client.force_login(officer)
    response = client.post(
        "/nominations/new/",
        {
            "campaign": campaign.pk,
            "unit": district.pk,
            "award_type": director_award.pk,
            "nominee_kind": "individual",
            "nominee_name": "Lê Thị Hiền",
            "gender": "female",
            "affiliation": "citizen",
            "address": "Thôn 1, xã Ia Sao",
            "achievement_summary": "Tố giác tội phạm.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Nomination.objects.get(nominee_name="Lê Thị Hiền")
    assert saved.affiliation == "citizen" and saved.address == "Thôn 1, xã Ia Sao"


# --- the documents ---------------------------------------------------------------------------


def _text(content: bytes) -> str:
    return "\n".join(
        "".join(node for node in paragraph.itertext())
        for paragraph in Document(io.BytesIO(content)).element.body.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
        )
    )


@pytest.fixture
def mixed(campaign, district, officer, member, secretary, director_award):
    specs = [
        (director_award, "collective", "Công an xã Ia Sao", {}),
        (director_award, "individual", "Nguyễn Văn Hùng", {"rank": "Đại úy", "gender": "male",
                                                           "position": "Cán bộ"}),
        (director_award, "collective", GROUP,
         {"affiliation": "security_group", "address": GROUP_ADDRESS}),
        (director_award, "individual", "Lê Thị Hiền",
         {"affiliation": "citizen", "gender": "female", "address": "Thôn 1, xã Ia Sao"}),
        (director_award, "individual", "John Smith",
         {"affiliation": "foreigner", "gender": "male", "address": "Sydney",
          "nationality": "Australia"}),
    ]  # fmt: skip
    return awaiting(campaign, district, officer, member, secretary, specs)


def test_the_annex_groups_them_apart_with_ong_ba_and_the_address(mixed, director):
    decision = issue(draft(director, mixed), director)
    text = _text(decision_document(decision))
    assert "Tập thể, cá nhân ngoài lực lượng Công an" in text
    outside = text[text.index("Tập thể, cá nhân ngoài lực lượng Công an") :]
    assert "Bà Lê Thị Hiền" in outside and "Ông John Smith" in outside
    assert GROUP in outside and f"Địa chỉ: {GROUP_ADDRESS}" in outside
    assert "Quốc tịch Australia; địa chỉ: Sydney" in outside
    # never qualified as a unit of the police, never addressed "Đồng chí"
    assert f"{GROUP}, Công an" not in text
    assert "Nguyễn Văn Hùng" not in outside
    force_part = text[: text.index("Tập thể, cá nhân ngoài lực lượng Công an")]
    assert "Nguyễn Văn Hùng" in force_part and "Lê Thị Hiền" not in force_part


def test_the_submission_letter_groups_them_too(mixed):
    text = _text(submission_letter(mixed))
    outside = text[text.index("Tập thể, cá nhân ngoài lực lượng Công an") :]
    assert "Bà Lê Thị Hiền" in outside and GROUP in outside


def test_the_certificate_says_ong_ba_and_prints_the_address(mixed, director, media):  # noqa: F811
    issue(draft(director, mixed), director)
    for certificate in Certificate.objects.all():
        certificate_render(certificate_id=certificate.pk)
    certificates = Certificate.objects.select_related("nomination")
    by_name = {c.nomination.nominee_name: c for c in certificates}

    def read(name: str) -> str:
        with by_name[name].file.open("rb") as handle:
            return _text(handle.read())

    citizen = read("Lê Thị Hiền")
    assert "Bà Lê Thị Hiền" in citizen and "Địa chỉ: Thôn 1, xã Ia Sao" in citizen
    assert "Đồng chí" not in citizen
    foreigner = read("John Smith")
    assert "Ông John Smith" in foreigner and "Quốc tịch Australia" in foreigner
    group = read(GROUP)
    assert GROUP in group and f"{GROUP}, Công an" not in group
    officer = read("Nguyễn Văn Hùng")
    assert "Đồng chí Đại úy Nguyễn Văn Hùng" in officer


# --- the statistics --------------------------------------------------------------------------


def test_statistics_count_them_apart(mixed, member, campaign):
    stats = campaign_statistics(campaign=campaign, user=member)
    assert stats.total == 5
    assert stats.outside_force == 3
    by = {r["affiliation"]: r["count"] for r in stats.by_affiliation}
    assert by == {
        "force": 2, "citizen": 1, "household": 0, "security_group": 1,
        "organisation": 0, "foreigner": 1,
    }  # fmt: skip


def test_the_statistics_api_and_page_show_the_figure(mixed, member, campaign, as_user, client):
    body = as_user(member).get("/api/v1/statistics/", {"campaign": campaign.pk}).json()
    assert body["outside_force"] == 3
    client.force_login(member)
    page = client.get("/stats/", {"campaign": campaign.pk}).content.decode()
    assert 'data-figure="outside_force">3<' in page
