"""The code printed under the QR (issue #27 §5): short, typeable, looked up on the public page;
and a genuine certificate of another person uploaded on a page is named, not called foreign."""

import hashlib

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse

from commendations.certificates.documents import certificate_context
from commendations.certificates.models import (
    SHORT_CODE_ALPHABET,
    Certificate,
    short_code_normalise,
)
from commendations.certificates.public_verification import verification_path
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture(autouse=True)
def no_rate_limit():
    cache.clear()


@pytest.fixture
def certificates(campaign, district, officer, member, secretary, director, director_award):
    specs = [
        (director_award, "collective", "Công an xã Ia Sao", {}),
        (director_award, "collective", "Công an xã Ia Hrú", {}),
    ]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = issue(draft(director, nominations), director)
    Certificate.objects.filter(decision=decision).update(state="rendered")
    return list(Certificate.objects.filter(decision=decision).order_by("pk"))


def test_each_certificate_has_a_short_typeable_code_printed_under_its_qr(certificates):
    first, second = certificates
    assert first.short_code != second.short_code
    assert len(first.short_code) == 10 and set(first.short_code) <= set(SHORT_CODE_ALPHABET)
    assert first.short_code_display == f"{first.short_code[:5]}-{first.short_code[5:]}"
    context = certificate_context(first)
    assert context["verification_code"] == f"Mã tra cứu: {first.short_code_display}"


def test_the_template_prints_the_code_under_the_qr():
    from pathlib import Path

    import docx

    template = docx.Document(Path("doc_templates/giay_khen.docx"))
    texts = [p.text for t in template.tables for c in t._cells for p in c.paragraphs]
    qr = texts.index("{{ qr_image }}")
    assert texts[qr + 1] == "{{ verification_code }}"


def test_typed_codes_are_read_as_printed():
    assert short_code_normalise(" 7k3qx - m9d2f ") == "7K3QXM9D2F"
    assert short_code_normalise("O1IL0") == "01110"


def test_the_public_page_finds_a_certificate_by_its_typed_code(client, certificates):
    first = certificates[0]
    landing = client.get(reverse("certificate_verify_lookup"))
    assert landing.status_code == 200 and 'name="ma"' in landing.content.decode()
    typed = first.short_code_display.lower().replace("-", " ")
    response = client.get(reverse("certificate_verify_lookup"), {"ma": typed})
    assert response.status_code == 302 and response.url == verification_path(first)
    assert first.award_nomination.nominee_name in client.get(response.url).content.decode()


def test_an_unknown_code_says_so_and_offers_the_field_again(client, certificates):
    response = client.get(reverse("certificate_verify_lookup"), {"ma": "ZZZZZ-ZZZZZ"})
    assert response.status_code == 404
    body = response.content.decode()
    assert "Mã xác minh không hợp lệ" in body and 'value="ZZZZZ-ZZZZZ"' in body


def test_another_persons_genuine_certificate_is_named(client, certificates):
    first, second = certificates
    for certificate, content in ((first, b"%PDF-1.7 first"), (second, b"%PDF-1.7 second")):
        certificate.pdf.save("c.pdf", ContentFile(content), save=False)
        certificate.pdf_sha256 = hashlib.sha256(content).hexdigest()
        certificate.save(update_fields=["pdf", "pdf_sha256"])
    upload = ContentFile(b"%PDF-1.7 second", name="bang-khen.pdf")
    response = client.post(verification_path(first), {"file": upload})
    body = response.content.decode()
    assert "Tệp của một Bằng khen/Giấy khen khác" in body
    assert second.award_nomination.nominee_name in body and second.registry_number in body
    assert verification_path(second) in body
    assert "Tệp không phải văn bản hệ thống đã ban hành" not in body


def test_of_a_secret_award_only_that_it_is_another_one(client, certificates):
    first, second = certificates
    for certificate, content in ((first, b"%PDF-1.7 first"), (second, b"%PDF-1.7 second")):
        certificate.pdf.save("c.pdf", ContentFile(content), save=False)
        certificate.pdf_sha256 = hashlib.sha256(content).hexdigest()
        certificate.save(update_fields=["pdf", "pdf_sha256"])
    nomination = second.award_nomination
    nomination.contains_state_secrets = True
    nomination.save(update_fields=["contains_state_secrets"])
    upload = ContentFile(b"%PDF-1.7 second", name="bang-khen.pdf")
    body = client.post(verification_path(first), {"file": upload}).content.decode()
    assert "Tệp của một Bằng khen/Giấy khen khác" in body
    assert second.award_nomination.nominee_name not in body and "bí mật nhà nước" in body
