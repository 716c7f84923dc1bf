"""Who is due: chains of titles over consecutive years, with the reason in words and the facts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.campaigns.models import AwardType
from commendations.due.registry import DueEntry, Evidence, due_sources, register_due_source
from commendations.due.selectors import due_list
from commendations.units.models import (
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourRecord,
    Initiative,
    InitiativeLevel,
    Person,
    UnitEvent,
    UnitEventKind,
    UnitLink,
)

pytestmark = pytest.mark.django_db
YEAR = 2026


def titled(person_or_unit, code: str, *years: int) -> None:
    award_type = AwardType.objects.get(code=code)
    for year in years:
        subject = {"unit": person_or_unit} if hasattr(person_or_unit, "path") else {}
        subject = subject or {"person": person_or_unit}
        HonourRecord.objects.create(
            **subject, year=year, award_type=award_type, reference=f"{year}/QĐ-CAT"
        )


def person(code: str, unit) -> Person:
    return Person.objects.create(code=code, full_name=f"Cán bộ {code}", unit=unit)


def by_target(entries: list[DueEntry], subject) -> dict[str, DueEntry]:
    return {e.award_type.code: e for e in entries if subject in (e.person, e.unit)}


def test_three_years_and_an_initiative_make_a_ministry_title_due_and_two_the_bang_khen(district):
    a = person("A", district)
    titled(a, "CSTDCS", 2023, 2024, 2025)
    Initiative.objects.create(
        person=a,
        title="Phần mềm quản lý",
        year=2025,
        level=InitiativeLevel.MINISTRY,
        decision_number="12/QĐ-BCA",
    )
    due = by_target(due_list(YEAR), a)
    cand = due["CSTD-CAND"]
    assert cand.complete
    assert "3 năm liên tục (2023, 2024, 2025)" in cand.reason
    assert "Phần mềm quản lý" in cand.reason
    assert cand.evidence[:3] == [
        Evidence(year=y, award_type="Chiến sĩ thi đua cơ sở", decision=f"{y}/QĐ-CAT")
        for y in (2023, 2024, 2025)
    ]
    assert cand.evidence[3].decision == "12/QĐ-BCA"
    assert "Điều 74" in due["BK-BCA"].reason
    assert [e.year for e in due["BK-BCA"].evidence] == [2024, 2025]


def test_a_gap_breaks_the_chain_and_a_missing_initiative_is_said(district):
    gap, no_initiative = person("G", district), person("N", district)
    titled(gap, "CSTDCS", 2023, 2025)
    titled(no_initiative, "CSTDCS", 2023, 2024, 2025)
    Initiative.objects.create(
        person=no_initiative, title="Cấp cơ sở thôi", year=2025, level=InitiativeLevel.UNIT
    )
    entries = due_list(YEAR)
    assert by_target(entries, gap) == {}
    cand = by_target(entries, no_initiative)["CSTD-CAND"]
    assert not cand.complete
    assert "Còn thiếu: sáng kiến được công nhận Cấp Bộ" in cand.reason


def test_an_initiative_already_used_does_not_serve_again(district):
    a = person("U", district)
    titled(a, "CSTDCS", 2023, 2024, 2025)
    used_for = HonourRecord.objects.get(person=a, year=2025)
    Initiative.objects.create(
        person=a, title="Đã dùng", year=2025, level=InitiativeLevel.MINISTRY, used_for=used_for
    )
    assert not by_target(due_list(YEAR), a)["CSTD-CAND"].complete


def test_a_chain_that_has_served_does_not_make_someone_due_again(district):
    a = person("S", district)
    titled(a, "CSTDCS", 2024, 2025)
    titled(a, "BK-BCA", 2025)
    assert "BK-BCA" not in by_target(due_list(YEAR), a)


def test_titles_follow_a_person_across_transfers_and_the_scope_is_their_unit_today(
    district, other_district
):
    moved = person("M", other_district)
    titled(moved, "CSTDCS", 2024, 2025)  # 2024 earned in `district`, before the transfer
    assert by_target(due_list(YEAR, unit_ids=[other_district.pk]), moved)
    assert not by_target(due_list(YEAR, unit_ids=[district.pk]), moved)


def test_a_units_chain_runs_through_the_unit_whose_work_it_inherited(district, other_district):
    titled(district, "DVQT", 2024)
    titled(other_district, "DVQT", 2025)
    event = UnitEvent.objects.create(kind=UnitEventKind.MERGE, date=datetime.date(2025, 3, 1))
    UnitLink.objects.create(
        event=event, predecessor=district, successor=other_district, inherits=True
    )
    entry = by_target(due_list(YEAR, unit_ids=[other_district.pk]), other_district)["BK-BCA"]
    assert entry.subject_kind == "collective"
    assert district.name in entry.evidence[0].award_type
    assert entry.evidence[1].award_type == "Đơn vị quyết thắng"


def test_the_due_list_takes_the_same_queries_for_three_people_as_for_thirty(district):
    def measured() -> int:
        with CaptureQueriesContext(connection) as captured:
            due_list(YEAR)
        return len(captured)

    for i in range(3):
        titled(person(f"Q{i}", district), "CSTDCS", 2023, 2024, 2025)
    few = measured()
    for i in range(3, 30):
        titled(person(f"Q{i}", district), "CSTDCS", 2023, 2024, 2025)
    assert len(due_list(YEAR)) == 60
    assert measured() == few


def test_another_source_registers_its_entries(district):
    medal = AwardType.objects.get(code="HC-BVTQ3")
    someone = person("L", district)

    @register_due_source("test")
    def source(query):
        return [DueEntry("individual", medal, f"due in {query.year}", [], person=someone)]

    try:
        assert [e.reason for e in due_list(YEAR) if e.source != "chains"] == ["due in 2026"]
    finally:
        due_sources.pop("test")


def test_someone_under_discipline_that_year_is_shown_excluded_with_the_reason(district):
    a = person("K", district)
    titled(a, "CSTDCS", 2024, 2025)
    DisciplinaryRecord.objects.create(
        person=a, kind=DisciplinaryKind.DISCIPLINE, started_on=datetime.date(2026, 3, 1)
    )
    entry = by_target(due_list(YEAR), a)["BK-BCA"]
    assert not entry.complete
    assert (
        entry.excluded
        == "Không xét trong năm: Đang xem xét hoặc thi hành kỷ luật từ ngày 01/03/2026."
    )
    DisciplinaryRecord.objects.filter(person=a).update(
        started_on=datetime.date(2024, 1, 1), ended_on=datetime.date(2025, 12, 31)
    )
    assert by_target(due_list(YEAR), a)["BK-BCA"].excluded == ""
