"""The whole journey in a real browser, and two guards (404 by URL, no approve button)."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from commendations.decisions.models import Decision
from commendations.nominations.models import Nomination
from tests.browser.conftest import login, screenshot
from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAME = "Trung tá Nguyễn Văn Phúc"


def do_action(page, name: str, comment: str = "") -> None:
    form = page.locator(f"form[data-action='{name}']")
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_the_whole_journey(
    page,
    campaign,
    district,
    director_award,
    officer,
    member,
    secretary,
    director,
    clerk,
    task_queue,
    soffice_path,
    tmp_path,
):
    # The unit officer creates an individual nomination with a dossier file, and submits it.
    login(page, "officer")
    screenshot(page, "home-unit-officer")
    page.click("text=+ Lập hồ sơ đề nghị")
    page.select_option("#id_campaign", str(campaign.pk))
    page.wait_for_timeout(300)  # htmx re-renders the form with the campaign's award types
    page.select_option("#id_award_type", str(director_award.pk))
    page.check("input[name=nominee_kind][value=individual]")
    expect(page.locator("#id_rank")).to_be_visible()
    page.fill("#id_nominee_name", NAME)
    page.fill("#id_rank", "Trung tá")
    page.fill("#id_position", "Đội trưởng")
    page.fill("#id_date_of_birth", "12/05/1980")
    page.fill("#id_achievement_summary", "Chủ trì phá 5 chuyên án.")
    report = tmp_path / "bao-cao-thanh-tich.pdf"
    report.write_bytes(PDF)
    page.set_input_files("#id_attachment", str(report))
    screenshot(page, "nomination-form")
    page.click("text=Lưu hồ sơ")
    expect(page.locator("h1")).to_have_text(NAME)
    expect(page.locator(".attachments")).to_contain_text("bao-cao-thanh-tich.pdf")
    do_action(page, "submit")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "submitted")
    nomination = Nomination.objects.get(nominee_name=NAME)

    # A committee member finds it in the review queue and returns it with a comment.
    login(page, "member")
    page.goto(f"{page.base_url}/review/")
    expect(page.locator(".nomination-table")).to_contain_text(NAME)
    screenshot(page, "review-queue")
    page.click(f"text={NAME}")
    screenshot(page, "nomination-detail-committee")
    expect(page.locator("form[data-action='approve']")).to_have_count(0)
    do_action(page, "return_for_changes", "Bổ sung biên bản họp xét của đơn vị")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "returned")

    # The officer sees why, fixes the dossier and resubmits.
    login(page, "officer")
    expect(page.locator(".notifications")).to_contain_text(NAME)
    page.goto(f"{page.base_url}{nomination.get_absolute_url()}")
    expect(page.locator(".alert-warning")).to_contain_text("Bổ sung biên bản họp")
    page.click("text=Sửa hồ sơ")
    page.fill("#id_achievement_summary", "Chủ trì phá 5 chuyên án; có biên bản họp xét.")
    page.click("text=Lưu hồ sơ")
    do_action(page, "submit")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "submitted")

    # The secretary sets up the committee's session (every committee member ticked).
    login(page, "secretary")
    page.goto(f"{page.base_url}/committee/sessions/new/")
    page.select_option("#id_campaign", str(campaign.pk))
    page.fill("#id_held_on", "15/12/2026")
    page.fill("#id_title", "Phiên họp Hội đồng TĐKT tháng 12")
    page.click("button:has-text('Lập phiên họp')")
    expect(page.locator("h1")).to_have_text("Phiên họp Hội đồng TĐKT tháng 12")
    session_url = page.url

    # A member votes on it from the session page; the tally is computed, not typed.
    login(page, "member")
    page.goto(f"{page.base_url}/committee/sessions/")
    page.click("text=Phiên họp Hội đồng TĐKT tháng 12")
    page.locator(f"#n-{nomination.pk} button[value=for]").click()
    expect(page.locator(f"#n-{nomination.pk}")).to_have_attribute("data-tally", "1-0-0")
    expect(page.locator(f"#n-{nomination.pk}")).to_have_attribute("data-outcome", "passed")
    screenshot(page, "committee-session")

    # The secretary records the session's recommendation for the ticked nomination.
    login(page, "secretary")
    page.goto(session_url)
    page.check(f"input[name=ids][value='{nomination.pk}']")
    page.click("text=Đề nghị khen thưởng hồ sơ đã chọn")
    # A bulk action names what it does and asks to confirm.
    expect(page.locator(".confirm-nominations")).to_contain_text(NAME)
    page.click(".confirm-action button[type=submit]")
    expect(page.locator(".messages .alert-success")).to_be_visible()
    expect(page.locator(".decided-table")).to_contain_text(NAME)
    # The next step is offered at once: forwarding what the council recommended.
    page.click(".next-step-banner a:has-text('Trình cấp trên')")
    page.wait_for_url(f"{page.base_url}/forward/")

    # The secretary forwards it; a Giấy khen goes to the Director.
    screenshot(page, "forward-queue")
    page.check(f"input[name=ids][value='{nomination.pk}']")
    page.click("text=Trình các hồ sơ đã chọn")
    expect(page.locator(".confirm-nominations")).to_contain_text(NAME)
    page.click(".confirm-action button[type=submit]")
    expect(page.locator(".alert-success")).to_be_visible()

    # The director creates a decision from it, previews it and issues it.
    login(page, "director")
    screenshot(page, "home-director")
    page.goto(f"{page.base_url}/director/")
    page.check(f"input[name=ids][value='{nomination.pk}']")
    page.fill("#id_number", "120/QĐ-CAT-PV05")
    page.fill("#id_date", "20/12/2026")
    page.fill("#id_signer_name", "Rah Lan Chung")
    page.fill("#id_signer_title", "Giám đốc")
    screenshot(page, "director-queue")
    page.click("text=Lập dự thảo quyết định")
    expect(page.locator(".decision-preview")).to_contain_text(NAME)
    screenshot(page, "decision-preview")
    page.click("button:has-text('Ban hành quyết định')")
    # Issuing cannot be undone: a confirmation page names what it does first.
    expect(page.locator(".confirm-action")).to_contain_text("1 khen thưởng sẽ được phê duyệt")
    page.click(".confirm-action button[type=submit]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "issued")
    nomination.refresh_from_db()
    assert nomination.state == "approved"
    assert Decision.objects.get().state == "issued"

    # The history shows every step with who did it.
    page.goto(f"{page.base_url}{nomination.get_absolute_url()}")
    expect(page.locator(".timeline")).to_contain_text("Bổ sung biên bản họp xét của đơn vị")
    expect(page.locator(".timeline .timeline-item")).to_have_count(7)  # created + 6 transitions
    screenshot(page, "nomination-detail-approved")

    # The clerk starts the certificates and watches the progress bar reach 100 % (no reload).
    login(page, "clerk")
    screenshot(page, "home-clerk")
    page.goto(f"{page.base_url}{Decision.objects.get().get_absolute_url()}")
    expect(page.locator(".progress-percent")).to_have_text("0 %")
    page.click("button:has-text('Tạo tiếp các bản chưa có')")
    expect(page.locator(".alert-success")).to_be_visible()
    url_before = page.url
    assert task_queue.drain() >= 1  # the worker renders the certificate meanwhile
    expect(page.locator(".progress-percent")).to_have_text("100 %", timeout=10_000)
    expect(page.locator("#certificate-progress")).to_have_attribute("data-finished", "true")
    assert page.url == url_before
    expect(page.locator(".certificate-table")).to_contain_text(NAME)
    expect(page.locator("[data-certificate-state]").first).to_have_attribute(
        "data-certificate-state", "rendered"
    )
    screenshot(page, "decision-certificates-clerk")

    # A ceremony, its print pack, and the PDF with the nominee's name.
    page.goto(f"{page.base_url}/ceremonies/")
    page.fill("#id_name", "Hội nghị tổng kết phong trào")
    page.fill("#id_date", "28/12/2026")
    page.fill("#id_place", "Hội trường Công an tỉnh")
    page.check("input[name=decisions]")
    page.click("button:has-text('Tạo buổi lễ')")
    expect(page.locator("h1")).to_have_text("Hội nghị tổng kết phong trào")
    page.click("button:has-text('Tạo bộ hồ sơ in')")
    expect(page.locator(".print-pack")).to_have_attribute("data-status", "pending")
    assert task_queue.drain() >= 3  # the pack, its chunk, the merge
    pdf_link = page.locator("a:has-text('Tải PDF để in')")
    expect(pdf_link).to_be_visible(timeout=15_000)
    screenshot(page, "ceremony-print-pack")
    page.locator("input[name=ids]").first.check()
    with page.expect_download() as download_info:
        pdf_link.click()
    pdf_path = tmp_path / "ban-in.pdf"
    download_info.value.save_as(pdf_path)
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf_path)).pages
    )
    assert NAME in text
    page.click("button:has-text('Đánh dấu đã in')")
    expect(page.locator("[data-certificate-state]").first).to_have_attribute(
        "data-certificate-state", "printed"
    )


def test_unit_officer_gets_404_for_another_units_nomination(
    page, campaign, other_district, other_officer, officer
):
    foreign = NominationFactory(campaign=campaign, unit=other_district, created_by=other_officer)
    login(page, "officer")
    response = page.goto(f"{page.base_url}{foreign.get_absolute_url()}")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text(re.compile("Không tìm thấy trang"))
    screenshot(page, "error-404")


def test_committee_member_sees_no_approve_button(
    page, campaign, district, officer, member, secretary, director_award
):
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, created_by=officer
    )
    advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
    login(page, "member")
    page.goto(f"{page.base_url}{nomination.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(nomination.nominee_name)
    expect(page.locator(".actions-panel form")).to_have_count(0)
    expect(page.locator(".actions-panel")).not_to_contain_text("Khen thưởng")
    expect(page.locator(".actions-panel")).not_to_contain_text("Không khen thưởng")


def test_login_page(page):
    page.goto(f"{page.base_url}/login/")
    screenshot(page, "login")
    expect(page.locator("#id_username")).to_be_focused()
