"""Statistics: the right figures (roll-up by unit tree, approval rate, time per step), counted
by the database in a fixed number of queries."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.actions.decisions import decision_issue
from commendations.campaigns.models import NomineeKind
from commendations.decisions.services import decision_create
from commendations.nominations.models import Nomination, NominationState
from commendations.reports.statistics import campaign_statistics
from tests.factories import NominationFactory
from tests.helpers import advance
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def test_figures_for_a_campaign(
    campaign, district, commune, other_district, director_award, ministry_award,
    officer, other_officer, member, secretary, director,
):  # fmt: skip
    approved = NominationFactory(campaign=campaign, unit=commune, award_type=director_award)
    advance(approved, "awaiting", officer=officer, member=member, secretary=secretary)
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="1/QĐ-CAT",
        date=datetime.date(2026, 1, 5),
        signer_name="A",
        signer_title="B",
        nomination_ids=[approved.pk],
    )
    decision_issue(decision=decision, actor=director)
    rejected = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=ministry_award,
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name="Nguyễn Văn A",
    )
    advance(rejected, "rejected", officer=officer, member=member, secretary=secretary)
    submitted = NominationFactory(campaign=campaign, unit=other_district, award_type=director_award)
    advance(submitted, "submitted", officer=other_officer, member=member, secretary=secretary)
    NominationFactory(campaign=campaign, unit=district, award_type=director_award)  # draft

    stats = campaign_statistics(campaign=campaign, user=member)  # drafts are not visible to him
    assert stats.total == 3
    by_state = {r["state"]: r["count"] for r in stats.by_state}
    assert by_state["approved"] == 1 and by_state["rejected"] == 1 and by_state["submitted"] == 1
    assert by_state["draft"] == 0
    assert stats.approval_rate == 0.5  # 1 approved of 2 finished
    funnel = {r["stage"]: r["count"] for r in stats.funnel}
    assert funnel == {"submitted": 3, "recommended": 1, "forwarded": 1, "approved": 1}
    units = {r["code"]: r for r in stats.by_unit}
    assert units[district.code]["total"] == 2  # its own rejected one + the commune's approved one
    assert units[district.code]["own"] == 1
    assert units[district.code]["approved"] == 1
    assert units[commune.code]["total"] == 1 and units[commune.code]["depth"] == 1
    assert units[other_district.code]["total"] == 1
    kinds = {r["kind"]: r["count"] for r in stats.by_kind}
    assert kinds == {"collective": 2, "individual": 1}
    awards = {r["award_type__code"]: r for r in stats.by_award_type}
    assert awards["GK-GD"]["total"] == 2 and awards["GK-GD"]["approved"] == 1
    assert awards["BK-BCA"]["individual"] == 1
    steps = {r["transition"]: r for r in stats.step_days}
    assert steps["submit"]["count"] == 3
    assert steps["approve"]["count"] == 1
    assert all(r["days"] >= 0 for r in stats.step_days)
    assert [r["year"] for r in stats.by_year] == [campaign.year]

    own = campaign_statistics(campaign=campaign, user=officer)  # his subtree, drafts included
    assert own.total == 3
    assert other_district.code not in {r["code"] for r in own.by_unit}


def test_days_per_step_measure_time_spent_before_each_step(
    campaign, district, director_award, officer, member, secretary
):
    nomination = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)
    created = nomination.created_at
    Nomination.objects.filter(pk=nomination.pk).update(
        created_at=created - datetime.timedelta(days=4)
    )
    stats = campaign_statistics(campaign=campaign, user=member)
    steps = {r["transition"]: r["days"] for r in stats.step_days}
    assert 3.99 <= steps["submit"] <= 4.01


def _populate(campaign, unit, award, size: int, member) -> None:
    rows = Nomination.objects.bulk_create(
        [
            Nomination(
                campaign=campaign,
                unit=unit,
                award_type=award,
                nominee_kind=NomineeKind.COLLECTIVE if i % 3 else NomineeKind.INDIVIDUAL,
                nominee_name=f"Tập thể {i}",
                achievement_summary="x",
                state=NominationState.SUBMITTED,
            )
            for i in range(size)
        ]
    )
    content_type = ContentType.objects.get_for_model(Nomination)
    TransitionLog.objects.bulk_create(
        TransitionLog(
            content_type=content_type,
            object_id=n.pk,
            transition="submit",
            source_state=NominationState.DRAFT,
            target_state=NominationState.SUBMITTED,
            actor=member,
        )
        for n in rows
    )


def _queries(campaign, user) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        stats = campaign_statistics(campaign=campaign, user=user)
    return len(captured), stats.total


def test_query_count_does_not_grow_with_nominations(
    campaign, district, commune, director_award, member
):
    campaign_statistics(campaign=campaign, user=member)  # warm the permission/content-type caches
    _populate(campaign, commune, director_award, 10, member)
    small, total_small = _queries(campaign, member)
    _populate(campaign, district, director_award, 240, member)
    large, total_large = _queries(campaign, member)
    assert (total_small, total_large) == (10, 250)
    assert small == large
    # state, award type, kind, unit counts + the tree on the campaign's date + the lineage links,
    # steps, years (+ the visible filter), and the overdue count: its candidates, their rule
    # sets, the holidays of their date range
    assert large <= 13
