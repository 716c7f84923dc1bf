"""A prize coefficient not checked against the text is flagged as data, not written into the
decision: the seeded sources carried "(hệ số chưa đối chiếu)" / "(theo báo chí)" in their text and
the Quyết định printed it ("… theo Nghị định 152/2025/NĐ-CP (hệ số chưa đối chiếu)"). Now the
document cites the decree alone and the draft's page asks the Director to check the figure."""

import datetime

import pytest
from django.urls import reverse

from commendations.campaigns.models import Authority
from commendations.decisions.documents import decision_context
from commendations.decisions.models import PrizeRule
from tests.certificate_fixtures import awaiting, draft

pytestmark = pytest.mark.django_db

TODAY_RULES = datetime.date(2026, 3, 1)  # under Nghị định 152/2025/NĐ-CP


def test_the_seeded_notes_became_the_flag():
    for rule in PrizeRule.objects.all():
        assert "chưa đối chiếu" not in rule.source and "báo chí" not in rule.source
    director = PrizeRule.objects.get(
        authority=Authority.PROVINCIAL_DIRECTOR,
        award_type=None,
        valid_from=datetime.date(2025, 7, 1),
    )
    assert director.source == "Nghị định 152/2025/NĐ-CP" and not director.verified
    assert PrizeRule.objects.get(
        authority=Authority.PROVINCIAL_DIRECTOR,
        award_type=None,
        valid_from=datetime.date(2024, 1, 1),
    ).verified


@pytest.fixture
def draft_decision(campaign, district, officer, member, secretary, director, director_award):
    nominations = awaiting(
        campaign, district, officer, member, secretary,
        [(director_award, "individual", "Nguyễn Văn Hùng", {})],
    )  # fmt: skip
    return draft(director, nominations, number="31/QĐ-CAT-PV05", date=TODAY_RULES)


def test_the_decision_cites_the_decree_alone(draft_decision):
    articles = decision_context(draft_decision)["articles"]
    article = next(a["text"] for a in articles if a["label"] == "Điều 2.")
    assert "theo Nghị định 152/2025/NĐ-CP)" in article
    assert "chưa đối chiếu" not in article


def test_the_draft_page_asks_to_check_an_unverified_coefficient(client, director, draft_decision):
    client.force_login(director)
    url = reverse("decision_detail", args=[draft_decision.pk])
    page = client.get(url).content.decode()
    assert "prize-unverified" in page and "chưa được đối chiếu với văn bản gốc" in page
    assert "Nghị định 152/2025/NĐ-CP" in page
    PrizeRule.objects.filter(authority=Authority.PROVINCIAL_DIRECTOR).update(verified=True)
    assert "prize-unverified" not in client.get(url).content.decode()
