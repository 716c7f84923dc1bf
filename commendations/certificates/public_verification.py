"""Certificates people can trust: a signed, unguessable verification link per certificate, its QR
code, and what the public verification page may show (and nothing more)."""

import base64
import datetime
import hashlib
import io
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypedDict

import qrcode
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import InlineImage

from commendations.certificates.models import (
    SHORT_CODE_LENGTH,
    Certificate,
    PdfSeal,
    Revocation,
    short_code_normalise,
)
from commendations.signatures import pdf_check
from commendations.signatures.pdf_verdict import messages_of, pdf_verify

SALT = "commendations.certificate.verification"


def _fallbacks_in_grace() -> list[str]:
    """The retired keys, while their grace period lasts (VERIFICATION_FALLBACKS_UNTIL, a date;
    empty: until the operator removes them)."""
    until = settings.VERIFICATION_FALLBACKS_UNTIL
    if until and datetime.date.today() > datetime.date.fromisoformat(until):
        return []
    return list(settings.VERIFICATION_SIGNING_KEY_FALLBACKS)


def _signature(code: str, key: str) -> str:
    """HMAC-SHA256 of the code under `key`, cut to 128 bits (22 characters): the link stays as
    short as before, so the QR code on the certificate (and on a pre-printed blank) stays as
    easy to scan."""
    digest = salted_hmac(SALT, code, secret=key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def _code_from_token(token: str) -> str | None:
    """The code of a token signed with VERIFICATION_SIGNING_KEY (or a fallback still in its
    grace period), else None."""
    code, _sep, signature = token.rpartition(".")
    if not code:
        return None
    keys = [settings.VERIFICATION_SIGNING_KEY, *_fallbacks_in_grace()]
    if any(constant_time_compare(signature, _signature(code, key)) for key in keys):
        return code
    return None


def _legacy_signer() -> signing.Signer | None:
    """Links printed before verification codes: the primary key signed with SECRET_KEY. They
    stay verifiable only with SECRET_KEYs that were never published (anyone could forge them
    with a published one) and while VERIFICATION_LEGACY_LINKS is on."""
    if not settings.VERIFICATION_LEGACY_LINKS:
        return None
    published = settings.PUBLISHED_SECRETS
    if settings.SECRET_KEY in published:
        return None
    fallbacks = [key for key in settings.SECRET_KEY_FALLBACKS if key not in published]
    return signing.Signer(
        key=settings.SECRET_KEY, fallback_keys=fallbacks, salt=SALT, sep=".", algorithm="sha256"
    )


def certificate_token(certificate: Certificate) -> str:
    """The certificate's random code signed with VERIFICATION_SIGNING_KEY, a key of its own
    (not SECRET_KEY): changing any character makes it invalid, and the code says nothing of the
    primary key."""
    code = certificate.verification_code
    return f"{code}.{_signature(code, settings.VERIFICATION_SIGNING_KEY)}"


def _certificates() -> QuerySet:
    return Certificate.objects.select_related(
        "nomination__award_type", "honour__award_type", "honour__person__unit", "decision"
    )


def certificate_from_token(token: str) -> Certificate | None:
    code = _code_from_token(token)
    if code is not None:
        return _certificates().filter(verification_code=code).first()
    legacy = _legacy_signer()
    if legacy is None:
        return None
    try:
        pk = int(legacy.unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return _certificates().filter(pk=pk).first()


def certificate_from_short_code(typed: str) -> Certificate | None:
    """The certificate whose code printed under the QR was typed ("7k3qx m9d2f" finds
    7K3QX-M9D2F; O is read as 0, I and L as 1), else None."""
    code = short_code_normalise(typed)
    if len(code) != SHORT_CODE_LENGTH:
        return None
    return _certificates().filter(short_code=code).first()


def verification_throttled(client: str) -> bool:
    """One count per client address and minute for the public page and its API twin, looking
    and uploading alike (VERIFY_RATE_LIMIT_PER_MINUTE)."""
    key = f"verify-rate:{client}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > settings.VERIFY_RATE_LIMIT_PER_MINUTE


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
    # The archived PDF and its signature, checked once when it was sealed (pdf_status).
    pdf: "PdfStatus"
    # An award with state-secret content: only whether it is valid (no name, award, decision).
    restricted: bool
    # A posthumous award (truy tặng): the page says so.
    posthumous: bool


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
    nomination = certificate.recipient  # the nomination, or the title's officer
    current = certificate.current
    replaced = current.pk != certificate.pk
    if nomination.contains_state_secrets:
        return VerificationResult(
            valid=not revoked and not replaced,
            revoked=revoked,
            recipient="",
            award="",
            decision_number="",
            decision_date="",
            replaced=replaced,
            replaced_by_path=verification_path(current) if replaced else "",
            replacement_note="",
            pdf=PdfStatus(seal="", valid=False, signatures=[], messages=[]),
            restricted=True,
            posthumous=False,
        )
    return VerificationResult(
        valid=not revoked and not replaced,
        revoked=revoked,
        recipient=nomination.nominee_name,
        award=certificate.award_name,
        decision_number=certificate.decision.number,
        decision_date=certificate.decision.date.strftime("%d/%m/%Y"),
        replaced=replaced,
        replaced_by_path=verification_path(current) if replaced else "",
        replacement_note=current.replacement_note if replaced else certificate.replacement_note,
        pdf=pdf_status(certificate),
        restricted=False,
        posthumous=nomination.posthumous,
    )


# --- the archived PDF's signature, and the check of an uploaded PDF -----------------------------


class SignatureShown(TypedDict):
    signer: str
    organisation: str
    serial: str
    issuer: str
    signed_at: str  # "05/03/2026 09:14:02 (UTC+07:00)"
    timestamped: bool
    valid: bool


class PdfStatus(TypedDict):
    # "sealed", "not_ours" (the Ministry's Bằng khen), "unsealed" (no key configured), "" (none yet)
    seal: str
    valid: bool
    signatures: list[SignatureShown]
    messages: list[str]


def _local_time(value: str) -> str:
    if not value:
        return ""
    moment = datetime.datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M:%S")


def pdf_status(certificate: Certificate) -> PdfStatus:
    """What the page says of the stored PDF: read from the summary stored when it was sealed
    (no check runs per page view)."""
    if not certificate.pdf_sha256:
        return PdfStatus(seal="", valid=False, signatures=[], messages=[])
    summary = certificate.pdf_signature or {}
    signatures = [
        SignatureShown(
            signer=line["signer"],
            organisation=line["organisation"],
            serial=line["serial"],
            issuer=line["issuer"],
            signed_at=_local_time(line["signed_at"]),
            timestamped=line["timestamped"],
            valid=line["valid"],
        )
        for line in summary.get("signatures", [])
    ]
    return PdfStatus(
        seal=certificate.pdf_seal,
        valid=certificate.pdf_seal == PdfSeal.SEALED and bool(summary.get("valid")),
        signatures=signatures,
        messages=messages_of(summary.get("problems", [])),
    )


class UploadCheck(TypedDict):
    matches: bool  # "Khớp với bản lưu": the same bytes as our stored PDF, and its signature valid
    # A genuine certificate of ours, but another one than the page's (same bytes as its stored
    # PDF): its verification page, and what may be said of it (nothing for a secret award).
    other_path: str
    other_description: str
    same_bytes: bool
    signature_valid: bool
    revoked: bool
    replaced: bool
    replaced_by_path: str
    messages: list[str]


PDF_MAGIC = b"%PDF-"


def _stored_pdf(certificate: Certificate) -> bytes | None:
    if not certificate.pdf_sha256 or not certificate.pdf:
        return None
    with certificate.pdf.open("rb") as handle:
        return handle.read()


class ChecksBusy(Exception):
    """Every slot for public checks is taken: the caller answers 503 at once."""


SLOT_KEY = "verify-check-slot:{}"


@contextmanager
def check_slot() -> Iterator[None]:
    """One of PUBLIC_VERIFY_CHECKS_AT_ONCE slots, shared by every process through the cache
    (an atomic add), or ChecksBusy at once. A slot expires on its own a little after the check's
    longest life (a worker killed mid-check does not keep it)."""
    owner = secrets.token_hex(8)
    lifetime = settings.PUBLIC_VERIFY_CHECK_SECONDS * 2 + 5
    for index in range(settings.PUBLIC_VERIFY_CHECKS_AT_ONCE):
        key = SLOT_KEY.format(index)
        if cache.add(key, owner, timeout=lifetime):
            try:
                yield
            finally:
                if cache.get(key) == owner:
                    cache.delete(key)
            return
    raise ChecksBusy


def _other_certificate(certificate: Certificate, upload: bytes) -> Certificate | None:
    """Another certificate whose stored PDF is exactly the upload (one indexed lookup by its
    SHA-256; nothing is parsed)."""
    digest = hashlib.sha256(upload).hexdigest()
    return _certificates().filter(pdf_sha256=digest).exclude(pk=certificate.pk).first()


def _described(other: Certificate) -> str:
    """What the public page may say of another certificate: what its own page shows (its
    registry number, recipient, award and decision); of a state-secret award, nothing but that
    it is another one."""
    result = verification_result(other)
    if result["restricted"]:
        return _("khen thưởng có nội dung thuộc bí mật nhà nước, không công bố thông tin")
    return _(
        "%(award)s số %(number)s tặng %(recipient)s, Quyết định số %(decision)s ngày %(date)s"
    ) % {
        "award": result["award"],
        "number": other.registry_number,
        "recipient": result["recipient"],
        "decision": result["decision_number"],
        "date": result["decision_date"],
    }


def certificate_pdf_check(certificate: Certificate, upload: bytes) -> UploadCheck:
    """Compare an uploaded PDF with the certificate's stored PDF: it matches only when its
    SHA-256 is the stored one's AND its signature is valid; otherwise the reasons, in the
    check's words. The upload (already bounded by the caller) is parsed only in the check's
    child process, and nothing of it is stored. A revoked certificate's check says revoked even
    when the file matches; a replaced one's points to the one in force.

    Its cost is bounded (issue #28): more than PUBLIC_VERIFY_APPENDED_MAX_BYTES past our stored
    bytes is refused unread; the child has PUBLIC_VERIFY_CHECK_SECONDS and _MEMORY_BYTES and
    pdf_check's bounds on fields, signatures and revisions; at most
    PUBLIC_VERIFY_CHECKS_AT_ONCE run at once across the site, one more raises ChecksBusy."""
    status = verification_result(certificate)
    result = UploadCheck(
        other_path="",
        other_description="",
        matches=False,
        same_bytes=False,
        signature_valid=False,
        revoked=status["revoked"],
        replaced=status["replaced"],
        replaced_by_path=status["replaced_by_path"],
        messages=[],
    )
    stored = _stored_pdf(certificate)
    if stored is None:
        result["messages"] = [_("Bằng khen/Giấy khen này chưa có bản PDF lưu trữ để đối chiếu.")]
        return result
    if PDF_MAGIC not in upload[:1024]:
        result["messages"] = [_("Tệp tải lên không phải tệp PDF.")]
        return result
    other = _other_certificate(certificate, upload)
    if other is not None:
        result["other_path"] = verification_path(other)
        result["other_description"] = _described(other)
        result["messages"] = [
            _(
                "Tệp là bản điện tử của một Bằng khen/Giấy khen khác do hệ thống ban hành, không "
                "phải của Bằng khen/Giấy khen đang xem: %(description)s."
            )
            % {"description": result["other_description"]}
        ]
        return result
    if len(upload) - len(stored) > settings.PUBLIC_VERIFY_APPENDED_MAX_BYTES:
        ours = upload.startswith(stored)
        result["messages"] = messages_of(
            [pdf_check.TOO_COMPLEX if ours else pdf_check.NOT_OUR_DOCUMENT]
        )
        return result
    with check_slot():
        verdict = pdf_verify(
            upload,
            original=stored,
            seconds=settings.PUBLIC_VERIFY_CHECK_SECONDS,
            memory=settings.PUBLIC_VERIFY_CHECK_MEMORY_BYTES,
            max_appended=settings.PUBLIC_VERIFY_APPENDED_MAX_BYTES,
        )
    same = verdict.sha256 == certificate.pdf_sha256
    result["same_bytes"] = same
    result["signature_valid"] = verdict.ok
    result["matches"] = same and verdict.ok
    messages = [] if result["matches"] else list(verdict.messages)
    if same and certificate.pdf_seal == PdfSeal.NOT_OURS:
        messages.append(
            _(
                "Tệp trùng với bản lưu. Bằng khen do Bộ Công an ban hành: bản lưu tại Công an "
                "tỉnh không mang chữ ký số của Công an tỉnh."
            )
        )
    elif same and certificate.pdf_seal == PdfSeal.NOT_CONFIGURED:
        messages.append(_("Tệp trùng với bản lưu, nhưng bản lưu chưa được ký số."))
    elif not same and verdict.ok:
        messages.append(
            _("Tệp có thêm nội dung sau bản lưu (chữ ký khác): không trùng khớp với bản lưu.")
        )
    result["messages"] = messages
    return result
