"""The statistics' Excel export counts people outside the force apart (each kind and their sum)
and the dossiers with state secrets as a number only: no name of theirs on any sheet."""

import io

import pytest
from openpyxl import load_workbook

from commendations.campaigns.models import Affiliation, NomineeKind
from commendations.reports.excel_export import statistics_xlsx
from commendations.reports.statistics import campaign_statistics
from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db


def test_outside_the_force_apart_and_secrets_counted_not_described(
    campaign, district, director_award, officer, member, secretary
):
    def make(name, **fields):
        nomination = NominationFactory(
            campaign=campaign, unit=district, award_type=director_award, nominee_name=name, **fields
        )
        advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)

    make("Công an xã Một")
    make("Nguyễn Văn Dân", nominee_kind=NomineeKind.INDIVIDUAL, gender="male",
         affiliation=Affiliation.CITIZEN, address="Thôn 3")  # fmt: skip
    make("Tổ an ninh nhân dân thôn 3", affiliation=Affiliation.SECURITY_GROUP, address="Thôn 3")
    make("John Smith", nominee_kind=NomineeKind.INDIVIDUAL, gender="male",
         affiliation=Affiliation.FOREIGNER, address="Pleiku", nationality="Úc")  # fmt: skip
    make("Người Bí Mật", contains_state_secrets=True)
    workbook = load_workbook(
        io.BytesIO(statistics_xlsx(campaign_statistics(campaign=campaign, user=member)))
    )
    rows = {r[0]: r[1] for r in workbook["Ngoài lực lượng"].iter_rows(values_only=True)}
    assert rows["Công dân"] == 1
    assert rows["Tổ an ninh nhân dân"] == 1
    assert rows["Người nước ngoài"] == 1
    assert rows["Trong lực lượng Công an"] == 2
    assert rows["Cộng ngoài lực lượng Công an"] == 3
    assert rows["Trong đó hồ sơ chứa bí mật nhà nước (chỉ đếm, không mô tả)"] == 1
    summary = {r[0]: r[1] for r in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Tổng số hồ sơ"] == 5 and summary["Ngoài lực lượng Công an"] == 3
    every_cell = " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert "Người Bí Mật" not in every_cell
