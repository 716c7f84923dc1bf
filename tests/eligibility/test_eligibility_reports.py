"""The reports of many nominations at once: the same rows as one by one, in a fixed number of
queries whatever their number."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.eligibility.models import AttachmentKind, QuotaKind
from commendations.eligibility.selectors import (
    eligibility_report,
    eligibility_reports,
    rule_set_for,
    rule_sets_in_force,
)
from commendations.nominations.models import Nomination
from tests.factories import AwardTypeFactory, CampaignFactory, NominationFactory
from tests.rule_fixtures import ALL_CONDITIONS, make_rule_set, varied_nominations

pytestmark = pytest.mark.django_db
DOCUMENTS = [AttachmentKind.COVER_LETTER, AttachmentKind.ACHIEVEMENT_REPORT]


def fresh(nominations) -> list[Nomination]:
    """The rows as a caller loads them: no relation cached."""
    return list(Nomination.objects.filter(pk__in=[n.pk for n in nominations]).order_by("pk"))


def queries(function, nominations) -> int:
    nominations = fresh(nominations)
    with CaptureQueriesContext(connection) as captured:
        function(nominations)
    return len(captured)


@pytest.fixture
def varied(campaign, district, ministry_award, director_award, member):
    make_rule_set(ministry_award, conditions=ALL_CONDITIONS, required_documents=DOCUMENTS)
    make_rule_set(director_award, conditions=["not_already_commended"])
    return varied_nominations(
        campaign, district, ministry_award, 15, holder_award=director_award, confirmer=member
    )


def test_the_batch_gives_each_nomination_the_report_it_gets_alone(
    varied, campaign, district, director_award, province
):
    unruled = AwardTypeFactory(code="KHAC", name="Khen khác", short_name="Khác")
    early = CampaignFactory(opens_on=datetime.date(1999, 12, 31), award_types=[director_award])
    extra = [
        NominationFactory(campaign=campaign, unit=district, award_type=unruled),
        NominationFactory(campaign=early, unit=district, award_type=director_award),
        NominationFactory(campaign=campaign, unit=province, award_type=director_award),
    ]
    nominations = fresh(varied + extra)
    batch = eligibility_reports(nominations)
    alone = {n.pk: eligibility_report(n) for n in fresh(varied + extra)}
    assert batch == alone
    statuses = {row["status"] for rows in batch.values() for row in rows}
    assert statuses == {"met", "not_met", "unknown"}
    assert any(row["confirmed_by"] for rows in batch.values() for row in rows)
    assert batch[extra[0].pk] == [] and batch[extra[1].pk] == []


def test_each_kind_of_nominee_gets_its_reasons(varied):
    reports = eligibility_reports(fresh(varied[:5]))
    by_kind = [{row["code"]: row for row in reports[n.pk]} for n in varied[:5]]
    assert [row["status"] for row in by_kind[0].values()] == ["not_met", "met", "met", "met"]
    record = by_kind[1]["individual_ministry_record"]["reason"]
    assert "chỉ có 1 sáng kiến" in record and "Chung 1" in record and "Cũ 1" in record
    assert "Đơn 1" in by_kind[1]["no_pending_discipline"]["reason"]
    assert "Giấy khen" in by_kind[1]["not_already_commended"]["reason"]
    assert by_kind[2]["no_pending_discipline"]["confirmed_by"] == "member"
    assert by_kind[2]["not_already_commended"]["status"] == "not_met"
    assert "Thanh tra 7" in by_kind[3]["no_pending_discipline"]["reason"]
    assert by_kind[4]["dossier_complete"]["reason"] == "Còn thiếu: Báo cáo thành tích."
    assert by_kind[4]["no_pending_discipline"]["status"] == "unknown"


def test_reports_take_as_many_queries_for_fifty_nominations_as_for_five(
    campaign, district, ministry_award, director_award, member
):
    make_rule_set(
        ministry_award,
        conditions=ALL_CONDITIONS,
        required_documents=DOCUMENTS,
        quota_kind=QuotaKind.PERCENT,
        quota_value=50,
    )
    nominations = varied_nominations(
        campaign, district, ministry_award, 50, holder_award=director_award, confirmer=member
    )
    at_five = queries(eligibility_reports, nominations[:5])
    assert queries(eligibility_reports, nominations) == at_five
    assert at_five <= 12


@pytest.mark.parametrize(
    "opens_on",
    [
        datetime.date(2019, 12, 31),
        datetime.date(2020, 1, 1),
        datetime.date(2021, 3, 1),
        datetime.date(2022, 6, 30),
        datetime.date(2022, 7, 1),
        datetime.date(2023, 1, 1),
        datetime.date(2030, 1, 1),
    ],
)
def test_the_rule_set_in_force_is_the_one_the_query_finds(director_award, district, opens_on):
    make_rule_set(
        director_award,
        name="Cũ",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2022, 6, 30),
    )
    make_rule_set(director_award, name="Mới", valid_from=datetime.date(2023, 1, 1))
    campaign = CampaignFactory(
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=30),
        award_types=[director_award],
    )
    nomination = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    expected = rule_set_for(director_award, campaign)
    assert rule_sets_in_force([nomination]) == {nomination.pk: expected}
