"""The checks of `submit` and `recommend` for many nominations at once: the messages the single
checks raise, the batch counted against the quotas, a fixed number of queries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.eligibility.enforcement import (
    eligibility_refusals,
    enforce_at_recommendation,
    enforce_at_submission,
)
from commendations.eligibility.models import AttachmentKind, QuotaKind
from commendations.eligibility.votes import vote_rules, vote_rules_bulk
from commendations.nominations.models import Nomination
from tests.factories import AwardTypeFactory, NominationFactory
from tests.rule_fixtures import ALL_CONDITIONS, make_rule_set, varied_nominations

pytestmark = pytest.mark.django_db
DOCUMENTS = [AttachmentKind.COVER_LETTER, AttachmentKind.ACHIEVEMENT_REPORT]
FULL = "hết chỉ tiêu"


def fresh(nominations) -> list[Nomination]:
    return list(Nomination.objects.filter(pk__in=[n.pk for n in nominations]).order_by("pk"))


def raised(check, nomination) -> list[str]:
    try:
        check(nomination)
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.fixture
def varied(campaign, district, ministry_award, director_award, member):
    make_rule_set(
        ministry_award,
        conditions=ALL_CONDITIONS,
        required_documents=DOCUMENTS,
        quota_kind=QuotaKind.PERCENT,
        quota_value=50,
    )
    return varied_nominations(
        campaign, district, ministry_award, 50, holder_award=director_award, confirmer=member
    )


@pytest.mark.parametrize(
    ("stage", "single"),
    [("submission", enforce_at_submission), ("recommendation", enforce_at_recommendation)],
)
def test_the_batch_refuses_with_the_messages_of_the_single_checks(varied, stage, single):
    batch = eligibility_refusals(fresh(varied[:10]), stage=stage)
    assert batch == {n.pk: raised(single, n) for n in fresh(varied[:10])}
    assert all(batch.values())  # every kind of the varied set has a reason to stop


@pytest.mark.parametrize("stage", ["submission", "recommendation"])
def test_refusals_take_as_many_queries_for_fifty_nominations_as_for_five(varied, stage):
    def measured(nominations) -> int:
        nominations = fresh(nominations)
        with CaptureQueriesContext(connection) as captured:
            eligibility_refusals(nominations, stage=stage)
        return len(captured)

    at_five = measured(varied[:5])
    assert measured(varied) == at_five
    assert at_five <= 16


def test_two_nominations_of_one_unit_do_not_both_take_the_last_place(
    campaign, district, other_district, director_award
):
    make_rule_set(director_award, quota_kind=QuotaKind.ABSOLUTE, quota_value=2)
    NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, state="submitted"
    )
    first, second, elsewhere = (
        NominationFactory(campaign=campaign, unit=unit, award_type=director_award)
        for unit in (district, district, other_district)
    )
    refusals = eligibility_refusals(fresh([first, second, elsewhere]), stage="submission")
    assert refusals[first.pk] == [] and refusals[elsewhere.pk] == []
    [message] = refusals[second.pk]
    assert FULL in message and "(2/2)" in message


def test_a_refused_nomination_leaves_the_last_place_to_the_next(campaign, district, director_award):
    make_rule_set(
        director_award,
        quota_kind=QuotaKind.ABSOLUTE,
        quota_value=1,
        required_documents=[AttachmentKind.COVER_LETTER],
    )
    first, second = (
        NominationFactory(campaign=campaign, unit=district, award_type=director_award)
        for _ in range(2)
    )
    second.attachments.create(
        kind=AttachmentKind.COVER_LETTER, file="a.pdf", original_name="a.pdf", size=8
    )
    refusals = eligibility_refusals(fresh([first, second]), stage="submission")
    assert "Tờ trình" in refusals[first.pk][0] and len(refusals[first.pk]) == 1
    assert refusals[second.pk] == []


def test_at_recommendation_the_batch_counts_the_rows_it_recommends(
    campaign, district, director_award
):
    make_rule_set(director_award, quota_kind=QuotaKind.ABSOLUTE, quota_value=1)
    first, second = (
        NominationFactory(
            campaign=campaign, unit=district, award_type=director_award, state="submitted"
        )
        for _ in range(2)
    )
    refusals = eligibility_refusals(fresh([first, second]), stage="recommendation")
    assert refusals[first.pk] == []
    assert FULL in refusals[second.pk][0] and "(1/1)" in refusals[second.pk][0]
    assert eligibility_refusals(fresh([second]), stage="recommendation") == {second.pk: []}


def test_vote_rules_of_a_batch_are_those_of_each_nomination(
    campaign, district, director_award, ministry_award
):
    make_rule_set(director_award, quorum=9, vote_share_required="0.75")
    unruled = AwardTypeFactory(code="KHAC", name="Khen khác", short_name="Khác")
    nominations = [
        NominationFactory(campaign=campaign, unit=district, award_type=award)
        for award in (director_award, ministry_award, unruled, director_award)
    ]
    loaded = fresh(nominations)
    with CaptureQueriesContext(connection) as captured:
        rules = vote_rules_bulk(loaded)
    assert len(captured) <= 3
    assert rules == {n.pk: vote_rules(n) for n in fresh(nominations)}
    assert rules[nominations[0].pk] == (director_award.rule_sets.get().vote_share_required, 9)
    assert rules[nominations[2].pk] == (unruled.vote_share_required, 0)
