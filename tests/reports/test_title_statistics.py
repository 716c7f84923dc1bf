"""Statistics of the annual titles by year, unit and title: proposed, excluded, recognised, the
caps used (the same numbers the actions check), scoped like the lists, in a fixed number of
queries; the page, the Excel export and the API give the same figures."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from commendations.actions.annual_titles import rating_lists_decide, rating_lists_recommend
from commendations.actions.registry import action_run
from commendations.annual_titles.models import Rating, RatingList, RatingListState
from commendations.annual_titles.services import rating_row_add
from commendations.campaigns.models import AwardType
from commendations.reports.title_statistics import title_statistics
from tests.annual_titles.helpers import YEAR, officers, rating_list, rows_add
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_lists(officer, commune_officer, other_officer, secretary, director, district,
                  commune, other_district):  # fmt: skip
    """District: 20 for Chiến sĩ tiên tiến (one rated not done), 2 for Chiến sĩ thi đua cơ sở,
    decided. Commune: 5 officers and the commune itself (Đơn vị tiên tiến), sent up. Other
    district: 4 officers sent up, and a draft that is not counted. The year before: 3 decided."""
    people = officers(district, 20)
    decided = rating_list(district)
    rows_add(decided, people[:19], "CSTT")
    rows_add(decided, people[19:], "CSTT", Rating.NOT_DONE)
    rows_add(decided, people[:2], "CSTDCS", Rating.EXCELLENT)
    action_run(instance=decided, name="submit", actor=officer)
    rating_lists_recommend(lists=[decided], actor=secretary, votes_for=5)
    rating_lists_decide(
        lists=[decided], actor=director, number="5/QĐ-CAT", date=datetime.date(YEAR + 1, 1, 10),
        signer_name="Nguyễn Văn Giám", signer_title="Giám đốc",
    )  # fmt: skip
    sent = rating_list(commune)
    rows_add(sent, officers(commune, 5), "CSTT")
    rating_row_add(
        actor=commune_officer, rating_list=sent, unit=commune,
        award_type=AwardType.objects.get(code="DVTT"), rating=Rating.GOOD,
    )  # fmt: skip
    action_run(instance=sent, name="submit", actor=commune_officer)
    other = rating_list(other_district)
    rows_add(other, officers(other_district, 4), "CSTT")
    action_run(instance=other, name="submit", actor=other_officer)
    rows_add(rating_list(other_district), officers(other_district, 3, prefix="D"), "CSTT")
    before = rating_list(district, year=YEAR - 1)
    rows_add(before, people[:3], "CSTT")
    RatingList.objects.filter(pk=before.pk).update(state=RatingListState.DECIDED)


def _figures(stats):
    return {
        (c.unit.code, c.award_type.code): (c.proposed, c.excluded, c.recognised, c.cap_text)
        for c in stats.cells
    }


def test_figures_by_unit_and_title_with_the_caps_used(year_of_lists, director, district, commune):
    stats = title_statistics(user=director, year_from=YEAR)
    assert _figures(stats) == {
        (district.code, "CSTT"): (20, 1, 19, ""),
        (district.code, "CSTDCS"): (2, 0, 2, "dùng 2 trên tối đa 2 (15 % của 19)"),
        (commune.code, "CSTT"): (5, 0, 0, ""),
        (commune.code, "CSTDCS"): (0, 0, 0, "dùng 0 trên tối đa 0 (15 % của 5)"),
        (commune.code, "DVTT"): (1, 0, 0, ""),
        ("CA-H2", "CSTT"): (4, 0, 0, ""),
        ("CA-H2", "CSTDCS"): (0, 0, 0, "dùng 0 trên tối đa 0 (15 % của 4)"),
    }
    totals = {t.award_type.code: t for t in stats.totals}
    assert list(totals) == ["CSTT", "CSTDCS", "DVTT"]
    assert (totals["CSTT"].proposed, totals["CSTT"].excluded, totals["CSTT"].recognised) == (
        29,
        1,
        19,
    )
    assert totals["CSTDCS"].cap_text == "dùng 2 trên tối đa 2" and totals["CSTT"].cap_text == ""
    cell = next(c for c in stats.cells if c.award_type.code == "CSTDCS" and c.unit == district)
    assert cell.cap.message == "Chiến sĩ thi đua cơ sở: 2 trên tối đa 2 (15 % của 19)"


def test_a_range_of_years(year_of_lists, director, district):
    stats = title_statistics(user=director, year_from=YEAR - 1, year_to=YEAR)
    assert [(c.year, c.unit.code, c.award_type.code) for c in stats.cells][:2] == [
        (YEAR - 1, district.code, "CSTT"),
        (YEAR - 1, district.code, "CSTDCS"),  # the cap: its base proposed that year
    ]
    totals = {t.award_type.code: t for t in stats.totals}
    assert (totals["CSTT"].proposed, totals["CSTT"].recognised) == (32, 22)


def test_a_unit_officer_counts_their_subtree_only(
    year_of_lists, officer, other_officer, member, district, commune
):
    assert {c.unit for c in title_statistics(user=officer, year_from=YEAR).cells} == {
        district,
        commune,
    }
    assert {c.unit.code for c in title_statistics(user=other_officer, year_from=YEAR).cells} == {
        "CA-H2"
    }


def test_the_page_the_export_and_the_api_say_the_same(year_of_lists, client, director, officer):
    client.force_login(officer)
    page = client.get("/stats/titles/", {"year": YEAR})
    assert page.status_code == 200
    html = page.content.decode()
    assert "dùng 2 trên tối đa 2 (15 % của 19)" in html and "Công an huyện Hai" not in html
    export = client.get("/stats/titles/export.xlsx", {"year": YEAR})
    assert export.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    rows = list(book.worksheets[0].iter_rows(min_row=4, values_only=True))
    assert (YEAR, "Công an huyện Một", "Chiến sĩ thi đua cơ sở", 2, 0, 2) in [r[:6] for r in rows]
    totals = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert totals[0][:4] == ("Chiến sĩ tiên tiến", 25, 1, 19)
    assert client.get("/stats/titles/", {"year": YEAR, "year_to": YEAR + 20}).status_code == 200
    assert client.get("/stats/titles/export.xlsx", {"year": "x"}).status_code == 400
    api = APIClient()
    api.force_authenticate(director)
    answer = api.get("/api/v1/statistics/titles/", {"year": YEAR - 1, "year_to": YEAR})
    assert answer.status_code == 200, answer.content
    data = answer.json()
    capped = [c for c in data["cells"] if c["cap"] and c["cap"]["used"]]
    assert [(c["year"], c["unit_name"], c["cap"]["limit"], c["cap"]["base"]) for c in capped] == [
        (YEAR, "Công an huyện Một", 2, 19)
    ]
    assert data["totals"][0]["award_type"] == "CSTT" and data["totals"][0]["proposed"] == 32
    assert (
        api.get("/api/v1/statistics/titles/", {"year": YEAR, "year_to": YEAR - 3}).status_code
        == 400
    )
    xlsx = api.get("/api/v1/statistics/titles/export/", {"year": YEAR})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")


def test_a_name_that_looks_like_a_formula_is_written_as_text(client, director, district):
    unit = UnitFactory(parent=district, name='=HYPERLINK("http://x")', code="CA-F")
    rl = rating_list(unit)
    rows_add(rl, officers(unit, 1), "CSTT")
    RatingList.objects.filter(pk=rl.pk).update(state=RatingListState.SUBMITTED)
    client.force_login(director)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/stats/titles/export.xlsx", {"year": YEAR}).content)
    )
    names = [r[1] for r in book.worksheets[0].iter_rows(min_row=4, values_only=True)]
    assert set(names) == {'\'=HYPERLINK("http://x")'}  # its Chiến sĩ tiên tiến and the cap


def _units_with_lists(parent, n: int, tag: str) -> None:
    for i in range(n):
        unit = UnitFactory(parent=parent, code=f"{tag}-{i}", name=f"Công an xã {tag} {i}")
        rl = rating_list(unit)
        people = officers(unit, 7)
        rows_add(rl, people, "CSTT")
        rows_add(rl, people[:1], "CSTDCS", Rating.EXCELLENT)
        RatingList.objects.filter(pk=rl.pk).update(state=RatingListState.SUBMITTED)


def test_the_same_queries_for_two_units_as_for_twenty(
    director, district, other_district, django_assert_max_num_queries
):
    title_statistics(user=director, year_from=YEAR)  # the first call fills the caches
    counts = []
    for parent, n, tag in ((district, 2, "S"), (other_district, 20, "L")):
        _units_with_lists(parent, n, tag)
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as captured:
            stats = title_statistics(user=director, year_from=YEAR)
        counts.append(len(captured))
        assert len({c.unit for c in stats.cells}) == (2 if tag == "S" else 22)
    assert counts[0] == counts[1], counts


def test_the_page_opens_on_the_latest_year_sent_up(year_of_lists, client, director):
    """Without a year asked, the page shows the latest year of which a list was sent up (the
    demo's, this year's when its units have sent theirs), not an empty last year."""
    from commendations.annual_titles.selectors import latest_year_sent_up

    assert latest_year_sent_up(director) == YEAR
    client.force_login(director)
    html = client.get("/stats/titles/").content.decode()
    assert f'value="{YEAR}"' in html and "dùng 2 trên tối đa 2 (15 % của 19)" in html
    RatingList.objects.filter(year=YEAR).update(state=RatingListState.DRAFT)
    assert latest_year_sent_up(director) == YEAR - 1  # drafts do not count
