"""Real Chromium (Debian's, never `playwright install`) against pytest-django's live_server."""

import json
import os
import shutil
from pathlib import Path

import pytest

from commendations.tasks import ceremonies as ceremonies_tasks
from commendations.tasks import certificates as certificates_tasks
from commendations.tasks import notifications as notifications_tasks
from tests.conftest import require

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "matkhau-thu-nghiem"
VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "tablet": {"width": 820, "height": 1180}}


@pytest.fixture(scope="module")
def browser():
    """One Chromium per module: Playwright's sync API holds an event loop in this thread while
    it runs, and the transactional tests pytest-django orders after these (pyHanko's
    asyncio.run() among them) need the thread without one."""
    require(
        Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
        "needs Chromium (apt-get install chromium)",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra is installed in CI
        require(False, "needs playwright (pip install playwright)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport=VIEWPORTS["laptop"], locale="vi-VN", accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _reference_data_restored(reference_data, transactional_db):
    """The browser's tests are transactional (the flush empties the migrations' rows): the
    catalogue and the rest as a real install has them, restored when Django's serialized
    rollback could not (see `reference_data`)."""
    from django.db import connection

    from commendations.campaigns.models import AwardType

    if reference_data and not AwardType.objects.filter(code="CSTDCS").exists():
        # the app's own rows only: the flush's post_migrate has made groups and permissions anew
        rows = [
            row for row in json.loads(reference_data) if row["model"].startswith("commendations.")
        ]
        connection.creation.deserialize_db_from_string(json.dumps(rows))


@pytest.fixture(autouse=True)
def _emails_sent_inline(monkeypatch):
    """No Celery worker here: the notification e-mails are sent in the request's process."""
    monkeypatch.setattr(
        notifications_tasks.notifications_email_send,
        "delay",
        lambda ids: notifications_tasks.notifications_email_send.run(ids),
    )


def login(page, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{page.base_url}/login/")
    if page.locator("form[action='/logout/'] button").count():
        page.locator("form[action='/logout/'] button").click()
        page.goto(f"{page.base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{page.base_url}/")


def screenshot(page, name: str) -> None:
    """Save the page at laptop and tablet widths into docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(VIEWPORTS["laptop"])


class TaskQueue:
    """Stands in for the broker: tasks sent by the server wait here until the test runs them,
    so the browser can watch the progress bar move from 0 to 100 % without reloading."""

    def __init__(self) -> None:
        self.sent: list[tuple] = []

    def drain(self) -> int:
        done = 0
        while self.sent:
            task, args = self.sent.pop(0)
            task.run(*args)
            done += 1
        return done


@pytest.fixture(autouse=True)
def task_queue(monkeypatch):
    queue = TaskQueue()
    for task in (
        certificates_tasks.render_certificates,
        ceremonies_tasks.build_print_pack,
        ceremonies_tasks.print_pack_chunk,  # the pack's chunks and its merge, sent in turn
        ceremonies_tasks.print_pack_merge,
    ):
        monkeypatch.setattr(
            task,
            "apply_async",
            lambda args=(), task=task, **kwargs: queue.sent.append((task, tuple(args))),
        )
    return queue
