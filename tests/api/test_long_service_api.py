"""The long-service batch through the API: one POST makes the proposal of many people (the
nominations and the Tờ trình), one POST records the decision that came back; errors in the
envelope."""

import pytest

from commendations.campaigns.models import AwardType
from commendations.certificates.models import Certificate
from commendations.nominations.models import Nomination, NominationState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("letters_without_libreoffice")]

SIGNER = {"signer_title": "GIÁM ĐỐC", "signer_name": "Trần Văn B"}


def _propose(client, ids, number="12/TTr-CAT-PV05"):
    return client.post(
        "/api/v1/long-service-proposals/",
        {"year": 2025, "people": ids, "number": number, "date": "2025-09-01", **SIGNER},
        format="json",
    )


def test_the_office_proposes_and_the_authority_records(as_user, due_people, secretary, ministry):
    ids = due_people(3)
    response = _propose(as_user(secretary), ids)
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["nominations"]) == 3
    assert {n["award_type"] for n in body["nominations"]} == {"HC-CSVV2"}
    assert {n["person"] for n in body["nominations"]} == set(ids)
    president = AwardType.objects.get(code="HC-CSVV2").decided_by
    first = body["nominations"][0]["id"]
    recorded = as_user(ministry).post(
        f"/api/v1/long-service-proposals/{body['submission_letter']}/decision/",
        {
            "decided_by": president.code,
            "number": "1234/QĐ-CTN",
            "date": "2025-11-20",
            "signer_title": "CHỦ TỊCH NƯỚC",
            "signer_name": "Lương Cường",
            "nominations": [first],
        },
        format="json",
    )
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["nominations"] == [first]
    assert Nomination.objects.get(pk=first).state == NominationState.APPROVED
    assert Certificate.objects.filter(nomination_id=first).exists()


def test_refusals_come_in_the_envelope(as_user, due_people, secretary, officer):
    assert _propose(as_user(officer), due_people(1)).status_code == 403
    young = due_people(1, since=__import__("datetime").date(2020, 1, 1))
    refused = _propose(as_user(secretary), young)
    assert refused.status_code == 400
    assert {"code", "detail"} <= set(refused.json())
    assert "chưa đến hạn" in refused.content.decode()
