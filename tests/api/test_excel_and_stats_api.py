"""Excel import/template and statistics through the API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from commendations.nominations.imports.jobs import nomination_import_run
from commendations.nominations.imports.layout import HEADERS, SHEET
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def _upload(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("ds.xlsx", output.getvalue())


def test_template_download(as_user, officer, campaign):
    response = as_user(officer).get(
        "/api/v1/nominations/import-template/", {"campaign": campaign.pk}
    )
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content))[SHEET].cell(1, 1).value == "STT"
    assert as_user(officer).get("/api/v1/nominations/import-template/").status_code == 400


def _import(api, campaign, upload) -> dict:
    """POST the file (202), run the queued import as the worker would, GET its status."""
    response = api.post(
        "/api/v1/nominations/import/", {"campaign": campaign.pk, "file": upload}, format="multipart"
    )
    assert response.status_code == 202, response.json()
    accepted = response.json()
    assert response["Location"] == accepted["url"] == f"/api/v1/imports/{accepted['id']}/"
    assert api.get(accepted["url"]).json()["status"] == "pending"
    nomination_import_run(job_id=accepted["id"])
    status = api.get(accepted["url"])
    assert status.status_code == 200
    return status.json()


def test_import_creates_drafts_or_returns_row_errors(as_user, officer, campaign, district):
    api = as_user(officer)
    good = ["1", district.code, "GK-GD", "Tập thể", "Công an xã Mới", "", "", "", "", "", "", "x"]
    body = _import(api, campaign, _upload([good]))
    assert body["status"] == "done" and body["created"] == 1 and body["percent"] == 100
    assert campaign.nominations.filter(pk__in=body["ids"]).count() == 1
    # No rule set asks for documents here: the draft is complete and the bulk submit sends it.
    submitted = api.post(f"/api/v1/imports/{body['id']}/submit-ready/")
    assert submitted.status_code == 200 and submitted.json() == {"submitted": 1}
    assert campaign.nominations.get(pk=body["ids"][0]).state == "submitted"
    bad = ["2", district.code, "GK-GD", "Cá nhân", "", "", "", "", "", "99/99/9999", "", "x"]
    body = _import(api, campaign, _upload([bad]))
    assert body["status"] == "failed"
    columns = {(e["row"], e["column"]) for e in body["errors"]}
    assert (2, "Ngày sinh (dd/mm/yyyy)") in columns
    assert (2, "Tên tập thể / Họ và tên") in columns  # the missing name in the same pass
    assert campaign.nominations.count() == 1


def test_an_import_is_only_visible_to_its_author(as_user, officer, other_officer, campaign):
    response = as_user(officer).post(
        "/api/v1/nominations/import/",
        {"campaign": campaign.pk, "file": _upload([["1"]])},
        format="multipart",
    )
    url = response.json()["url"]
    assert as_user(other_officer).get(url).status_code == 404


def test_import_by_a_committee_member_is_permission_denied(as_user, member, campaign):
    response = as_user(member).post(
        "/api/v1/nominations/import/",
        {"campaign": campaign.pk, "file": _upload([["1"]])},
        format="multipart",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_statistics_match_the_selector_and_are_scoped(
    as_user, officer, other_officer, campaign, district, other_district, director_award
):
    NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    NominationFactory(campaign=campaign, unit=other_district, award_type=director_award)
    body = as_user(officer).get("/api/v1/statistics/", {"campaign": campaign.pk}).json()
    assert body["total"] == 1
    assert {r["code"] for r in body["by_unit"]} == {district.code}
    assert body["campaign"]["id"] == campaign.pk
    export = as_user(officer).get("/api/v1/statistics/export/", {"campaign": campaign.pk})
    assert export.status_code == 200
    sheets = load_workbook(io.BytesIO(export.content)).sheetnames
    assert "Theo đơn vị" in sheets and "Thời gian xử lý" in sheets
    missing = as_user(officer).get("/api/v1/statistics/", {"campaign": 999999})
    assert missing.status_code == 404
