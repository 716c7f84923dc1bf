"""The decision page in Chromium, in the order of Nghị định 30/2020 Art. 13: the Director has
signed (their PDF uploaded), the certificates wait; the văn thư clicks "Đóng dấu của cơ quan"
and the page shows the seal with its real time. Screens for docs/signatures.md."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect

from commendations.actions.decisions import decision_sign
from commendations.decisions import signed_pdf as decisions_pdf
from commendations.decisions.models import Decision, SignatureState
from tests.browser.conftest import login
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.signatures.conftest import organisation_cert, pki  # noqa: F401
from tests.signatures.conftest import person_cert as person_cert
from tests.signatures.conftest import seal as seal
from tests.signatures.documents import person_sign

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("media", "seal"),
]

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "signatures"


def in_thread(work):
    """pyHanko signs with asyncio.run(), which cannot run inside Playwright's event loop here."""

    def run():
        try:
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def test_the_clerk_seals_after_the_signer_then_the_certificates_follow(
    page, settings, campaign, district, officer, member, secretary, director, clerk,
    director_award, person_cert, soffice_path,
):  # fmt: skip
    settings.ARCHIVE_PDFS_ENABLED = True
    specs = [(director_award, "collective", "Công an xã Ia Sao", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = draft(director, nominations, number="31/QĐ-CAT-PV05", date=timezone.localdate())
    issue(decision, director)

    def sign():
        assert decisions_pdf.decision_pdf_make(decision_id=decision.pk) == "done"
        made = Decision.objects.get(pk=decision.pk)
        with made.pdf.open("rb") as handle:
            signed = person_sign(handle.read(), person_cert)
        decision_sign(decision=made, actor=director, pdf_bytes=SimpleUploadedFile("qd.pdf", signed))

    in_thread(sign)
    SCREENS.mkdir(parents=True, exist_ok=True)
    login(page, clerk.username)
    page.goto(f"{page.base_url}/decisions/{decision.pk}/")
    expect(page.locator(".step-seal")).to_contain_text("chờ văn thư đóng dấu")
    expect(page.locator(".certificates-wait")).to_be_visible()
    page.locator("#decision-pdf-card").screenshot(path=str(SCREENS / "decision-awaiting-seal.png"))
    page.get_by_role("button", name="Đóng dấu của cơ quan").click()
    expect(page.locator(".step-seal .pdf-sealed")).to_contain_text("Đã đóng dấu")
    expect(page.locator(".pdf-download")).to_contain_text("đã ký và đóng dấu")
    page.locator("#decision-pdf-card").screenshot(path=str(SCREENS / "decision-sealed.png"))
    assert Decision.objects.get(pk=decision.pk).signature_state == SignatureState.SEALED
