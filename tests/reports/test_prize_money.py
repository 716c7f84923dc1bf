"""Prize money in the annex's Excel export (amount column and total) and the campaign statistics
(sum per campaign), from the dated rates in force on the decision date."""

import io

import pytest
from openpyxl import load_workbook

from commendations.reports.excel_export import decision_annex_xlsx
from commendations.reports.statistics import campaign_statistics
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def decision(campaign, district, officer, member, secretary, director, director_award):
    specs = [
        (director_award, "collective", "Công an xã Một", {}),
        (director_award, "individual", "Nguyễn Văn A", {"rank": "Đại úy"}),
        (director_award, "individual", "Trần Thị B", {"rank": "Thượng úy"}),
    ]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    return issue(draft(director, nominations), director)  # dated 01/03/2023


def test_annex_export_has_the_amount_per_row_and_the_total(decision):
    sheet = load_workbook(io.BytesIO(decision_annex_xlsx(decision))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "STT")
    column = header.index("Tiền thưởng (đồng)")
    amounts = [r[column] for r in rows if r and isinstance(r[0], int)]
    # 0.3 × 1,490,000 = 447,000 rounded up: an individual 450,000, a collective 900,000
    assert sorted(amounts) == [450_000, 450_000, 900_000]
    total_row = next(r for r in rows if r and str(r[0]).startswith("Tổng cộng"))
    assert total_row[column] == sum(amounts) == 1_800_000


def test_statistics_sum_the_prize_money_of_the_campaign(decision, campaign, director):
    stats = campaign_statistics(campaign=campaign, user=director)
    assert stats.prize_total == 1_800_000
