"""A year of titles for the demo (idempotent): last year's Chiến sĩ tiên tiến and Chiến sĩ thi
đua cơ sở in a few communes, chains that make people and a unit due this year (one with the
initiative it needs, one still missing it), and one officer under discipline this year, shown
excluded with the reason (in the due list, and on the commune's year-end list, a draft)."""

import datetime

from commendations.annual_titles.models import Rating, RatingList, RatingRow, Registration
from commendations.annual_titles.services import exclusions_refresh
from commendations.campaigns.models import AwardType
from commendations.units.models import (
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourRecord,
    Initiative,
    InitiativeLevel,
    Person,
    Unit,
    UnitKind,
)

OFFICERS_PER_UNIT = 6
FIRST_NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Phạm Minh", "Rơ Mah", "Ksor"]
LAST_NAMES = ["An", "Bình", "Cường", "Dung", "Hạnh", "Khải"]


def _honour(award_types: dict[str, AwardType], code: str, year: int, **subject: object) -> None:
    HonourRecord.objects.get_or_create(
        **subject,
        year=year,
        award_type=award_types[code],
        defaults={"reference": f"{100 + year % 100}/QĐ-CAT-PV05", "decided_on": None},
    )


def annual_titles_demo_load(year: int) -> None:
    """`year` is this year: the titles recorded are those of the years before it."""
    award_types = {t.code: t for t in AwardType.objects.all()}
    communes = list(
        Unit.objects.in_force(datetime.date(year, 1, 1))
        .filter(kind=UnitKind.COMMUNE)
        .order_by("sort_order", "code")[:5]
    )
    if not communes:
        return
    last = year - 1
    for u, unit in enumerate(communes):
        for n in range(OFFICERS_PER_UNIT):
            person, _created = Person.objects.get_or_create(
                code=f"AT-{unit.code}-{n + 1:02d}",
                defaults={
                    "full_name": f"{FIRST_NAMES[(u + n) % 6]} {LAST_NAMES[n % 6]}",
                    "unit": unit,
                },
            )
            _honour(award_types, "CSTT", last, person=person)
            if n == 0:  # three years of CSTĐ cơ sở and a ministry-level initiative
                for y in (year - 3, year - 2, last):
                    _honour(award_types, "CSTDCS", y, person=person)
                if u == 0:
                    Initiative.objects.get_or_create(
                        person=person,
                        title="Quy trình số hóa hồ sơ cư trú",
                        year=last,
                        defaults={
                            "level": InitiativeLevel.MINISTRY,
                            "recognised_by": "Hội đồng sáng kiến Bộ Công an",
                            "decision_number": f"57/QĐ-BCA ({last})",
                        },
                    )
            if n == 1:  # two years: the Minister's Bằng khen (Art. 74 §1 d)
                for y in (year - 2, last):
                    _honour(award_types, "CSTDCS", y, person=person)
                if u == 1:  # but under discipline this year: excluded, the reason shown
                    DisciplinaryRecord.objects.get_or_create(
                        person=person,
                        kind=DisciplinaryKind.DISCIPLINE,
                        started_on=datetime.date(year, 2, 1),
                        defaults={"note": "Dữ liệu minh họa"},
                    )
        for y in (year - 2, last):  # the unit's own chain: two years Đơn vị quyết thắng
            _honour(award_types, "DVQT", y, unit=unit)
    _registrations_load(communes, year, award_types)
    _rating_list_load(communes[1] if len(communes) > 1 else communes[0], year, award_types)


def _registrations_load(communes: list[Unit], year: int, award_types: dict[str, AwardType]) -> None:
    """This year's registrations (đăng ký thi đua) of the communes: every officer for Chiến sĩ
    tiên tiến, the first two also for Chiến sĩ thi đua cơ sở, each commune for Đơn vị tiên
    tiến and the first for Đơn vị quyết thắng; so the page's summary, counted up the tree, is not
    empty."""
    for u, unit in enumerate(communes):
        people = Person.objects.filter(code__startswith=f"AT-{unit.code}-").order_by("code")
        for n, person in enumerate(people):
            codes = ["CSTT", "CSTDCS"] if n < 2 else ["CSTT"]
            for code in codes:
                Registration.objects.get_or_create(
                    year=year, person=person, award_type=award_types[code],
                    defaults={"unit": unit},
                )  # fmt: skip
        for code in ["DVTT", "DVQT"] if u == 0 else ["DVTT"]:
            if code in award_types:
                Registration.objects.get_or_create(
                    year=year, unit=unit, person=None, award_type=award_types[code]
                )


def _rating_list_load(unit: Unit, year: int, award_types: dict[str, AwardType]) -> None:
    """This year's list of one commune, still a draft: its officers for Chiến sĩ tiên tiến, the
    first also for Chiến sĩ thi đua cơ sở; the one under discipline this year is shown excluded
    with the reason."""
    rating_list, created = RatingList.objects.get_or_create(
        unit=unit,
        year=year,
        defaults={
            "submission_number": f"15/TTr-{unit.code}",
            "submission_date": datetime.date(year, 12, 10),
            "council_minutes": f"Biên bản họp Hội đồng TĐKT ngày 08/12/{year}",
        },
    )
    if not created:
        return
    people = list(Person.objects.filter(code__startswith=f"AT-{unit.code}-").order_by("code"))
    if not people:
        return
    rows = RatingRow.objects.bulk_create(
        [
            RatingRow(
                rating_list=rating_list,
                person=person,
                award_type=award_types["CSTT"],
                rating=Rating.EXCELLENT if n == 0 else Rating.GOOD,
            )
            for n, person in enumerate(people)
        ]
        + [
            RatingRow(
                rating_list=rating_list,
                person=people[0],
                award_type=award_types["CSTDCS"],
                rating=Rating.EXCELLENT,
            )
        ]
    )
    exclusions_refresh(rows, year)
