"""The long-service screens: the due people ticked and one Tờ trình made for all of them; the
decision page records who got what in one POST."""

import datetime

import pytest
from django.urls import reverse

from commendations.campaigns.models import AwardType
from commendations.decisions.models import SubmissionLetter
from commendations.nominations.models import Nomination, NominationState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("letters_without_libreoffice")]


def test_the_proposal_page_lists_the_due_and_proposes_them_at_once(client, due_people, secretary):
    ids = due_people(3)
    client.force_login(secretary)
    page = client.get(reverse("long_service_proposal_create"), {"year": 2025})
    assert page.status_code == 200
    text = page.content.decode()
    assert "phục vụ 15 năm" in text and text.count('name="people"') == 3
    response = client.post(
        reverse("long_service_proposal_create"),
        {
            "year": 2025,
            "people": ids,
            "number": "12/TTr-CAT-PV05",
            "date": "01/09/2025",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Trần Văn B",
        },
    )
    letter = SubmissionLetter.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("long_service_decision_record", args=[letter.pk])
    assert letter.nominations.filter(state=NominationState.AWAITING_MINISTRY).count() == 3


def test_the_decision_page_records_who_got_it(client, due_people, secretary, ministry):
    ids = due_people(2)
    client.force_login(secretary)
    client.post(
        reverse("long_service_proposal_create"),
        {
            "year": 2025,
            "people": ids,
            "number": "12/TTr-CAT-PV05",
            "date": "01/09/2025",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Trần Văn B",
        },
    )
    letter = SubmissionLetter.objects.get()
    client.force_login(ministry)
    url = reverse("long_service_decision_record", args=[letter.pk])
    page = client.get(url)
    assert page.status_code == 200
    president = AwardType.objects.get(code="HC-CSVV2").decided_by
    assert president.name in page.content.decode()
    first = letter.nominations.order_by("pk").first()
    response = client.post(
        url,
        {
            "decided_by": president.code,
            "number": "1234/QĐ-CTN",
            "date": "20/11/2025",
            "signer_title": "CHỦ TỊCH NƯỚC",
            "signer_name": "Lương Cường",
            "nominations": [first.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    states = dict(Nomination.objects.values_list("pk", "state"))
    assert states[first.pk] == NominationState.APPROVED
    assert sorted(states.values()) == [NominationState.APPROVED, NominationState.AWAITING_MINISTRY]
    assert first.decided_at is None  # read before
    assert datetime.date(2025, 11, 20) == Nomination.objects.get(pk=first.pk).decision.date
