"""The Excel import takes people outside the force: the kind (citizen, organisation, foreigner…),
the address and, for a foreigner, the nationality, checked by the model's one rule; a list made
on the older template (without those columns) is still read."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from commendations.campaigns.models import Affiliation
from commendations.nominations.imports.jobs import nominations_import
from commendations.nominations.imports.layout import COLUMNS, LEGACY_HEADERS, SHEET
from commendations.nominations.imports.template import import_template_build

pytestmark = pytest.mark.django_db
KEYS = [c.key for c in COLUMNS]


def _row(**values) -> list:
    return [values.get(key, "") for key in KEYS]


def _upload(rows: list[list], header: list[str] | None = None) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(header or [c.header for c in COLUMNS])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("ds.xlsx", output.getvalue())


def _base(award, unit, **values) -> list:
    return _row(number="1", unit=unit.code, award_type=award.code, **values)


def test_a_citizen_an_organisation_and_a_foreigner_are_imported(
    campaign, director_award, district, officer
):
    rows = [
        _base(director_award, district, nominee_kind="Cá nhân", nominee_name="Nguyễn Văn Dân",
              gender="Nam", achievement_summary="Bắt giữ đối tượng trộm cắp",
              affiliation="Công dân", address="Thôn 3, xã Hòa Phú"),
        _base(director_award, district, nominee_kind="Tập thể",
              nominee_name="Tổ an ninh nhân dân thôn 3, xã Hòa Phú",
              achievement_summary="Phong trào toàn dân bảo vệ an ninh Tổ quốc",
              affiliation="Cơ quan, tổ chức", address="Xã Hòa Phú"),
        _base(director_award, district, nominee_kind="Cá nhân", nominee_name="John Smith",
              gender="Nam", achievement_summary="Cứu người bị nạn",
              affiliation="Người nước ngoài", address="12 Lê Lợi, Pleiku",
              nationality="Ô-xtrây-li-a"),
    ]  # fmt: skip
    result = nominations_import(campaign=campaign, upload=_upload(rows), actor=officer)
    assert result.ok, [e.as_dict() for e in result.errors]
    by_name = {n.nominee_name: n for n in result.created}
    citizen = by_name["Nguyễn Văn Dân"]
    assert (citizen.affiliation, citizen.address) == (Affiliation.CITIZEN, "Thôn 3, xã Hòa Phú")
    group = by_name["Tổ an ninh nhân dân thôn 3, xã Hòa Phú"]
    assert (group.affiliation, group.nominee_kind) == (Affiliation.ORGANISATION, "collective")
    foreigner = by_name["John Smith"]
    assert (foreigner.affiliation, foreigner.nationality) == (
        Affiliation.FOREIGNER,
        "Ô-xtrây-li-a",
    )


def test_the_rules_for_outside_the_force_are_the_models(
    campaign, director_award, district, officer
):
    rows = [
        _base(director_award, district, nominee_kind="Cá nhân", nominee_name="Trần Thị Bé",
              gender="Nữ", rank="Đại úy", achievement_summary="x", affiliation="Công dân"),
        _base(director_award, district, nominee_kind="Cá nhân", nominee_name="Jane Doe",
              gender="Nữ", achievement_summary="x", affiliation="Người nước ngoài",
              address="Pleiku"),
        _base(director_award, district, nominee_kind="Cá nhân", nominee_name="Lê Văn C",
              gender="Nam", achievement_summary="x", affiliation="Sao Hỏa"),
    ]  # fmt: skip
    result = nominations_import(campaign=campaign, upload=_upload(rows), actor=officer)
    assert not result.ok and not campaign.nominations.exists()
    found = {(e.row, e.column) for e in result.errors}
    assert (2, "Cấp bậc") in found and (2, "Địa chỉ (ngoài lực lượng)") in found
    assert (3, "Quốc tịch (người nước ngoài)") in found
    assert (4, "Thuộc lực lượng") in found


def test_a_list_on_the_older_template_is_still_read(campaign, director_award, district, officer):
    row = _base(director_award, district, nominee_kind="Cá nhân", nominee_name="Phạm Văn D",
                gender="Nam", achievement_summary="Xuất sắc")[: len(LEGACY_HEADERS)]  # fmt: skip
    result = nominations_import(
        campaign=campaign, upload=_upload([row], header=LEGACY_HEADERS), actor=officer
    )
    assert result.ok, [e.as_dict() for e in result.errors]
    assert result.created[0].affiliation == Affiliation.FORCE


def test_the_template_offers_the_kinds_outside_the_force(campaign, officer):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(import_template_build(campaign=campaign, user=officer)))
    headers = [c.value for c in workbook[SHEET][1]]
    assert headers[-3:] == [
        "Thuộc lực lượng",
        "Địa chỉ (ngoài lực lượng)",
        "Quốc tịch (người nước ngoài)",
    ]
    kinds = [c.value for c in workbook["Danh mục"]["F"]][1:]
    assert "Người nước ngoài" in kinds and "Công dân" in kinds
