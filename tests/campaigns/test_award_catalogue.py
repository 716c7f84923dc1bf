"""The award catalogue is data: categories, deciding authorities with their level, dated criteria
with their legal reference; a person's history points at it."""

import datetime

import pytest
from django.db import IntegrityError

from commendations.campaigns.models import (
    AuthorityLevel,
    AwardCategory,
    AwardCriterion,
    AwardType,
)
from commendations.units.models import HonourKind, HonourRecord, Person

pytestmark = pytest.mark.django_db


def test_the_titles_of_the_year_are_seeded_with_their_category_and_authority():
    titles = AwardType.objects.filter(category=AwardCategory.EMULATION_TITLE)
    assert set(titles.values_list("code", flat=True)) == {
        "CSTT",
        "CSTDCS",
        "CSTD-CAND",
        "CSTD-TQ",
        "DVTT",
        "DVQT",
        "CTD-BCA",
        "CTD-CP",
    }
    assert AwardType.objects.get(code="CSTD-CAND").decided_by.level == AuthorityLevel.MINISTER
    assert AwardType.objects.get(code="CTD-CP").decided_by.level == AuthorityLevel.PRIME_MINISTER
    assert AwardType.objects.get(code="HC-BVTQ3").decided_by.level == AuthorityLevel.PRESIDENT
    assert AwardType.objects.get(code="DVQT").accepted_kinds == ["collective"]


def test_criteria_are_dated_with_mandatory_flag_and_legal_reference():
    cstdcs = AwardType.objects.get(code="CSTDCS")
    criteria = list(cstdcs.criteria.in_force(datetime.date(2025, 6, 1)))
    assert criteria and all(c.legal_reference for c in criteria)
    assert any(c.mandatory for c in criteria)
    assert not cstdcs.criteria.in_force(datetime.date(2023, 6, 1)).exists()
    AwardCriterion.objects.filter(award_type=cstdcs).update(valid_to=datetime.date(2026, 1, 1))
    assert not cstdcs.criteria.in_force(datetime.date(2026, 1, 1)).exists()


def test_a_legacy_history_code_points_at_the_catalogue_and_back():
    person = Person.objects.create(code="P1", full_name="Nguyễn Văn A")
    legacy = HonourRecord.objects.create(
        person=person, year=2024, kind=HonourKind.GRASSROOTS_EMULATION
    )
    assert legacy.award_type.code == "CSTDCS"
    new = HonourRecord.objects.create(
        person=person, year=2024, award_type=AwardType.objects.get(code="CSTD-CAND")
    )
    assert new.kind == ""
    mirrored = HonourRecord.objects.create(
        person=person, year=2025, award_type=AwardType.objects.get(code="BK-BCA")
    )
    assert mirrored.kind == HonourKind.MINISTRY_CERTIFICATE
    with pytest.raises(IntegrityError):
        HonourRecord.objects.create(
            person=person, year=2024, award_type=AwardType.objects.get(code="CSTDCS")
        )
