"""The public verification page in Chromium: the stored PDF's seal shown next
to the certificate's status, and anyone (no login) uploading a PDF: the stored one matches, one
byte changed is refused as tampered, and a revoked certificate's PDF says revoked."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connections
from playwright.sync_api import expect

from commendations.actions.certificates import certificates_render, revocation_create
from commendations.certificates.archived_pdfs import certificates_pdf_make
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_path
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.signatures.conftest import organisation_cert, pki  # noqa: F401
from tests.signatures.conftest import seal as seal
from tests.signatures.documents import one_byte_changed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("media", "seal"),
]


def in_thread(work):
    """pyHanko signs with asyncio.run(), which cannot run inside Playwright's event loop in this
    thread (a Celery worker has none): the sealing runs in a thread of its own."""

    def run():
        try:
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def sealed(campaign, district, officer, member, secretary, director, director_award, soffice_path):
    """Two Giấy khen rendered and archived as sealed PDF/A (one LibreOffice run); the second
    annulled afterwards."""
    cache.clear()  # the page's rate limit
    specs = [
        (director_award, "collective", n, {}) for n in ("Công an xã Ia Sao", "Công an xã Glar")
    ]
    decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
    issue(decision, director)
    ids = list(Certificate.objects.filter(decision=decision).values_list("pk", flat=True))
    certificates_render(certificate_ids=ids)
    assert in_thread(lambda: certificates_pdf_make(certificate_ids=ids))["sealed"] == 2
    certificates = list(Certificate.objects.filter(decision=decision).order_by("serial"))
    pdfs = []
    for certificate in certificates:
        with certificate.pdf.open("rb") as handle:
            pdfs.append(handle.read())
    revocation_create(
        decision=decision, certificate=certificates[1], actor=director, reason="Kê khai sai"
    )
    return list(zip(certificates, pdfs, strict=True))


def check_upload(page, content: bytes) -> None:
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "giay-khen.pdf", "mimeType": "application/pdf", "buffer": content}],
    )
    page.get_by_role("button", name="Kiểm tra", exact=True).click()


def test_valid_tampered_and_revoked_pdfs_on_the_verification_page(page, sealed):
    (valid, valid_pdf), (revoked, revoked_pdf) = sealed
    page.goto(f"{page.base_url}{verification_path(valid)}")
    expect(page.locator(".status-valid")).to_contain_text("CÒN HIỆU LỰC")
    expect(page.locator(".signature-valid")).to_contain_text("CHỮ KÝ SỐ HỢP LỆ")
    expect(page.locator(".pdf-signature")).to_contain_text("Công an tỉnh Gia Lai")

    check_upload(page, valid_pdf)
    expect(page.locator(".check-matches")).to_contain_text("Khớp với bản lưu")

    check_upload(page, one_byte_changed(valid_pdf))
    expect(page.locator(".check-mismatch")).to_contain_text("Không khớp với bản lưu")
    expect(page.locator(".check-messages")).to_contain_text("Nội dung đã bị thay đổi")
    expect(page.locator(".check-matches")).to_have_count(0)

    page.goto(f"{page.base_url}{verification_path(revoked)}")
    expect(page.locator(".status-revoked")).to_be_visible()
    check_upload(page, revoked_pdf)
    expect(page.locator(".check-revoked")).to_contain_text("ĐÃ THU HỒI")
