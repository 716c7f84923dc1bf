"""The demo data (what `make run` shows) in the browser: each role's main page, and English."""

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_demo_roles_main_pages_and_english(page):
    call_command("load_demo", verbosity=0)
    password = settings.DEMO_PASSWORD

    login(page, "committee_member", password)
    page.goto(f"{page.base_url}/review/?state=&sort=unit")
    expect(page.locator(".nomination-table tbody tr").first).to_be_visible()
    screenshot(page, "demo-review-queue")

    login(page, "unit_officer", password)
    screenshot(page, "demo-home-unit-officer")
    page.goto(f"{page.base_url}/nominations/")
    screenshot(page, "demo-nomination-list")
    page.locator(".nomination-table tbody a").first.click()
    expect(page.locator(".timeline")).to_be_visible()
    screenshot(page, "demo-nomination-detail")

    login(page, "clerk", password)
    page.goto(f"{page.base_url}/decisions/")
    screenshot(page, "demo-decisions")

    # English, switched with the language form (no inline script: app.js submits it).
    login(page, "committee_member", password)
    page.goto(f"{page.base_url}/review/?state=&sort=unit")
    page.select_option("#language-select", "en")
    page.wait_for_load_state()
    expect(page.locator("button:has-text('Sign out')")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Nominations awaiting the council's review")
    expect(page.locator(".nomination-table")).to_contain_text("Awaiting the Director's decision")
    screenshot(page, "demo-review-queue-english")
