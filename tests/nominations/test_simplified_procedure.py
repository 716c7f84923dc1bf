"""A sudden feat under the simplified procedure: the dossier is the Tờ trình and a short summary
(no achievement report, no council minutes), and the council's queue shows it first."""

import datetime

import pytest
from django.urls import reverse

from commendations.eligibility.models import AttachmentKind, RuleSet
from commendations.eligibility.selectors import eligibility_report
from commendations.nominations.models import Nomination
from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db


def _dossier_reason(nomination) -> str:
    (row,) = [r for r in eligibility_report(nomination) if r["code"] == "dossier_complete"]
    return row["reason"]


def test_the_short_dossier_is_enough(campaign, district, director_award):
    RuleSet.objects.create(
        award_type=director_award,
        name="Giấy khen",
        legal_reference="Thông tư 04/2024/TT-BCA",
        valid_from=datetime.date(2000, 1, 1),
        required_documents=[
            AttachmentKind.COVER_LETTER,
            AttachmentKind.ACHIEVEMENT_REPORT,
            AttachmentKind.MEETING_MINUTES,
        ],
    )
    ordinary = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    sudden = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=director_award,
        simplified_procedure=True,
        feat_date=datetime.date(2026, 11, 20),
    )
    assert "Báo cáo thành tích" in _dossier_reason(ordinary)
    reason = _dossier_reason(sudden)
    assert "Tờ trình" in reason and "Báo cáo thành tích" not in reason
    assert "Biên bản" not in reason


def test_the_queue_shows_sudden_feats_first(
    client, campaign, district, director_award, officer, member, secretary
):
    names = ["Thường kỳ A", "Đột xuất B", "Thường kỳ C"]
    for name in names:
        nomination = NominationFactory(
            campaign=campaign,
            unit=district,
            award_type=director_award,
            nominee_name=name,
            simplified_procedure=name.startswith("Đột xuất"),
        )
        advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)
    client.force_login(member)
    page = client.get(reverse("review_queue")).content.decode()
    positions = {name: page.index(name) for name in names}
    assert positions["Đột xuất B"] < positions["Thường kỳ A"]
    assert positions["Đột xuất B"] < positions["Thường kỳ C"]
    assert Nomination.objects.filter(simplified_procedure=True).count() == 1
