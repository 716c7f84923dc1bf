"""What a first-time user does, in Chromium: a form that keeps its file across the in-place
update and a refused save; search without accents; a withdrawal undone; a confirmation page
before an action that cannot be undone."""

import pytest
from playwright.sync_api import expect

from commendations.nominations.models import Attachment, Nomination
from tests.browser.conftest import login, screenshot
from tests.factories import NominationFactory
from tests.helpers import advance
from tests.rule_fixtures import make_rule_set

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_form_keeps_its_file_across_the_update_and_an_error(
    page, campaign, district, director_award, officer, tmp_path
):
    make_rule_set(director_award, required_documents=["to_trinh"])
    report = tmp_path / "bao-cao.pdf"
    report.write_bytes(PDF)
    login(page, "officer")
    page.goto(f"{page.base_url}/nominations/new/")
    # The only open campaign is already chosen.
    expect(page.locator("#id_campaign")).to_have_value(str(campaign.pk))
    page.set_input_files("#id_attachment", str(report))
    page.fill("#id_nominee_name", "Tập thể Đội Cảnh sát giao thông")
    # Choosing the award adds its required document's input in place: no reload, so the file
    # already chosen and the name typed are still there.
    page.select_option("#id_award_type", str(director_award.pk))
    expect(page.locator("input[name=doc_to_trinh]")).to_be_visible()
    assert page.eval_on_selector("#id_attachment", "e => e.files.length") == 1
    expect(page.locator("#id_nominee_name")).to_have_value("Tập thể Đội Cảnh sát giao thông")
    # Saved without the achievement summary: refused, but the file is kept.
    page.click("button:has-text('Lưu hồ sơ')")
    expect(page.locator(".kept-files")).to_contain_text("bao-cao.pdf")
    summary = page.locator("#id_achievement_summary")
    expect(summary).to_have_attribute("aria-invalid", "true")
    # The field in error has a red border (Django marks it aria-invalid, app.css draws it).
    assert summary.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(176, 42, 55)"
    screenshot(page, "nomination-form-kept-file")
    page.fill("#id_achievement_summary", "Bảo đảm trật tự an toàn giao thông dịp Tết.")
    page.click("button:has-text('Lưu hồ sơ')")
    expect(page.locator(".attachments")).to_contain_text("bao-cao.pdf")
    assert Attachment.objects.get().nomination == Nomination.objects.get()


def test_search_without_accents_then_withdraw_and_undo(
    page, campaign, district, director_award, officer, member, secretary
):
    nomination = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=director_award,
        created_by=officer,
        nominee_name="Nguyễn Văn Hùng",
    )
    login(page, "officer")
    page.goto(f"{page.base_url}/nominations/")
    page.fill("#id_q", "nguyen van hung")
    page.click(".filter-form button[type=submit]")
    expect(page.locator(".nomination-table tbody")).to_contain_text("Nguyễn Văn Hùng")
    page.fill("#id_q", "khong ai")
    page.click(".filter-form button[type=submit]")
    expect(page.locator(".empty-state")).to_contain_text("khong ai")
    page.click("text=Xóa từ tìm kiếm")
    expect(page.locator(".nomination-table tbody")).to_contain_text("Nguyễn Văn Hùng")

    # Withdrawing a draft happens at once, and can be undone.
    page.goto(f"{page.base_url}{nomination.get_absolute_url()}")
    page.locator("form[data-action='withdraw'] button[type=submit]").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "withdrawn")
    page.click(".undo-banner button")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "draft")

    # Once submitted, "Rút hồ sơ" behaves the same (issue #27 §7): at once, with undo, which
    # submits it again.
    advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)
    page.goto(f"{page.base_url}{nomination.get_absolute_url()}")
    page.locator("form[data-action='withdraw'] button[type=submit]").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "withdrawn")
    screenshot(page, "undo-withdraw-submitted")
    page.click(".undo-banner button")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "submitted")
