"""Two versions of the same thing are never in force on one day: `clean()` refuses them on every
database, and on PostgreSQL an exclusion constraint refuses a write that bypasses it. Versions
that touch (one's valid_to is the next one's valid_from) are accepted."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commendations.campaigns.models import Authority
from commendations.decisions.models import BaseSalary, PrizeRule
from commendations.eligibility.models import LegalBasis, RuleSet
from commendations.long_service.models import LongServiceThreshold
from commendations.units.models import Person, ServiceRecord, UnitVersion
from commendations.validity import Versioned
from tests.factories import UnitFactory

D = datetime.date
START, TOUCH = D(2030, 1, 1), D(2031, 1, 1)


def _unit_version(ctx: dict) -> Callable[..., Versioned]:
    unit = UnitFactory(code="CA-V", valid_to=START)  # its first version ends where ours start
    return lambda **period: UnitVersion(
        unit=unit, code="CA-V", name="Công an xã V", kind="commune", **period
    )


def _service_record(ctx: dict) -> Callable[..., Versioned]:
    person = Person.objects.create(code="P-V", full_name="Trần Thị V")
    return lambda **period: ServiceRecord(person=person, rank="Thiếu úy", **period)


def _rule_set(ctx: dict) -> Callable[..., Versioned]:
    return lambda **period: RuleSet(
        award_type=ctx["award"], name="thử", legal_reference="thử", **period
    )


def _legal_basis(ctx: dict) -> Callable[..., Versioned]:
    return lambda **period: LegalBasis(
        short_name="99/2030/NĐ-CP",
        kind="decree",
        citation="Căn cứ Nghị định số 99/2030/NĐ-CP ngày 01 tháng 01 năm 2030;",
        issued_on=datetime.date(2030, 1, 1),
        **period,
    )


def _prize_rule(ctx: dict) -> Callable[..., Versioned]:
    return lambda **period: PrizeRule(
        authority=Authority.PROVINCIAL_DIRECTOR, coefficient=Decimal("0.3"), source="thử", **period
    )


def _base_salary(ctx: dict) -> Callable[..., Versioned]:
    BaseSalary.objects.filter(valid_to__isnull=True).update(valid_to=START)
    counter = iter(range(3_000_000, 4_000_000, 1000))
    return lambda **period: BaseSalary(amount=next(counter), source="thử", **period)


def _long_service_threshold(ctx: dict) -> Callable[..., Versioned]:
    return lambda **period: LongServiceThreshold(
        award="hccsvv3",
        basis="grassroots",
        sex="female",
        years=10,
        deciding_authority="thử",
        source="thử",
        **period,
    )


TABLES = {
    "unit_version": _unit_version,
    "service_record": _service_record,
    "rule_set": _rule_set,
    "legal_basis": _legal_basis,
    "prize_rule": _prize_rule,
    "base_salary": _base_salary,
    "long_service_threshold": _long_service_threshold,
}


@pytest.fixture(params=list(TABLES))
def build(request, director_award) -> Callable[..., Versioned]:
    """A builder of unsaved versions of one thing of the table, with the rows that already exist
    of it ending by START."""
    PrizeRule.objects.filter(valid_to__isnull=True).update(valid_to=START)
    return TABLES[request.param]({"award": director_award})


@pytest.mark.django_db
def test_clean_refuses_a_version_overlapping_another_by_one_day(build):
    build(valid_from=START, valid_to=TOUCH).save()
    overlapping = build(valid_from=TOUCH - datetime.timedelta(days=1), valid_to=None)
    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()
    assert "valid_from" in refused.value.message_dict
    open_ended = build(valid_from=D(2029, 6, 1), valid_to=None)  # covers START onwards
    with pytest.raises(ValidationError):
        open_ended.full_clean()


@pytest.mark.django_db
def test_clean_accepts_a_version_starting_on_the_previous_ones_valid_to(build):
    build(valid_from=START, valid_to=TOUCH).save()
    following = build(valid_from=TOUCH, valid_to=None)
    following.full_clean()
    following.save()
    following.full_clean()  # itself is not an overlap when edited


@pytest.mark.django_db
def test_clean_refuses_a_period_that_ends_before_it_starts(build):
    with pytest.raises(ValidationError) as refused:
        build(valid_from=START, valid_to=START).full_clean()
    assert "valid_to" in refused.value.message_dict


@pytest.mark.django_db
def test_other_things_may_overlap(director_award, ministry_award):
    """A rule of one award type and one of another, or an award type's prize rule and its
    authority's general one, are not versions of the same thing."""
    RuleSet.objects.create(
        award_type=director_award, name="a", legal_reference="a", valid_from=START
    )
    RuleSet(award_type=ministry_award, name="b", legal_reference="b", valid_from=START).full_clean()
    PrizeRule(
        authority=Authority.PROVINCIAL_DIRECTOR,
        award_type=director_award,
        valid_from=D(2020, 1, 1),
        coefficient=Decimal("0.5"),
        source="thử",
    ).full_clean()


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_database_refuses_overlapping_versions(postgres_only, build):
    build(valid_from=START, valid_to=TOUCH).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        build(valid_from=TOUCH - datetime.timedelta(days=1), valid_to=None).save()
    build(valid_from=TOUCH, valid_to=None).save()  # touching: accepted


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_database_treats_two_general_prize_rules_as_the_same_thing(postgres_only):
    """award_type NULL means every award type of the authority: two such rows overlapping are
    refused although NULL = NULL is not true in SQL."""
    PrizeRule.objects.filter(valid_to__isnull=True).update(valid_to=START)
    values = {"authority": Authority.MINISTRY, "coefficient": Decimal("1"), "source": "thử"}
    PrizeRule.objects.create(valid_from=START, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        PrizeRule.objects.create(valid_from=TOUCH, **values)
