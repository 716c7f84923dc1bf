import pytest

from commendations.models import DisciplinaryKind, DisciplinaryRecord, QuotaKind
from tests.commendations.rules_helpers import make_rule_set
from tests.factories import NominationFactory

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
