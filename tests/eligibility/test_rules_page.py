import pytest

from commendations.eligibility.models import QuotaKind
from commendations.events import AuditEventKind
from commendations.units.models import DisciplinaryKind, DisciplinaryRecord
from tests.factories import NominationFactory
from tests.rule_fixtures import make_rule_set

pytestmark = pytest.mark.django_db


def test_the_nomination_page_shows_the_eligibility_report_and_quota(
    client, campaign, district, commune, director_award, officer
):
    make_rule_set(
        director_award,
        conditions=["no_pending_discipline"],
        quota_kind=QuotaKind.ABSOLUTE,
        quota_value=3,
        legal_reference="Thông tư 04/2024/TT-BCA",
    )
    DisciplinaryRecord.objects.create(
        unit=commune, kind=DisciplinaryKind.INVESTIGATION, started_on=campaign.opens_on
    )
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, nominee_unit=commune
    )
    client.force_login(officer)
    body = client.get(nomination.get_absolute_url()).content.decode()
    assert 'class="eligibility-not_met" data-code="no_pending_discipline"' in body
    assert "Đang bị điều tra" in body and "Thông tư 04/2024/TT-BCA" in body
    assert "đã dùng 0/3, còn 3" in body


def test_a_member_confirms_an_unknown_condition_from_the_page(
    client, campaign, district, director_award, officer, member
):
    from tests.helpers import advance
    from workflow.models import AuditEvent

    make_rule_set(director_award, conditions=["no_pending_discipline"])
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, nominee_name="Tổ ANND thôn 3"
    )
    advance(nomination, "submitted", officer=officer, member=member, secretary=None)
    client.force_login(member)
    page = client.get(nomination.get_absolute_url()).content.decode()
    url = f"/nominations/{nomination.pk}/eligibility/no_pending_discipline/confirm/"
    assert f'action="{url}"' in page
    client.post(url, {"reason": ""})
    assert not AuditEvent.objects.filter(kind=AuditEventKind.ELIGIBILITY_CONFIRMED).exists()
    client.post(url, {"reason": "Công văn số 15 của Công an huyện"})
    log = AuditEvent.objects.for_object(nomination).last()
    assert (log.kind, log.actor, log.comment) == (
        AuditEventKind.ELIGIBILITY_CONFIRMED,
        member,
        "Công văn số 15 của Công an huyện",
    )
    client.force_login(officer)
    assert f'action="{url}"' not in client.get(nomination.get_absolute_url()).content.decode()


def test_the_api_gives_the_eligibility_report(
    client, campaign, district, commune, director_award, officer
):
    make_rule_set(director_award, conditions=["no_pending_discipline"], legal_reference="Điều 75")
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, nominee_unit=commune
    )
    client.force_login(officer)
    data = client.get(f"/api/v1/nominations/{nomination.pk}/eligibility/").json()
    assert data["legal_reference"] == "Điều 75"
    assert [(c["code"], c["status"]) for c in data["conditions"]] == [
        ("no_pending_discipline", "met")
    ]
    assert data["quota"] == {"used": 0, "available": None, "limit": None}
