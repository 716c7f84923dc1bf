"""A certificate's Word document: its context and its rendering from the template in force."""

import io
from typing import Any

from docx.shared import Mm
from docxtpl import InlineImage, RichText

from commendations.campaigns.models import Authority, AuthorityProfile, NomineeKind
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import qr_inline_image
from commendations.decisions.models import AuthoritySigner
from commendations.documents.fitting import fit_text
from commendations.documents.layout import date_words_unbroken
from commendations.documents.models import DocumentTemplate
from commendations.documents.naming import (
    nominee_name_for_document,
    position_line_for_document,
    workplace_for_document,
)
from commendations.documents.rendering import render_docx, template_bytes
from commendations.nominations.wording import salutation, saluted_name

# --- contexts and documents ---------------------------------------------------------------------


def emblem_inline_image(profile: AuthorityProfile, *, height_mm: int = 24) -> Any:
    """The emblem an administrator uploaded for this authority, as a docxtpl image factory; ""
    when none (the official blanks carry it printed)."""
    if not profile.emblem:
        return ""
    with profile.emblem.open("rb") as handle:
        content = handle.read()

    def build(template: Any) -> InlineImage:
        return InlineImage(template, io.BytesIO(content), height=Mm(height_mm))

    return build


# The box the recipient's name is fitted into on a title's certificate (A4 landscape, mm; x is
# the centre, y the first baseline): 26 pt, shrinking to 18 pt, then wrapping — never out of the
# box nor onto a second page (documents.fitting, the rule of the blanks' fields).
TITLE_PAGE_MM = (297.0, 210.0)
TITLE_NAME_BOX = {
    "x": 148.5,
    "y": 100,
    "size": 26,
    "w": 225,
    "h": 22,
    "min_size": 18,
    "bold": True,
    "align": "center",
}
FONT = "Times New Roman"


class FittedRun:
    """`text` fitted into the box `spec` (its size and line breaks chosen by
    documents.fitting.fit_text), rendered as a docxtpl RichText for a `{{r name }}` tag: the run
    carries the fitted size. A factory, like the images: render_docx builds it."""

    def __init__(self, text: str, spec: dict[str, Any], page: tuple[float, float]) -> None:
        self.fitted = fit_text(text, spec, page)
        self.bold = bool(spec.get("bold"))

    def __call__(self, template: Any) -> RichText:
        return RichText(
            "\n".join(self.fitted.lines),
            bold=self.bold,
            size=round(self.fitted.size * 2),  # half-points
            font=FONT,
        )


def issue_fields(certificate: Certificate) -> dict[str, Any]:
    """What every certificate prints of its issue, a Giấy khen or a title's Giấy chứng nhận: the
    place and date, the signer, the decision's reference, the registry number, the QR code and
    the lookup code, the emblem. A re-issue (cấp lại, cấp đổi) is signed on its own date by the
    signer in force then; it keeps the decision's reference and the registry number. Without a
    recorded signer the decision's own is the only one known."""
    decision = certificate.decision
    profile = AuthorityProfile.for_authority(decision.authority)
    on = decision.date
    signed_on = certificate.reissued_on if certificate.reissue_number else None
    signer = (signed_on and AuthoritySigner.signer_on(decision.authority, signed_on)) or (
        decision.signer
    )
    return {
        "place": profile.place,
        "date_line": f"{profile.place}, {date_words_unbroken(signed_on or on)}",
        **signer.context(),
        "decision_number": decision.number,
        "decision_date": on.strftime("%d/%m/%Y"),
        "decision_line": f"Quyết định số {decision.number} {date_words_unbroken(on)}",
        "registry_number": certificate.registry_number,
        "replacement_note": certificate.replacement_note,  # "Cấp lại lần 1, ngày …" or ""
        "qr_image": qr_inline_image(certificate),
        # Typed on the public page by whoever cannot scan the QR (issue #27 §5).
        "verification_code": f"Mã tra cứu: {certificate.short_code_display}",
        "emblem_image": emblem_inline_image(profile),
    }


def title_certificate_context(certificate: Certificate) -> dict[str, Any]:
    """The Giấy chứng nhận of a title recorded by a recognition decision: the officer (named by
    documents.naming, at their unit's name on the decision's date), the title and its year, the
    decision and the registry number, the QR code and lookup code like every certificate."""
    honour = certificate.award_honour
    recipient = certificate.recipient
    decision = certificate.decision
    profile = AuthorityProfile.for_authority(decision.authority)
    on = decision.date
    name = nominee_name_for_document(recipient, on=on, authority=profile)
    # an officer of the force rated at the year's end: "Đồng chí Trung tá …", "Đồng chí …"
    # when no rank is recorded
    line = saluted_name(recipient) if recipient.rank else f"Đồng chí {name}"
    position_line = position_line_for_document(recipient, on=on, authority=profile)
    title = honour.award_type.name
    return {
        "authority_title": profile.title,
        "award_title": "GIẤY CHỨNG NHẬN",
        "award_verb": "CHỨNG NHẬN",
        "title_name": title.upper(),
        "title_year": f"Năm {honour.year}",
        "is_individual": True,
        "salutation": "Đồng chí",
        "recipient_name": name,
        "recipient_line": line,
        "recipient_fitted": FittedRun(line, TITLE_NAME_BOX, TITLE_PAGE_MM),
        "rank": recipient.rank,
        "position": recipient.position,
        "recipient_unit": workplace_for_document(recipient, on=on, authority=profile),
        "position_line": position_line,
        "citation": f"Đạt danh hiệu “{title}” năm {honour.year}",
        **issue_fields(certificate),
    }


def certificate_context(certificate: Certificate) -> dict[str, Any]:
    if certificate.award_honour is not None:
        return title_certificate_context(certificate)
    nomination = certificate.nomination
    decision = certificate.decision
    profile = AuthorityProfile.for_authority(decision.authority)
    individual = nomination.nominee_kind == NomineeKind.INDIVIDUAL
    on = decision.date
    unit = workplace_for_document(nomination, on=on, authority=profile) if individual else ""
    position_line = (
        position_line_for_document(nomination, on=on, authority=profile) if individual else ""
    )
    return {
        "authority_title": profile.title,
        "award_title": "BẰNG KHEN" if decision.authority == Authority.MINISTRY else "GIẤY KHEN",
        # Thông tư 22/2025/TT-BCA: "TẶNG" or "TRUY TẶNG", capitals, Times New Roman 18, bold.
        "award_verb": "TRUY TẶNG" if nomination.posthumous else "TẶNG",
        "is_individual": individual,
        "salutation": salutation(nomination),
        "recipient_name": nominee_name_for_document(nomination, on=on, authority=profile),
        "recipient_line": saluted_name(nomination) if individual else "",
        "rank": nomination.rank if individual else "",
        "position": nomination.position if individual else "",
        "recipient_unit": unit,
        "position_line": position_line,
        "citation": nomination.printed_citation,
        **issue_fields(certificate),
    }


def certificate_render(certificate: Certificate, template: DocumentTemplate) -> bytes:
    return render_docx(template_bytes(template), certificate_context(certificate))


def certificate_template_kind(certificate: Certificate) -> str:
    return certificate.kind
