"""Officers and lists for the year-end rating tests."""

import datetime

from commendations.annual_titles.models import Rating, RatingList, RatingRow
from commendations.annual_titles.services import exclusions_refresh
from commendations.campaigns.models import AwardType
from commendations.units.models import Person

YEAR = 2025


def officers(unit, n: int, prefix: str = "") -> list[Person]:
    prefix = prefix or unit.code
    return Person.objects.bulk_create(
        [
            Person(code=f"{prefix}-{i:04d}", full_name=f"Cán bộ {prefix} {i}", unit=unit)
            for i in range(n)
        ]
    )


def rating_list(unit, *, year: int = YEAR, **fields) -> RatingList:
    fields.setdefault("submission_number", "12/TTr-PV05")
    fields.setdefault("submission_date", datetime.date(year, 12, 10))
    fields.setdefault("council_minutes", "Biên bản số 05/BB-HĐTĐKT ngày 08/12")
    return RatingList.objects.create(unit=unit, year=year, **fields)


def rows_add(rl: RatingList, people, code: str, rating: str = Rating.GOOD) -> list[RatingRow]:
    """Rows inserted directly (the services are tested on their own), exclusions computed."""
    award_type = AwardType.objects.get(code=code)
    rows = RatingRow.objects.bulk_create(
        [RatingRow(rating_list=rl, person=p, award_type=award_type, rating=rating) for p in people]
    )
    exclusions_refresh(rows, rl.year)
    return rows
