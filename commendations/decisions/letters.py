"""Tờ trình đề nghị khen thưởng (to the Minister for Bằng khen, to the Director for Giấy khen)
as a record: numbered, dated, signed (the organisation's seal on its PDF/A), with the council's
minutes made beside it.

The conversion and sealing run in the request, before the transaction: one letter is two small
documents in one LibreOffice run (about 2 s), made a few times a campaign by the council's
secretary, who waits for the result. Nothing is written if LibreOffice or the seal fails, and no
row is locked while they work."""

import datetime
import hashlib
import logging
import re
import subprocess
from collections.abc import Callable, Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import can_forward_any
from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.decisions.documents import submission_letter
from commendations.decisions.minutes import council_minutes
from commendations.decisions.models import SignerMode, SubmissionLetter
from commendations.documents.libreoffice import PdfConversionError, docx_to_pdf
from commendations.documents.signer import Signer
from commendations.eligibility.models import AttachmentKind
from commendations.eligibility.selectors import required_documents, rule_sets_in_force
from commendations.events import AuditEventKind
from commendations.long_service.selectors import LONG_SERVICE_AWARD_CODES
from commendations.nominations.models import Nomination
from commendations.nominations.selectors import nominations_for_submission_letter
from commendations.signatures.keys import (
    SealConfigurationError,
    SealNotConfigured,
    seal_configured,
)
from commendations.signatures.seal import pdf_seal
from workflow.services import audit_event_record

logger = logging.getLogger(__name__)
LETTER_NUMBER_RE = re.compile(r"^\d{1,6}/\S+$")


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _chosen(actor: Any, ids: Collection[int]) -> list[Nomination]:
    ids = set(ids)
    if not ids:
        raise ValidationError(_("Chưa chọn hồ sơ nào."))
    chosen = list(
        nominations_for_submission_letter(actor)
        .filter(pk__in=ids)
        .select_related("award_type", "campaign", "unit", "nominee_unit")
        .prefetch_related("attachments")  # the letter lists what is attached: one query
    )
    if {n.pk for n in chosen} != ids:
        raise ValidationError(_("Có hồ sơ không còn chờ trình; hãy tải lại trang."))
    authorities = {n.award_type.authority for n in chosen}
    if len(authorities) > 1:
        # One letter goes to one authority: the Minister (Bằng khen) or the Director (Giấy khen).
        giay_khen = [n.nominee_name for n in chosen if n.award_type.authority != Authority.MINISTRY]
        raise ValidationError(
            _(
                "Một Tờ trình gửi một cấp có thẩm quyền: lập riêng Tờ trình Bằng khen (trình Bộ "
                "trưởng) và Tờ trình Giấy khen (trình Giám đốc). Hồ sơ Giấy khen đã chọn: "
                "%(names)s."
            )
            % {"names": ", ".join(giay_khen[:5])}
        )
    missing = submission_letter_missing(chosen)
    if missing:
        raise ValidationError(
            [_("Chưa lập Tờ trình: hồ sơ chưa đủ tài liệu bắt buộc.")]
            + [
                _("%(name)s: thiếu %(documents)s.")
                % {"name": name, "documents": ", ".join(documents)}
                for name, documents in missing
            ]
        )
    return chosen


# Made with the letter itself (the Tờ trình, the council's minutes), so never missing from it.
MADE_WITH_THE_LETTER = (AttachmentKind.COVER_LETTER, AttachmentKind.MEETING_MINUTES)


def submission_letter_missing(nominations: list[Nomination]) -> list[tuple[str, list[str]]]:
    """Per nominee, the documents its dossier still lacks: the Báo cáo thành tích (Luật
    06/2022/QH15 Điều 84), except for a secret dossier, under the simplified procedure or for a
    long-service award (its annex lists the years of service it rests on), and
    whatever the rule set in force requires; a letter is refused before it exists when any is
    missing (the package would otherwise travel incomplete)."""
    rule_sets = rule_sets_in_force(nominations)
    # The attachments come prefetched with the chosen nominations (`_chosen`): no query here.
    kinds_of = {n.pk: {a.kind for a in n.attachments.all()} for n in nominations}
    missing: list[tuple[str, list[str]]] = []
    for nomination in nominations:
        needed = [AttachmentKind.ACHIEVEMENT_REPORT.value]
        if (
            nomination.contains_state_secrets
            or nomination.simplified_procedure
            or nomination.award_type.code in LONG_SERVICE_AWARD_CODES
        ):
            needed = []
        rule_set = rule_sets.get(nomination.pk)
        if rule_set is not None:
            needed += [k for k in required_documents(rule_set, nomination) if k not in needed]
        lacking = [
            str(AttachmentKind(k).label)
            for k in needed
            if k not in MADE_WITH_THE_LETTER and k not in kinds_of.get(nomination.pk, set())
        ]
        if lacking:
            missing.append((nomination.nominee_name, lacking))
    return missing


