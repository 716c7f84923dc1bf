"""One meaning of "in force on a date" in every dated table (commendations/validity.py): on the
last day of one version and on the first day of the next, exactly one applies. valid_to is the
first day no longer in force."""

import datetime

import pytest
from django.apps import apps

from commendations.campaigns.models import Authority
from commendations.decisions.documents import legal_bases
from commendations.decisions.models import BaseSalary, PrizeRule
from commendations.decisions.prize import base_salary_on, prize_rule_on
from commendations.eligibility.models import LegalBasis, RuleSet
from commendations.eligibility.selectors import rule_set_for
from commendations.units.models import Person, ServiceRecord, Unit, UnitVersion
from commendations.units.selectors import person_record_on
from commendations.units.services import person_transfer, unit_rename
from commendations.validity import Versioned
from tests.factories import UnitFactory
from tests.rule_fixtures import make_rule_set

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = datetime.timedelta(days=1)
NEW_LAW_DAY = D(2024, 1, 1)  # Luật 06/2022/QH15 and Nghị định 98/2023 in force
DECREE_152_DAY = D(2025, 7, 1)


def _both_sides(first_day: datetime.date) -> tuple[datetime.date, datetime.date]:
    return first_day - DAY, first_day


def test_a_unit_exists_until_the_day_before_its_valid_to(province):
    ended = UnitFactory(code="CA-OLD", parent=province, valid_to=D(2025, 3, 1))
    successor = UnitFactory(code="CA-NEW", parent=province, valid_from=D(2025, 3, 1))
    last, first = _both_sides(D(2025, 3, 1))
    assert set(Unit.objects.filter(pk__in=[ended.pk, successor.pk]).in_force(last)) == {ended}
    assert set(Unit.objects.filter(pk__in=[ended.pk, successor.pk]).in_force(first)) == {successor}
    assert ended.is_in_force(last) and not ended.is_in_force(first)


def test_one_unit_version_applies_on_each_side_of_a_rename(province):
    unit = UnitFactory(code="CA-R", name="Công an huyện Cũ", parent=province)
    unit_rename(unit=unit, on=D(2025, 7, 1), name="Công an xã Mới")
    last, first = _both_sides(D(2025, 7, 1))
    assert [v.name for v in UnitVersion.objects.filter(unit=unit).in_force(last)] == [
        "Công an huyện Cũ"
    ]
    assert [v.name for v in UnitVersion.objects.filter(unit=unit).in_force(first)] == [
        "Công an xã Mới"
    ]
    assert unit.version_on(last).name == "Công an huyện Cũ"
    assert unit.version_on(first).name == "Công an xã Mới"


def test_one_service_record_applies_on_each_side_of_a_transfer(province, district):
    person = Person.objects.create(code="P-1", full_name="Nguyễn Văn A", unit=district)
    person_transfer(person=person, on=D(2024, 1, 1), rank="Đại úy")
    last, first = _both_sides(D(2024, 1, 1))
    assert ServiceRecord.objects.filter(person=person).in_force(last).count() == 1
    assert ServiceRecord.objects.filter(person=person).in_force(first).count() == 1
    assert person_record_on(person, last).rank == ""
    assert person_record_on(person, first).rank == "Đại úy"


def test_one_rule_set_applies_on_each_side_of_a_new_regime(ministry_award, campaign):
    old = make_rule_set(ministry_award, name="cũ", valid_from=D(2018, 1, 1), valid_to=NEW_LAW_DAY)
    new = make_rule_set(ministry_award, name="mới", valid_from=NEW_LAW_DAY)
    last, first = _both_sides(NEW_LAW_DAY)
    assert list(RuleSet.objects.filter(award_type=ministry_award).in_force(last)) == [old]
    assert list(RuleSet.objects.filter(award_type=ministry_award).in_force(first)) == [new]
    campaign.opens_on = last
    assert rule_set_for(ministry_award, campaign) == old
    campaign.opens_on = first
    assert rule_set_for(ministry_award, campaign) == new


