"""Who is due a long-service award in a year, with the reason in words, from the seeded
thresholds (dated data): the classes of Huy chương Chiến sĩ vẻ vang, a class already held, the
Kỷ niệm chương by sex and its bars, a pending case, and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.long_service.models import LongServiceThreshold
from commendations.long_service.selectors import long_service_due
from commendations.units.models import DisciplinaryRecord, HonourKind, HonourRecord

D = datetime.date
GRASSROOTS = {"force": "grassroots"}


def _awards(due, person) -> dict[str, str]:
    return {e.entitlement.award: e.reason for e in due if e.person == person}


@pytest.mark.django_db
def test_the_thresholds_are_dated_data_with_their_source_and_not_verified():
    rows = LongServiceThreshold.objects.in_force(D(2025, 12, 31))
    by_award = {(r.award, r.basis, r.sex): r for r in rows}
    assert by_award[("hccsvv2", "police", "")].years == 15
    assert by_award[("kncbvantq", "grassroots", "male")].years == 15
    assert by_award[("kncbvantq", "grassroots", "female")].years == 10
    assert by_award[("kncbvantq", "leading_post", "")].years == 10
    assert all(r.source and not r.verified for r in rows)
    # The Kỷ niệm chương did not exist before Thông tư 20/2025 came into force.
    before = LongServiceThreshold.objects.in_force(D(2025, 4, 27))
    assert not before.filter(award=HonourKind.BADGE_SECURITY).exists()


def test_the_reason_names_the_period_and_the_class_not_held(person_with):
    person = person_with("male", (D(2010, 9, 1), None))
    due = long_service_due(year=2025, as_of=D(2025, 11, 30))
    assert _awards(due, person) == {
        "hccsvv2": "phục vụ 15 năm 3 tháng (01/09/2010 – 30/11/2025), chưa có Huy chương CSVV "
        "hạng Nhì"
    }


def test_only_the_highest_class_reached_is_proposed_and_a_held_class_is_not(person_with):
    twenty = person_with("female", (D(2005, 1, 1), None))
    holder = person_with("male", (D(2010, 1, 1), None))
    HonourRecord.objects.create(person=holder, year=2025, kind=HonourKind.MEDAL_GLORIOUS_2)
    lower_held = person_with("male", (D(2010, 1, 1), None))
    HonourRecord.objects.create(person=lower_held, year=2020, kind=HonourKind.MEDAL_GLORIOUS_3)
    due = long_service_due(year=2025)
    assert set(_awards(due, twenty)) == {"hccsvv1"}
    assert _awards(due, holder) == {}
    assert set(_awards(due, lower_held)) == {"hccsvv2"}


def test_who_reaches_the_threshold_during_the_year_is_due_that_year(person_with):
    first_day = person_with("male", (D(2016, 1, 1), None))
    second_day = person_with("male", (D(2016, 1, 2), None))
    due = long_service_due(year=2025)  # counted through 31/12/2025
    assert set(_awards(due, first_day)) == {"hccsvv3"}
    assert _awards(due, second_day) == {}


def test_the_badge_counts_grassroots_years_by_sex_with_difficult_areas_doubled(person_with):
    woman = person_with("female", (D(2015, 6, 1), None, GRASSROOTS))
    man = person_with("male", (D(2015, 6, 1), None, GRASSROOTS))
    doubled_man = person_with(
        "male",
        (D(2013, 1, 1), D(2018, 1, 1), {**GRASSROOTS, "difficult_area": True}),
        (D(2018, 1, 1), None, GRASSROOTS),
    )
    due = long_service_due(year=2025)
    assert set(_awards(due, woman)) == {"kncbvantq"}
    assert _awards(due, man) == {}
    reason = _awards(due, doubled_man)["kncbvantq"]
    assert reason.startswith("phục vụ 18 năm (01/01/2013 – 31/12/2025, trong đó 5 năm ở địa bàn")


def test_the_badge_is_given_once_and_never_to_a_medal_holder(person_with):
    has_badge = person_with("female", (D(2010, 1, 1), None, GRASSROOTS))
    HonourRecord.objects.create(person=has_badge, year=2025, kind=HonourKind.BADGE_SECURITY)
    has_medal = person_with("female", (D(2010, 1, 1), None, GRASSROOTS))
    HonourRecord.objects.create(person=has_medal, year=2019, kind=HonourKind.MEDAL_GLORIOUS_3)
    due = long_service_due(year=2025)
    assert _awards(due, has_badge) == {} and _awards(due, has_medal) == {}


def test_a_leader_counts_years_in_post(person_with):
    leader = person_with(
        "male",
        (D(2012, 1, 1), D(2016, 1, 1), GRASSROOTS),
        (D(2016, 1, 1), None, {**GRASSROOTS, "leading_post": True}),
    )
    due = long_service_due(year=2025)
    (entry,) = [e for e in due if e.person == leader]
    assert entry.entitlement.basis == "leading_post"
    assert entry.reason.startswith("phục vụ 10 năm (01/01/2016 – 31/12/2025)")


def test_a_pending_case_marks_the_entry_blocked(person_with):
    person = person_with("male", (D(2010, 1, 1), None))
    DisciplinaryRecord.objects.create(person=person, kind="investigation", started_on=D(2025, 6, 1))
    (entry,) = long_service_due(year=2025)
    assert entry.entitlement.blocked
    assert "chưa xét: đang bị điều tra" in entry.reason


def test_the_due_list_takes_a_fixed_number_of_queries(person_with):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            due = long_service_due(year=2025)
        assert due
        return len(captured)

    for _ in range(3):
        person_with("male", (D(2010, 1, 1), D(2012, 1, 1)), (D(2013, 1, 1), None))
    small = queries()
    for _ in range(30):
        person = person_with("female", (D(2000, 1, 1), None))
        HonourRecord.objects.create(person=person, year=2015, kind=HonourKind.MEDAL_GLORIOUS_1)
    assert queries() == small <= 5
