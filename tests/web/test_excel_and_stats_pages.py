"""The unit officer's Excel import page, the exports, and the statistics dashboard pages."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from commendations.access.roles import Role
from commendations.campaigns.models import Campaign
from commendations.nominations.imports.jobs import nomination_import_run
from commendations.nominations.imports.layout import SHEET
from commendations.nominations.models import Nomination, NominationImport, NominationState
from commendations.units.models import Unit
from tests.factories import NominationFactory, make_user
from tests.nominations.test_excel_import import COL, filled_template
from tests.nominations.test_excel_import import demo as demo
from tests.web.test_csp_ready import assert_csp_clean

pytestmark = pytest.mark.django_db


def _as_upload(workbook) -> SimpleUploadedFile:
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("ds.xlsx", output.getvalue())


def test_officer_imports_the_demo_rows_then_sees_row_errors_for_a_broken_copy(client, demo):
    past, current, importer = demo
    client.force_login(importer)
    page = client.get("/excel/import/")
    assert page.status_code == 200
    assert_csp_clean(page.content.decode(), "import page")
    assert f"/excel/template/{current.pk}/" in page.content.decode()
    template = client.get(f"/excel/template/{current.pk}/")
    assert load_workbook(io.BytesIO(template.content))[SHEET].cell(1, 1).value == "STT"

    broken = filled_template(current, importer, past)
    broken[SHEET].cell(row=6, column=COL["award_type"], value="Không có hình thức này")
    broken[SHEET].cell(row=9, column=COL["achievement_summary"]).value = None
    response = _import(client, current, _as_upload(broken))
    assert response.status_code == 400
    html = response.content.decode()
    assert_csp_clean(html, "import result page")
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td>", html)
    assert ("6", "Hình thức khen thưởng") in rows and ("9", "Tóm tắt thành tích") in rows
    assert current.nominations.count() == 0

    good = filled_template(current, importer, past)
    response = _import(client, current, _as_upload(good))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã nhập 18 hồ sơ dự thảo" in html
    assert "Việc tiếp theo" in html and "18 hồ sơ còn phải bổ sung tài liệu" in html
    assert "đã đủ điều kiện" not in html  # the demo's rules want documents first
    assert current.nominations.filter(state=NominationState.DRAFT).count() == 18
    job = NominationImport.objects.latest("pk")
    response = client.post(f"/excel/import/{job.pk}/submit/", follow=True)
    assert "Chưa có hồ sơ nào đủ điều kiện gửi" in response.content.decode()
    assert current.nominations.filter(state=NominationState.DRAFT).count() == 18


def _import(client, campaign, upload):
    """Upload, run the queued import as the worker would, then open the page it redirected to."""
    response = client.post("/excel/import/", {"campaign": campaign.pk, "file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    job = NominationImport.objects.latest("pk")
    assert response["Location"] == f"/excel/import/{job.pk}/"
    waiting = client.get(response["Location"])
    assert "Đang chờ" in waiting.content.decode() and 'hx-get="' in waiting.content.decode()
    nomination_import_run(job_id=job.pk)
    return client.get(response["Location"])


def test_not_an_excel_file_gets_a_message_not_a_500(client, demo):
    _past, current, importer = demo
    client.force_login(importer)
    response = _import(client, current, SimpleUploadedFile("a.xlsx", b"GIF89a..."))
    assert response.status_code == 400
    assert "không phải là tệp Excel" in response.content.decode()


def test_the_progress_fragment_asks_for_a_reload_once_finished(client, demo):
    past, current, importer = demo
    client.force_login(importer)
    response = client.post(
        "/excel/import/",
        {"campaign": current.pk, "file": _as_upload(filled_template(current, importer, past))},
    )
    url = response["Location"]
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert 'id="import-progress"' in fragment.content.decode()
    nomination_import_run(job_id=NominationImport.objects.latest("pk").pk)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_another_users_import_is_not_found(client, demo, officer):
    past, current, importer = demo
    client.force_login(importer)
    response = client.post(
        "/excel/import/",
        {"campaign": current.pk, "file": _as_upload(filled_template(current, importer, past))},
    )
    client.force_login(officer)
    assert client.get(response["Location"]).status_code == 404


def test_committee_member_has_no_import_page(client, member):
    client.force_login(member)
    assert client.get("/excel/import/").status_code == 403


def test_nomination_list_export_keeps_the_filters_and_the_scope(
    client, officer, campaign, district, other_district, director_award
):
    mine = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    NominationFactory(campaign=campaign, unit=other_district, award_type=director_award)
    client.force_login(officer)
    response = client.get("/excel/nominations.xlsx", {"campaign": campaign.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [r[5] for r in sheet.iter_rows(min_row=2, values_only=True)] == [mine.nominee_name]


def test_dashboard_shows_the_demo_campaign_without_inline_script(client, demo):
    past, _current, _importer = demo
    member = make_user(Role.COMMITTEE_MEMBER, Unit.objects.get(code="PV01"), username="m2")
    client.force_login(member)
    response = client.get("/stats/", {"campaign": past.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="total">28<' in html  # the demo's 10 Bằng khen + 18 Giấy khen
    assert "Công an thành phố Pleiku" in html
    assert 'id="stats-charts"' in html and "vendor/chart.umd.min.js" in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert html.count("<canvas") == 7
    summary = client.get("/stats/summary/", {"campaign": past.pk})
    assert summary.status_code == 200 and "TÓM TẮT" in summary.content.decode()
    data_block = re.compile(r'<script[^>]*type="application/json"[^>]*>.*?</script>', re.S)
    for page in (html, summary.content.decode()):
        assert_csp_clean(data_block.sub("", page), "stats/excel pages")  # JSON data is not code
    export = client.get("/stats/export.xlsx", {"campaign": past.pk})
    assert load_workbook(io.BytesIO(export.content))["Tổng hợp"]["B2"].value == 28


def _dashboard_queries(client, campaign: Campaign) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/stats/", {"campaign": campaign.pk}).status_code == 200
    return len(captured)


def test_dashboard_query_count_is_fixed(client, member, campaign, district, director_award):
    def add(n: int) -> None:
        Nomination.objects.bulk_create(
            Nomination(
                campaign=campaign,
                unit=district,
                award_type=director_award,
                nominee_name=f"Tập thể {i}",
                achievement_summary="x",
                state=NominationState.SUBMITTED,
            )
            for i in range(n)
        )

    client.force_login(member)
    add(10)
    small = _dashboard_queries(client, campaign)
    add(200)
    large = _dashboard_queries(client, campaign)
    assert small == large
