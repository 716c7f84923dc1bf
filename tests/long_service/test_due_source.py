"""Long service in the due list: the medals are in the catalogue, the source is registered, its
entries carry the reason in words, and a held medal (recorded through the catalogue) bars it."""

import datetime

import pytest

from commendations.campaigns.models import AwardCategory, AwardType
from commendations.due.registry import due_sources
from commendations.due.selectors import due_list
from commendations.units.models import DisciplinaryRecord, HonourRecord

D = datetime.date


@pytest.mark.django_db
def test_the_medals_are_in_the_catalogue_with_their_deciding_authority():
    medals = {t.code: t for t in AwardType.objects.filter(code__startswith="HC-CSVV")}
    assert set(medals) == {"HC-CSVV3", "HC-CSVV2", "HC-CSVV1"}
    assert all(t.category == AwardCategory.MEDAL for t in medals.values())
    assert medals["HC-CSVV2"].decided_by.level == "president"
    assert AwardType.objects.get(code="KNC-BVANTQ").decided_by.level == "minister"


def test_the_long_service_source_is_registered():
    assert "long_service" in due_sources


def test_the_due_list_names_the_medal_and_the_reason(person_with, district, other_district):
    person = person_with("male", (D(2010, 9, 1), None), full_name="Trần Văn Bình")
    person.unit = district
    person.save()
    entries = [e for e in due_list(2025) if e.source == "long_service"]
    (entry,) = [e for e in entries if e.person == person]
    assert entry.award_type.code == "HC-CSVV2"
    assert entry.reason.startswith("phục vụ 15 năm 4 tháng (01/09/2010 – 31/12/2025)")
    assert entry.reason.endswith("chưa có Huy chương CSVV hạng Nhì")
    assert entry.complete
    assert any(e.person == person for e in due_list(2025, unit_ids=[district.pk]))
    assert all(e.person != person for e in due_list(2025, unit_ids=[other_district.pk]))


def test_a_medal_recorded_through_the_catalogue_bars_it_and_a_case_marks_it(person_with):
    holder = person_with("male", (D(2010, 1, 1), None))
    HonourRecord.objects.create(
        person=holder, year=2025, award_type=AwardType.objects.get(code="HC-CSVV2")
    )
    pending = person_with("female", (D(2005, 1, 1), None))
    DisciplinaryRecord.objects.create(person=pending, kind="complaint", started_on=D(2025, 3, 1))
    entries = [e for e in due_list(2025) if e.source == "long_service"]
    assert all(e.person != holder for e in entries)
    (blocked,) = [e for e in entries if e.person == pending]
    assert not blocked.complete and "khiếu nại" in blocked.missing[0]
