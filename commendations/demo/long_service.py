"""Service records for the demo's commune officers (idempotent), so that this year's long-service
list is not empty: in each commune one officer reaches 10 years (Huy chương Chiến sĩ vẻ vang hạng
Ba), one 15 years holding hạng Ba (hạng Nhì), in two communes one 20 years holding both (hạng
Nhất), one 7 years (not yet due), and in one commune the officer reaching 10 years is under
investigation (listed, not yet to be proposed). Before the 2025 reorganisation the officers served
in the commune's predecessor, so each has two records."""

import datetime

from commendations.campaigns.models import AwardType
from commendations.units.models import (
    HONOUR_KIND_AWARD_CODES,
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourKind,
    HonourRecord,
    Person,
    ServiceRecord,
    Unit,
    UnitLink,
)

# officer number on the commune's list → (years of service reached in `year`, month and day the
# officer joined, the classes already held with the year each was received, counted back)
CAREERS: dict[int, tuple[int, tuple[int, int], list[tuple[str, int]]]] = {
    2: (10, (9, 1), []),
    3: (15, (3, 15), [(HonourKind.MEDAL_GLORIOUS_3, 5)]),
    4: (20, (5, 1), [(HonourKind.MEDAL_GLORIOUS_3, 10), (HonourKind.MEDAL_GLORIOUS_2, 5)]),
    5: (7, (10, 1), []),
}
RANKS = {7: "Thượng úy", 10: "Đại úy", 15: "Thiếu tá", 20: "Trung tá"}


def _predecessor(unit: Unit) -> tuple[Unit, datetime.date] | None:
    link = (
        UnitLink.objects.filter(successor=unit)
        .select_related("predecessor", "event")
        .order_by("-inherits", "pk")
        .first()
    )
    return (link.predecessor, link.event.date) if link else None


def long_service_demo_load(year: int) -> None:
    """`year` is this year. Only the demo's own commune officers (codes `AT-…`) are touched, and
    only when they have no service record yet."""
    award_types = AwardType.objects.in_bulk(
        list(HONOUR_KIND_AWARD_CODES.values()), field_name="code"
    )
    people = Person.objects.filter(code__startswith="AT-").select_related("unit").order_by("code")
    unit_order: dict[int, int] = {}
    for person in people:
        if person.unit is None:
            continue
        unit_index = unit_order.setdefault(person.unit_id, len(unit_order))
        number = int(person.code.rsplit("-", 1)[1])
        career = CAREERS.get(number)
        if career is None or (number == 4 and unit_index > 1):
            continue
        if person.service_records.exists():
            continue
        service_years, (month, day), held = career
        joined = datetime.date(year - service_years, month, day)
        rank = RANKS[service_years]
        before = _predecessor(person.unit)
        if before and before[1] > joined:
            predecessor, moved_on = before
            ServiceRecord.objects.create(
                person=person,
                unit=predecessor,
                rank=rank,
                position="Cán bộ",
                valid_from=joined,
                valid_to=moved_on,
                note="Dữ liệu minh họa: trước sắp xếp đơn vị năm 2025",
            )
            start = moved_on
        else:
            start = joined
        ServiceRecord.objects.create(
            person=person,
            unit=person.unit,
            rank=rank,
            position="Cán bộ",
            valid_from=start,
            note="Dữ liệu minh họa",
        )
        for kind, years_ago in held:
            HonourRecord.objects.get_or_create(
                person=person,
                kind=kind,
                year=year - years_ago,
                defaults={
                    "award_type": award_types.get(HONOUR_KIND_AWARD_CODES[kind]),
                    "reference": f"{1200 + year - years_ago}/QĐ-CTN",
                    "decided_on": datetime.date(year - years_ago, 8, 19),
                },
            )
        if number == 2 and unit_index == 2:
            DisciplinaryRecord.objects.get_or_create(
                person=person,
                kind=DisciplinaryKind.INVESTIGATION,
                started_on=datetime.date(year, 6, 1),
                defaults={"note": "Dữ liệu minh họa: đang xác minh đơn thư"},
            )
