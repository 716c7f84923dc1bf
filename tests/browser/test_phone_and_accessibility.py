"""Every role's main pages on a 390×844 phone (lists as cards, the action panel first, nothing
wider than the screen) and the automated accessibility check: axe-core (vendored in
tests/browser/vendor/, MPL-2.0) run in Chromium on each page, failing on any serious or critical
violation of WCAG 2.x A/AA. Screenshots go to docs/screenshots/phone-*.png and demo-*-laptop.png."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from commendations.committee.models import CommitteeSession
from commendations.nominations.models import Nomination
from tests.browser.conftest import SCREENSHOTS, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    """Serious and critical violations on the current page, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # through the DevTools protocol: the page's CSP does not apply
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(-3).map(e => e.tagName + '.' + [...e.classList].join('.'))"""


def fits_the_phone(page) -> list[str]:
    """Nothing wider than the phone's screen (no sideways scrolling)."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return []
    return [f"{width}px wide on a {PHONE['width']}px phone: {page.evaluate(WIDEST)}"]


def check(page, path: str, name: str, problems: list[str]) -> None:
    """Open a page on the phone (screenshot, no sideways scrolling) and run axe there and at
    laptop width."""
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}{path}")
    problems += [f"{name} (phone): {p}" for p in fits_the_phone(page)]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"), full_page=False)
    problems += [f"{name} (phone): {v}" for v in axe_violations(page)]
    page.set_viewport_size(LAPTOP)
    page.screenshot(path=str(SCREENSHOTS / f"demo-{name}-laptop.png"), full_page=False)
    problems += [f"{name} (laptop): {v}" for v in axe_violations(page)]


def test_every_role_on_a_phone_and_axe_finds_nothing_serious(page):
    call_command("load_demo", verbosity=0)
    password = settings.DEMO_PASSWORD
    problems: list[str] = []
    nomination = Nomination.objects.filter(state="submitted").order_by("pk").first()
    session = CommitteeSession.objects.order_by("pk").first()

    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/login/")
    problems += [f"login: {v}" for v in axe_violations(page)]

    login(page, "unit_officer", password)
    check(page, "/", "home-unit-officer", problems)
    check(page, "/nominations/", "nomination-list", problems)
    # A list is a stack of cards on the phone: a row as wide as the list, its cells labelled.
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/nominations/")
    row = page.locator(".nomination-table tbody tr").first
    expect(page.locator(".nomination-table thead")).not_to_be_in_viewport()
    assert row.bounding_box()["height"] < 300
    expect(row.locator("td[data-label]").nth(1)).to_be_visible()
    check(page, "/nominations/new/", "nomination-form", problems)

    login(page, "committee_member", password)
    check(page, "/", "home-committee-member", problems)
    check(page, "/review/?state=&sort=unit", "review-queue", problems)
    check(page, nomination.get_absolute_url(), "nomination-detail-member", problems)
    # The action panel comes before the long dossier on a phone.
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}{nomination.get_absolute_url()}")
    actions = page.locator(".actions-panel").bounding_box()
    dossier = page.locator(".dossier").bounding_box()
    assert actions["y"] < dossier["y"]
    check(page, f"/committee/sessions/{session.pk}/", "committee-session", problems)

    login(page, "committee_secretary", password)
    check(page, "/", "home-secretary", problems)
    check(page, "/committee/sessions/", "session-list", problems)
    check(page, "/forward/", "forward-queue", problems)

    login(page, "director", password)
    check(page, "/", "home-director", problems)
    check(page, "/director/", "director-queue", problems)
    check(page, "/decisions/", "decision-list", problems)

    login(page, "ministry", password)
    check(page, "/ministry/", "ministry-queue", problems)

    login(page, "clerk", password)
    check(page, "/", "home-clerk", problems)
    check(page, "/ceremonies/", "ceremony-list", problems)
    check(page, "/stats/", "stats", problems)
    check(page, "/tai-khoan/", "profile", problems)
    check(page, "/xac-minh/", "verify-lookup", problems)

    assert not problems, "\n".join(problems)