def _sealed(pdf: bytes, *, signer: Signer, profile: AuthorityProfile) -> bytes:
    return pdf_seal(
        pdf,
        organisation=profile.organisation_name,
        anchor=signer.name_line or signer.name,
        seal_image=profile.seal_image_bytes(),
        reason=_("Tờ trình đề nghị khen thưởng"),
        location=profile.place,
    )


def submission_letter_create(
    *,
    actor: Any,
    nomination_ids: Collection[int],
    number: str,
    date: datetime.date,
    signer: Signer,
    then: Callable[[SubmissionLetter, list[Nomination]], Any] | None = None,
) -> SubmissionLetter:
    """Render the Tờ trình and the council's minutes, convert both to PDF/A in one LibreOffice
    run, seal them when the organisation's seal is configured (unsealed otherwise, and the
    record says so), and store the letter with the nominations it lists: all or nothing.
    `then` runs in the same transaction once the letter is stored (forwarding the nominations
    it lists: `actions.letters.submission_letter_submit`); if it refuses, nothing is kept."""
    if not can_forward_any(actor):
        raise PermissionDenied(_("Bạn không có quyền lập Tờ trình."))
    number = (number or "").strip()
    errors: dict[str, str] = {}
    if not LETTER_NUMBER_RE.match(number):
        errors["number"] = _("Số Tờ trình phải có dạng “15/TTr-...”, ví dụ 15/TTr-CAT-PV05.")
    if date is None:
        errors["date"] = _("Cần ngày của Tờ trình.")
    if not (signer.name or "").strip():
        errors["signer_name"] = _("Cần họ tên người ký Tờ trình.")
    if signer.mode not in SignerMode.values:
        errors["signer_mode"] = _("Hình thức ký không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    if SubmissionLetter.objects.filter(year=date.year, number=number).exists():
        raise ValidationError({"number": _("Số Tờ trình này đã dùng trong năm.")})
    chosen = _chosen(actor, nomination_ids)
    letter_docx = submission_letter(chosen, number=number, date=date, signer=signer)
    minutes_docx = council_minutes(chosen, signer=signer, letter_number=number, letter_date=date)
    sources = {"to-trinh": letter_docx}
    if minutes_docx is not None:
        sources["bien-ban"] = minutes_docx
    try:
        pdfs = docx_to_pdf(sources, pdfa=True)
    except (PdfConversionError, OSError, subprocess.SubprocessError) as exc:
        logger.exception("submission letter: conversion failed")
        raise ValidationError(
            _("Không chuyển được Tờ trình sang PDF (LibreOffice); chưa lưu gì, hãy thử lại.")
        ) from exc
    sealed = seal_configured()
    if sealed:
        profile = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
        try:
            pdfs = {n: _sealed(pdf, signer=signer, profile=profile) for n, pdf in pdfs.items()}
        except (SealNotConfigured, SealConfigurationError) as exc:
            raise ValidationError(
                _("Không ký số được bằng con dấu điện tử: %(error)s") % {"error": exc}
            ) from exc
    letter = SubmissionLetter(
        number=number,
        date=date,
        signer_mode=signer.mode,
        signer_principal_title=signer.principal_title,
        signer_title=signer.title,
        signer_rank=signer.rank,
        signer_name=signer.name,
        pdf_sha256=_sha256(pdfs["to-trinh"]),
        minutes_sha256=_sha256(pdfs["bien-ban"]) if "bien-ban" in pdfs else "",
        sealed=sealed,
        documents_made_at=timezone.now().replace(microsecond=0),
        created_by=actor,
    )
    letter.year = date.year
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", number).strip("-")
    try:
        with transaction.atomic():
            letter.docx.save(f"to-trinh-{stem}.docx", ContentFile(letter_docx), save=False)
            letter.pdf.save(f"to-trinh-{stem}.pdf", ContentFile(pdfs["to-trinh"]), save=False)
            if "bien-ban" in pdfs:
                letter.minutes_pdf.save(
                    f"bien-ban-{stem}.pdf", ContentFile(pdfs["bien-ban"]), save=False
                )
            letter.save()
            letter.nominations.set(chosen)
            audit_event_record(
                kind=AuditEventKind.SUBMISSION_LETTER_CREATED,
                subject=letter,
                actor=actor,
                data={
                    "number": number,
                    "date": date.isoformat(),
                    "nominations": sorted(n.pk for n in chosen),
                    "sealed": sealed,
                },
            )
            if then is not None:
                then(letter, chosen)
    except IntegrityError as exc:
        for field in (letter.docx, letter.pdf, letter.minutes_pdf):
            if field:
                field.delete(save=False)
        raise ValidationError({"number": _("Số Tờ trình này đã dùng trong năm.")}) from exc
    except Exception:
        for field in (letter.docx, letter.pdf, letter.minutes_pdf):
            if field:
                field.delete(save=False)
        raise
    return letter
