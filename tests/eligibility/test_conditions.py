import datetime

import pytest

from commendations.actions.registry import action_run
from commendations.campaigns.models import NomineeKind
from commendations.eligibility.models import NominationEvidence, NomineeLink
from commendations.eligibility.selectors import eligibility_report
from commendations.units.models import (
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourKind,
    HonourRecord,
    Initiative,
    Person,
)
from tests.factories import NominationFactory
from tests.rule_fixtures import make_rule_set

pytestmark = pytest.mark.django_db
BK_CONDITIONS = ["individual_ministry_record", "no_pending_discipline", "not_already_commended"]


@pytest.fixture
def bk_rules(ministry_award):
    return make_rule_set(ministry_award, conditions=BK_CONDITIONS)


@pytest.fixture
def person(district):
    return Person.objects.create(code="P-1", full_name="Trần Văn Nam", unit=district)


def individual(campaign, district, award, person=None, **kwargs):
    nomination = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=award,
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name=person.full_name if person else "Người chưa có hồ sơ",
        **kwargs,
    )
    if person:
        NomineeLink.objects.create(nomination=nomination, person=person)
    return nomination


def status(nomination, code: str) -> tuple[str, str]:
    row = next(r for r in eligibility_report(nomination) if r["code"] == code)
    return row["status"], row["reason"]


def honours(person, kind, *years):
    for year in years:
        HonourRecord.objects.create(person=person, year=year, kind=kind)


def with_initiatives(nomination, person, count: int, **kwargs) -> list[Initiative]:
    items = []
    for i in range(count):
        initiative = Initiative.objects.create(
            person=person, title=f"Sáng kiến {i}", year=2024, **kwargs
        )
        NominationEvidence.objects.create(nomination=nomination, initiative=initiative)
        items.append(initiative)
    return items


def test_report_is_empty_without_a_rule_set_in_force(campaign, district, ministry_award, person):
    make_rule_set(
        ministry_award,
        conditions=BK_CONDITIONS,
        valid_from=campaign.opens_on + datetime.timedelta(days=1),
    )
    nomination = individual(campaign, district, ministry_award, person)
    assert eligibility_report(nomination) == []


def test_two_consecutive_grassroots_emulation_years_meet_the_bang_khen_condition(
    bk_rules, campaign, district, ministry_award, person
):
    honours(person, HonourKind.GRASSROOTS_EMULATION, campaign.year - 2, campaign.year - 1)
    nomination = individual(campaign, district, ministry_award, person)
    assert status(nomination, "individual_ministry_record")[0] == "met"


def test_non_consecutive_grassroots_years_do_not_meet_it(
    bk_rules, campaign, district, ministry_award, person
):
    honours(person, HonourKind.GRASSROOTS_EMULATION, campaign.year - 3, campaign.year - 1)
    nomination = individual(campaign, district, ministry_award, person)
    result, reason = status(nomination, "individual_ministry_record")
    assert result == "not_met" and "2 năm liên tục" in reason


def test_excellent_duty_needs_two_unused_initiatives(
    bk_rules, campaign, district, ministry_award, person
):
    honours(person, HonourKind.EXCELLENT_DUTY, campaign.year - 1, campaign.year)
    nomination = individual(campaign, district, ministry_award, person)
    with_initiatives(nomination, person, 1)
    result, reason = status(nomination, "individual_ministry_record")
    assert result == "not_met" and "chỉ có 1 sáng kiến" in reason
    initiative = Initiative.objects.create(person=person, title="Thứ hai", year=2024)
    NominationEvidence.objects.create(nomination=nomination, initiative=initiative)
    assert status(nomination, "individual_ministry_record")[0] == "met"


def test_an_initiative_already_used_for_a_title_does_not_count_again(
    bk_rules, campaign, district, ministry_award, person
):
    honours(person, HonourKind.EXCELLENT_DUTY, campaign.year - 1, campaign.year)
    grassroots = HonourRecord.objects.create(
        person=person, year=campaign.year - 3, kind=HonourKind.GRASSROOTS_EMULATION
    )
    nomination = individual(campaign, district, ministry_award, person)
    fresh = Initiative.objects.create(person=person, title="Mới", year=2024)
    used = Initiative.objects.create(person=person, title="Cũ", year=2022, used_for=grassroots)
    for initiative in (fresh, used):
        NominationEvidence.objects.create(nomination=nomination, initiative=initiative)
    result, reason = status(nomination, "individual_ministry_record")
    assert result == "not_met" and "đã dùng để xét" in reason
    assert status(nomination, "not_already_commended")[0] == "not_met"


def test_an_initiative_used_by_another_live_nomination_is_refused(
    bk_rules, campaign, district, ministry_award, director_award, person, officer
):
    other_person = Person.objects.create(code="P-2", full_name="Người khác")
    first = individual(campaign, district, director_award, other_person, state="submitted")
    initiative = Initiative.objects.create(person=person, title="Dùng chung", year=2024)
    NominationEvidence.objects.create(nomination=first, initiative=initiative)
    second = individual(campaign, district, ministry_award, person)
    NominationEvidence.objects.create(nomination=second, initiative=initiative)
    result, reason = status(second, "not_already_commended")
    assert result == "not_met" and "Dùng chung" in reason
    action_run(instance=first, name="withdraw", actor=officer)
    assert status(second, "not_already_commended")[0] == "met"


def test_history_missing_is_unknown_not_a_refusal(bk_rules, campaign, district, ministry_award):
    nomination = individual(campaign, district, ministry_award, None)
    assert status(nomination, "individual_ministry_record")[0] == "unknown"
    assert status(nomination, "no_pending_discipline")[0] == "unknown"


def test_the_individual_condition_does_not_apply_to_collectives(
    bk_rules, campaign, district, commune, ministry_award
):
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=ministry_award, nominee_unit=commune
    )
    codes = [row["code"] for row in eligibility_report(nomination)]
    assert codes == ["no_pending_discipline", "not_already_commended"]


@pytest.mark.parametrize("kind", DisciplinaryKind.values)
def test_pending_discipline_investigation_or_complaint_is_not_met(
    bk_rules, campaign, district, ministry_award, person, kind
):
    DisciplinaryRecord.objects.create(
        person=person, kind=kind, started_on=datetime.date(2020, 1, 1), note="Vụ việc 12"
    )
    nomination = individual(campaign, district, ministry_award, person)
    result, reason = status(nomination, "no_pending_discipline")
    assert result == "not_met" and "Vụ việc 12" in reason


def test_ended_discipline_no_longer_blocks(bk_rules, campaign, district, ministry_award, person):
    DisciplinaryRecord.objects.create(
        person=person,
        kind=DisciplinaryKind.DISCIPLINE,
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
    )
    nomination = individual(campaign, district, ministry_award, person)
    assert status(nomination, "no_pending_discipline")[0] == "met"


def test_a_collective_under_investigation_is_not_met(
    bk_rules, campaign, district, commune, ministry_award
):
    DisciplinaryRecord.objects.create(
        unit=commune, kind=DisciplinaryKind.INVESTIGATION, started_on=datetime.date(2024, 1, 1)
    )
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=ministry_award, nominee_unit=commune
    )
    assert status(nomination, "no_pending_discipline")[0] == "not_met"


def test_one_achievement_one_award_in_a_campaign(
    bk_rules, campaign, district, ministry_award, director_award, person
):
    make_rule_set(director_award, conditions=["not_already_commended"])
    individual(campaign, district, director_award, person, state="recommended")
    nomination = individual(campaign, district, ministry_award, person)
    result, reason = status(nomination, "not_already_commended")
    assert result == "not_met" and "Giấy khen" in reason
