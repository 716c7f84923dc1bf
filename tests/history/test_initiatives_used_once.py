"""An initiative serves one title or award only."""

import pytest
from django.core.exceptions import ValidationError

from commendations.campaigns.models import AwardType
from commendations.history.services import initiative_use
from commendations.units.models import HonourRecord, Initiative, InitiativeLevel, Person

pytestmark = pytest.mark.django_db


def test_an_initiative_taken_by_one_title_cannot_serve_another(secretary, district):
    person = Person.objects.create(code="I1", full_name="Người Sáng Kiến", unit=district)
    first, second = (
        HonourRecord.objects.create(
            person=person, year=year, award_type=AwardType.objects.get(code="CSTDCS")
        )
        for year in (2024, 2025)
    )
    initiative = Initiative.objects.create(
        person=person, title="Sổ tay", year=2024, level=InitiativeLevel.UNIT
    )
    initiative_use(actor=secretary, initiative=initiative, honour=first)
    initiative_use(actor=secretary, initiative=initiative, honour=first)  # the same: no change
    with pytest.raises(ValidationError, match="đã dùng để xét Chiến sĩ thi đua cơ sở 2024"):
        initiative_use(actor=secretary, initiative=initiative, honour=second)
    initiative.refresh_from_db()
    assert initiative.used_for == first


def test_someone_elses_initiative_is_refused(secretary, district):
    a = Person.objects.create(code="I2", full_name="A", unit=district)
    b = Person.objects.create(code="I3", full_name="B", unit=district)
    honour = HonourRecord.objects.create(
        person=b, year=2025, award_type=AwardType.objects.get(code="CSTDCS")
    )
    initiative = Initiative.objects.create(person=a, title="X", year=2025)
    with pytest.raises(ValidationError):
        initiative_use(actor=secretary, initiative=initiative, honour=honour)
