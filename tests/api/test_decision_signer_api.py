"""The structured signer through the API, the web form and the OpenAPI schema: signer_mode,
signer_principal_title, signer_title, signer_rank, signer_name; the old pair still works."""

import pytest
import yaml

from commendations.decisions.models import Decision
from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db
URL = "/api/v1/decisions/"
SIGNER_FIELDS = (
    "signer_mode",
    "signer_principal_title",
    "signer_title",
    "signer_rank",
    "signer_name",
)


@pytest.fixture
def awaiting(campaign, district, director_award, officer, member, secretary):
    nominations = [
        NominationFactory(campaign=campaign, unit=district, award_type=director_award)
        for _ in range(2)
    ]
    for nomination in nominations:
        advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
    return nominations


def _payload(ids, **signer):
    return {
        "authority": "PROVINCIAL_DIRECTOR",
        "number": "123/QĐ-CAT-PV05",
        "date": "2023-03-06",
        "nominations": ids,
        **signer,
    }


def test_api_takes_the_structured_signer(as_user, director, awaiting):
    response = as_user(director).post(
        URL,
        _payload(
            [n.pk for n in awaiting],
            signer_mode="KT.",
            signer_principal_title="Giám đốc",
            signer_title="Phó Giám đốc",
            signer_rank="Đại tá",
            signer_name="Nguyễn Ngọc Sơn",
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["signer_heading"] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert (body["signer_mode"], body["signer_rank"]) == ("KT.", "Đại tá")
    decision = Decision.objects.get(pk=body["id"])
    assert decision.signer.name_line == "Đại tá Nguyễn Ngọc Sơn"
    assert decision.place == "Gia Lai"


def test_api_still_takes_the_old_pair(as_user, director, awaiting):
    response = as_user(director).post(
        URL,
        _payload(
            [awaiting[0].pk],
            signer_title="KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Ngọc Sơn",
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    decision = Decision.objects.get(pk=response.json()["id"])
    assert (decision.signer_mode, decision.signer_principal_title, decision.signer_title) == (
        "KT.",
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    )


def test_signing_for_the_head_needs_the_heads_title(as_user, director, awaiting):
    response = as_user(director).post(
        URL,
        _payload([awaiting[0].pk], signer_mode="KT.", signer_title="Phó Giám đốc", signer_name="X"),
        format="json",
    )
    assert response.status_code == 400
    assert "signer_principal_title" in str(response.json())
    bad_mode = as_user(director).post(
        URL,
        _payload([awaiting[0].pk], signer_mode="XX.", signer_title="A", signer_name="X"),
        format="json",
    )
    assert bad_mode.status_code == 400


def test_the_schema_lists_the_signer_fields(as_user, director):
    response = as_user(director).get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    decision = schema["components"]["schemas"]["Decision"]
    for name in SIGNER_FIELDS:
        assert name in decision["properties"], name
    assert {"signer_title", "signer_name"} <= set(decision["required"])
    assert not {"signer_mode", "signer_principal_title", "signer_rank"} & set(decision["required"])
    # the old pair is documented as still accepted
    assert "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC" in decision["properties"]["signer_mode"]["description"]


def test_web_form_takes_the_same_signer(client, director, awaiting):
    client.force_login(director)
    response = client.post(
        "/director/",
        {
            "ids": [awaiting[0].pk],
            "number": "124/QĐ-CAT-PV05",
            "date": "06/03/2023",
            "signer_mode": "KT.",
            "signer_principal_title": "GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_rank": "Đại tá",
            "signer_name": "Nguyễn Ngọc Sơn",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get(number="124/QĐ-CAT-PV05")
    assert decision.signer.heading == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert decision.signer_rank == "Đại tá"


def test_the_draft_preview_is_marked_and_the_issued_one_is_not(client, director, awaiting):
    client.force_login(director)
    client.post(
        "/director/",
        {
            "ids": [awaiting[0].pk],
            "number": "125/QĐ-CAT-PV05",
            "date": "06/03/2023",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Ngọc Sơn",
        },
    )
    decision = Decision.objects.get(number="125/QĐ-CAT-PV05")
    assert "draft-mark" in client.get(f"/decisions/{decision.pk}/").content.decode()
    client.post(f"/decisions/{decision.pk}/issue/", {"confirmed": "True"})
    decision.refresh_from_db()
    assert decision.state == "issued"
    assert "draft-mark" not in client.get(f"/decisions/{decision.pk}/").content.decode()
