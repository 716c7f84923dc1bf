"""A certificate's Word document: its context and its rendering from the template in force."""

from typing import Any

from commendations.campaigns.models import Authority, NomineeKind
from commendations.certificates.models import CERTIFICATE_KIND_BY_AUTHORITY, Certificate
from commendations.certificates.verification import qr_inline_image
from commendations.documents.models import DocumentTemplate
from commendations.documents.rendering import (
    authority_title,
    date_line,
    render_docx,
    template_bytes,
)
from commendations.nominations.wording import salutation

# --- contexts and documents ---------------------------------------------------------------------


def certificate_context(certificate: Certificate) -> dict[str, Any]:
    nomination = certificate.nomination
    decision = certificate.decision
    individual = nomination.nominee_kind == NomineeKind.INDIVIDUAL
    return {
        "authority_title": authority_title(decision.authority),
        "award_title": "BẰNG KHEN" if decision.authority == Authority.MINISTRY else "GIẤY KHEN",
        "is_individual": individual,
        "salutation": salutation(nomination),
        "recipient_name": nomination.nominee_name,
        "rank": nomination.rank if individual else "",
        "position": nomination.position if individual else "",
        "recipient_unit": nomination.workplace if individual else "",
        "citation": nomination.printed_citation,
        "place": decision.place,
        "date_line": date_line(decision.place, decision.date),
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
        "decision_number": decision.number,
        "decision_date": decision.date.strftime("%d/%m/%Y"),
        "registry_number": certificate.registry_number,
        "replacement_note": certificate.replacement_note,  # "Cấp lại lần 1, ngày …" or ""
        "qr_image": qr_inline_image(certificate),
    }


def certificate_render(certificate: Certificate, template: DocumentTemplate) -> bytes:
    return render_docx(template_bytes(template), certificate_context(certificate))


def certificate_template_kind(certificate: Certificate) -> str:
    return CERTIFICATE_KIND_BY_AUTHORITY[certificate.authority]