@pytest.mark.parametrize(
    ("first_day", "before", "after"),
    [
        (NEW_LAW_DAY, "91/2017/NĐ-CP", "98/2023/NĐ-CP"),
        (DECREE_152_DAY, "98/2023/NĐ-CP", "152/2025/NĐ-CP"),
    ],
)
def test_one_decree_is_cited_on_each_side_of_a_new_decree(first_day, before, after):
    last, first = _both_sides(first_day)
    decrees = LegalBasis.objects.filter(kind=LegalBasis.Kind.DECREE)
    assert [row.short_name for row in decrees.in_force(last)] == [before]
    assert [row.short_name for row in decrees.in_force(first)] == [after]
    on_last = " ".join(
        legal_bases(authority=Authority.PROVINCIAL_DIRECTOR, on=last, award_type_id=None)
    )
    on_first = " ".join(
        legal_bases(authority=Authority.PROVINCIAL_DIRECTOR, on=first, award_type_id=None)
    )
    assert before in on_last and after not in on_last
    assert after in on_first and before not in on_first


def test_one_law_is_cited_on_each_side_of_the_2022_law():
    last, first = _both_sides(NEW_LAW_DAY)
    laws = LegalBasis.objects.filter(kind=LegalBasis.Kind.LAW)
    assert [row.short_name for row in laws.in_force(last)] == [
        "Luật TĐKT 2003 (sửa đổi 2005, 2013)"
    ]
    assert [row.short_name for row in laws.in_force(first)] == ["06/2022/QH15"]


@pytest.mark.parametrize(
    ("first_day", "before", "after"),
    [
        (NEW_LAW_DAY, "Nghị định 91/2017/NĐ-CP", "Nghị định 98/2023/NĐ-CP"),
        (DECREE_152_DAY, "Nghị định 98/2023/NĐ-CP", "Nghị định 152/2025/NĐ-CP"),
    ],
)
def test_one_prize_rule_applies_on_each_side_of_a_new_decree(first_day, before, after):
    last, first = _both_sides(first_day)
    rules = PrizeRule.objects.filter(authority=Authority.MINISTRY, award_type=None)
    assert rules.in_force(last).count() == 1 and rules.in_force(first).count() == 1
    assert prize_rule_on(authority=Authority.MINISTRY, on=last).source.startswith(before)
    assert prize_rule_on(authority=Authority.MINISTRY, on=first).source.startswith(after)


@pytest.mark.parametrize(
    ("first_day", "before", "after"),
    [(D(2023, 7, 1), 1_490_000, 1_800_000), (D(2024, 7, 1), 1_800_000, 2_340_000)],
)
def test_one_base_salary_applies_on_each_side_of_a_new_decree(first_day, before, after):
    last, first = _both_sides(first_day)
    assert BaseSalary.objects.in_force(last).count() == 1
    assert BaseSalary.objects.in_force(first).count() == 1
    assert base_salary_on(last).amount == before
    assert base_salary_on(first).amount == after


def test_the_last_base_salary_has_no_end_and_none_applies_before_the_first():
    assert BaseSalary.objects.get(amount=2_340_000).valid_to is None
    assert base_salary_on(D(2019, 6, 30)) is None


def test_no_dated_table_keeps_its_own_meaning_of_valid_to():
    """Every model with valid_from/valid_to (dates) is a Versioned one."""
    dated = [
        model
        for model in apps.get_app_config("commendations").get_models()
        if {"valid_from", "valid_to"} <= {f.name for f in model._meta.fields}
        and model._meta.get_field("valid_from").get_internal_type() == "DateField"
    ]
    assert all(issubclass(model, Versioned) for model in dated), dated
    assert {Unit, UnitVersion, ServiceRecord, RuleSet, LegalBasis, PrizeRule, BaseSalary} <= set(
        dated
    )
