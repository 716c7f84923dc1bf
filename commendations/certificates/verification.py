"""Certificates people can trust: a signed, unguessable verification link per certificate, its QR
code, and what the public verification page may show (and nothing more)."""

import io
from collections.abc import Callable
from typing import Any, TypedDict

import qrcode
from django.conf import settings
from django.core import signing
from django.urls import reverse

from commendations.certificates.models import Certificate, Revocation

SALT = "commendations.certificate.verification"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT, sep=".")


def certificate_token(certificate: Certificate) -> str:
    """The pk signed with the secret key (HMAC): changing any character makes it invalid, and
    no one can make a valid token for another certificate without the key."""
    return _signer().sign(str(certificate.pk))


def certificate_from_token(token: str) -> Certificate | None:
    try:
        pk = int(_signer().unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return (
        Certificate.objects.select_related("nomination__award_type", "decision")
        .filter(pk=pk)
        .first()
    )


def verification_path(certificate: Certificate) -> str:
    return reverse("certificate_verify", args=[certificate_token(certificate)])


def verification_url(certificate: Certificate) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + verification_path(certificate)


def qr_png(data: str, *, box_size: int = 10) -> bytes:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=2
    )
    code.add_data(data)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()


def qr_inline_image(certificate: Certificate, *, width_mm: int = 22) -> Callable[[Any], Any]:
    """A docxtpl InlineImage factory: documents.render_docx builds it with its template."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    png = qr_png(verification_url(certificate))

    def build(template: Any) -> InlineImage:
        return InlineImage(template, io.BytesIO(png), width=Mm(width_mm))

    return build


class VerificationResult(TypedDict):
    valid: bool
    revoked: bool
    recipient: str
    award: str
    decision_number: str
    decision_date: str
    # A replaced certificate (cấp đổi, cấp lại): the page says so and links the one in force.
    replaced: bool
    replaced_by_path: str
    replacement_note: str


def is_revoked(certificate: Certificate) -> bool:
    return (
        Revocation.objects.filter(decision_id=certificate.decision_id)
        .filter(certificate__isnull=True)
        .exists()
        or Revocation.objects.filter(certificate=certificate).exists()
    )


def verification_result(certificate: Certificate) -> VerificationResult:
    """Exactly what the public page shows: no reasons, no unit details, no personal data beyond
    the printed name."""
    revoked = is_revoked(certificate)
    nomination = certificate.award_nomination
    current = certificate.current
    replaced = current.pk != certificate.pk
    return VerificationResult(
        valid=not revoked and not replaced,
        revoked=revoked,
        recipient=nomination.nominee_name,
        award=nomination.award_type.name,
        decision_number=certificate.decision.number,
        decision_date=certificate.decision.date.strftime("%d/%m/%Y"),
        replaced=replaced,
        replaced_by_path=verification_path(current) if replaced else "",
        replacement_note=current.replacement_note if replaced else certificate.replacement_note,
    )
