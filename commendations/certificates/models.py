"""Certificates (Bằng khen / Giấy khen of a nomination, Giấy chứng nhận of an annual title), their
registry numbers, their rendering batches and revocations."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from commendations.access import permissions
from commendations.campaigns.models import Affiliation, Authority, NomineeKind
from commendations.documents.layout import date_words
from commendations.documents.models import DocumentKind, DocumentTemplate
from commendations.documents.naming import unit_name_on
from workflow.actors import is_system

CERTIFICATE_KIND_BY_AUTHORITY = {
    Authority.MINISTRY: DocumentKind.BANG_KHEN,
    Authority.PROVINCIAL_DIRECTOR: DocumentKind.GIAY_KHEN,
}
# Printed before the serial: "GK-2023-0007".
REGISTRY_PREFIX = {Authority.MINISTRY: "BK", Authority.PROVINCIAL_DIRECTOR: "GK"}

# The annual titles whose certificate the province prints, by the title's catalogue code: the
# Giấy chứng nhận Chiến sĩ thi đua cơ sở, given by the Director with the recognition decision.
# Chiến sĩ tiên tiến is recognised in the decision's list only (no certificate of its own); the
# titles the Ministry decides (Chiến sĩ thi đua CAND, Cờ thi đua, Bằng khen) come with the
# Ministry's own certificate, recorded on the honour (HonourRecord.ministry_certificate_*).
TITLE_CERTIFICATE_KINDS: dict[str, str] = {"CSTDCS": DocumentKind.GCN_CSTDCS}
# Printed before a title certificate's serial: "CN-2025-0012". Same book (counter and serials)
# as the Director's Giấy khen of that year: one registry per authority and year.
TITLE_REGISTRY_PREFIX = "CN"


def verification_code_new() -> str:
    """128 random bits (22 characters): what a verification link names instead of the primary
    key, so links cannot be enumerated."""
    return secrets.token_urlsafe(16)


# Crockford's base-32 alphabet: no I, L, O, U, so a code read off paper is typed without doubt.
SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SHORT_CODE_LENGTH = 10  # 50 random bits; the public page's rate limit makes guessing hopeless
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def short_code_new() -> str:
    """The code printed under the QR (shown "ABCDE-FGHJK"), typed on the public page by whoever
    cannot scan it: random, not derived from the primary key."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def short_code_normalise(typed: str) -> str:
    """What was typed, as stored: capitals, no spaces or dashes, O read as 0 and I, L as 1."""
    folded = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    return folded.translate(_READ_AS)


def short_code_display(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == SHORT_CODE_LENGTH else code


@dataclass(frozen=True)
class TitleRecipient:
    """The officer of a title's certificate, read like a nomination's nominee by what names a
    recipient on a document (documents.naming, nominations.wording, the ceremony's order and
    lists): an individual of the force, named as recorded, with the rank, position and unit of
    their service record on the decision's date (else their unit now), never posthumous nor
    secret (a year-end rating is neither)."""

    honour: Any
    workplace: str = ""
    rank: str = ""
    position: str = ""

    nominee_kind = NomineeKind.INDIVIDUAL
    affiliation = Affiliation.FORCE
    is_outside_force = False
    nominee_alias = ""
    nominee_unit = None
    address = ""
    nationality = ""
    posthumous = False
    posthumous_receiver = ""
    contains_state_secrets = False

    @property
    def pk(self) -> int:
        return self.honour.pk

    @property
    def nominee_name(self) -> str:
        return self.honour.person.full_name

    @property
    def gender(self) -> str:
        return self.honour.person.sex

    @property
    def award_type(self) -> Any:
        return self.honour.award_type

    @property
    def unit(self) -> Any:
        return self.honour.person.unit


class RegistryCounter(models.Model):
    """The last registry number handed out per authority and year (Số sổ vàng). Its row is locked
    while a decision is issued, so numbers are sequential and never skipped or reused."""

    authority = models.CharField(max_length=32, choices=Authority.choices)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sổ đăng ký Bằng khen/Giấy khen")
        verbose_name_plural = _("sổ đăng ký Bằng khen/Giấy khen")
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="registry_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.authority} {self.year}: {self.last_number}"


class CertificateState(models.TextChoices):
    PENDING = "pending", _("Chờ tạo")
    RENDERED = "rendered", _("Đã tạo")
    PRINTED = "printed", _("Đã in")
    PRESENTED = "presented", _("Đã trao")
    FAILED = "failed", _("Lỗi khi tạo")
    REVOKED = "revoked", _("Đã thu hồi")
    REPLACED = "replaced", _("Đã được cấp đổi, cấp lại")


C = CertificateState


class PdfSeal(models.TextChoices):
    """What the archived PDF carries."""

    SEALED = "sealed", _("Có chữ ký số của cơ quan")
    NOT_OURS = "not_ours", _("Do cấp khác ban hành, không ký số tại Công an tỉnh")
    NOT_CONFIGURED = "unsealed", _("Chưa ký số (chưa cấu hình chứng thư số)")


def system_only(instance: models.Model, user: object) -> bool:
    """Transitions run by the rendering tasks (as workflow.actors.SYSTEM), never offered to a
    person."""
    return is_system(user)


def certificate_upload_to(instance: "Certificate", filename: str) -> str:
    return instance.storage_name


class RenderBatch(models.Model):
    """The rendering of one decision's certificates. `waiting` means it still has to be sent to
    the broker (the broker was down at issue time); the periodic sweep sends it."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Chờ gửi hàng đợi")
        SENT = "sent", _("Đã gửi hàng đợi")

    decision = models.OneToOneField(
        "commendations.Decision", on_delete=models.CASCADE, related_name="render_batch"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    chunk_size = models.PositiveIntegerField(default=25)
    sent_at = models.DateTimeField(null=True, blank=True)
    send_attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lô tạo Bằng khen/Giấy khen")
        verbose_name_plural = _("lô tạo Bằng khen/Giấy khen")

    def __str__(self) -> str:
        return f"{self.decision} ({self.get_status_display()})"


class Certificate(ConcurrentTransitionMixin, models.Model):
    """One Bằng khen or Giấy khen for one approved nomination, or one Giấy chứng nhận for one
    annual title recorded by a recognition decision (`honour`), with its registry number. A
    certificate in force belongs to exactly one of them; a replaced one lets go of it."""

    # The current certificate of the award. A replaced one lets go of it (its successor, via
    # `replaced_by`, holds it) so `nomination.certificate` is always the one in force.
    nomination = models.OneToOneField(
        "commendations.Nomination",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    # The title's certificate (Giấy chứng nhận Chiến sĩ thi đua cơ sở): the honour recorded by
    # the recognition decision (`decision`). Held like `nomination`: by the one in force.
    honour = models.OneToOneField(
        "commendations.HonourRecord",
        verbose_name=_("danh hiệu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="title_certificate",
    )
    decision = models.ForeignKey(
        "commendations.Decision",
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    authority = models.CharField(_("cấp quyết định"), max_length=32, choices=Authority.choices)
    year = models.PositiveIntegerField(_("năm"))
    serial = models.PositiveIntegerField(_("số thứ tự trong sổ"))
    # Unique among certificates in force: a replacement keeps the registry number it replaces.
    registry_number = models.CharField(_("số vào sổ"), max_length=32)
    state = FSMField(
        _("trạng thái"), default=C.PENDING, choices=C.choices, protected=True, db_index=True
    )
    template = models.ForeignKey(
        DocumentTemplate,
        verbose_name=_("mẫu đã dùng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    file = models.FileField(_("tệp .docx"), upload_to=certificate_upload_to, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveIntegerField(_("số lần tạo"), default=0)
    rendered_at = models.DateTimeField(_("thời điểm tạo"), null=True, blank=True)
    # When a worker last took this certificate (or the sweep last re-sent it): a pending
    # certificate whose claim is older than CERTIFICATE_LEASE_SECONDS was lost with its worker.
    render_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Named by the verification link (QR code), signed with VERIFICATION_SIGNING_KEY.
    verification_code = models.CharField(
        _("mã xác minh"), max_length=32, unique=True, default=verification_code_new, editable=False
    )
    # Printed under the QR code, typed on the public verification page (short_code_new).
    short_code = models.CharField(
        _("mã tra cứu"), max_length=16, unique=True, default=short_code_new, editable=False
    )
    # Cấp đổi, cấp lại (Thông tư 22/2025/TT-BCA): the certificate this one replaces, rendered
    # from the same decision with the same registry number and a visible mark.
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("thay thế cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    reissue_number = models.PositiveSmallIntegerField(_("cấp lại lần"), default=0)
    reissued_on = models.DateField(_("ngày cấp lại"), null=True, blank=True)
    # The archived PDF/A (an artefact of the rendering, not a state): converted from the .docx by
    # certificates.archived_pdfs after the render commits, sealed when its authority is sealed
    # here.
    pdf = models.FileField(_("tệp PDF"), upload_to=certificate_upload_to, blank=True)
    # Indexed: an upload on the public page that is another certificate's PDF is named by it.
    pdf_sha256 = models.CharField(
        _("SHA-256 của tệp PDF"), max_length=64, blank=True, db_index=True
    )
    pdf_made_at = models.DateTimeField(_("thời điểm tạo PDF"), null=True, blank=True)
    # The rendering (rendered_at) the PDF was made from: a certificate rendered again later gets
    # a new PDF.
    pdf_rendered_at = models.DateTimeField(null=True, blank=True, editable=False)
    pdf_seal = models.CharField(
        _("con dấu trên PDF"), max_length=16, choices=PdfSeal.choices, blank=True
    )
    # The check of the stored PDF's signature, made once when it was sealed (what the public
    # verification page shows): valid, signer, serial, issuer, signing time, messages.
    pdf_signature = models.JSONField(_("kết quả kiểm tra chữ ký số"), default=dict, blank=True)
    # When the PDF was last asked for (the sweep re-sends only after CERTIFICATE_PDF_LEASE_SECONDS).
    pdf_requested_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Bằng khen/Giấy khen")
        verbose_name_plural = _("Bằng khen/Giấy khen")
        ordering = ["authority", "year", "serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "serial"],
                condition=~models.Q(state="replaced"),
                name="certificate_serial_unique",
            ),
            models.UniqueConstraint(
                fields=["registry_number"],
                condition=~models.Q(state="replaced"),
                name="certificate_registry_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=C.values), name="certificate_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(serial__gte=1), name="certificate_serial_pos"
            ),
            # A nomination's or a title's, never both; one of them unless replaced.
            models.CheckConstraint(
                condition=models.Q(nomination__isnull=True) | models.Q(honour__isnull=True),
                name="certificate_one_award",
            ),
            models.CheckConstraint(
                condition=models.Q(state="replaced")
                | models.Q(nomination__isnull=False)
                | models.Q(honour__isnull=False),
                name="certificate_has_award",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registry_number} — {self.recipient_name}"

    @property
    def is_title(self) -> bool:
        """A title's Giấy chứng nhận (of an honour), not a nomination's Bằng khen/Giấy khen."""
        return self.award_honour is not None

    @property
    def award_honour(self):
        """The title's honour, also for a replaced certificate (its successor holds it); None for
        a nomination's (no query)."""
        if self.nomination_id is not None:
            return None
        certificate = self
        while certificate.honour_id is None and hasattr(certificate, "replaced_by"):
            certificate = certificate.replaced_by
        return certificate.honour

    @property
    def recipient_name(self) -> str:
        honour = self.award_honour
        if honour is not None:
            return honour.person.full_name if honour.person_id else str(honour.unit)
        return self.award_nomination.nominee_name

    @property
    def recipient(self) -> Any:
        """Whom it is given to, as the documents read a nominee: the nomination, or the title's
        officer (TitleRecipient, at their unit's name on the decision's date). One query for a
        title's (the service record)."""
        honour = self.award_honour
        if honour is None:
            return self.award_nomination
        on = self.decision.date
        person = honour.person
        record = (
            person.service_records.filter(valid_from__lte=on)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=on))
            .select_related("unit")
            .order_by("-valid_from")
            .first()
        )
        unit = (record.unit if record is not None else None) or person.unit
        return TitleRecipient(
            honour,
            workplace=unit_name_on(unit, on) if unit else "",
            rank=record.rank if record is not None else "",
            position=record.position if record is not None else "",
        )

    @property
    def award_name(self) -> str:
        """ "Danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" for a title's, the nomination's award
        otherwise."""
        honour = self.award_honour
        if honour is not None:
            return _("Danh hiệu “%(title)s” năm %(year)s") % {
                "title": honour.award_type.name,
                "year": honour.year,
            }
        return self.award_nomination.award_type.name

    @property
    def short_code_display(self) -> str:
        """ "ABCDE-FGHJK", as printed under the QR code."""
        return short_code_display(self.short_code)

    @property
    def award_nomination(self):
        """The award's nomination, also for a replaced certificate (its successor holds it)."""
        certificate = self
        while certificate.nomination_id is None and hasattr(certificate, "replaced_by"):
            certificate = certificate.replaced_by
        return certificate.nomination

    @property
    def current(self) -> "Certificate":
        """The certificate in force for this award: this one, or the last that replaced it."""
        certificate = self
        while hasattr(certificate, "replaced_by"):
            certificate = certificate.replaced_by
        return certificate

    @property
    def replacement_note(self) -> str:
        """The mark printed on a replacement: "Cấp lại lần 1, ngày 05 tháng 3 năm 2026" (the
        date in words, like every date of the document); "" otherwise."""
        if not self.reissue_number or self.reissued_on is None:
            return ""
        return _("Cấp lại lần %(n)s, %(date)s") % {
            "n": self.reissue_number,
            "date": date_words(self.reissued_on),
        }

    @property
    def kind(self) -> str:
        """The template kind: the title's Giấy chứng nhận, else the authority's Bằng/Giấy khen."""
        honour = self.award_honour
        if honour is not None:
            return TITLE_CERTIFICATE_KINDS[honour.award_type.code]
        return CERTIFICATE_KIND_BY_AUTHORITY[self.authority]

    @property
    def storage_name(self) -> str:
        """Deterministic: every worker writing this certificate writes the same name."""
        return f"certificates/{self.year}/{self.registry_number}.docx"

    @property
    def pdf_storage_name(self) -> str:
        """Deterministic, and a reissue's own (a replacement keeps the registry number)."""
        suffix = f"-L{self.reissue_number}" if self.reissue_number else ""
        return f"certificates/{self.year}/{self.registry_number}{suffix}.pdf"

    @property
    def pdf_current(self) -> bool:
        """It has the PDF of its current rendering."""
        return bool(self.pdf_sha256) and self.pdf_rendered_at == self.rendered_at

    @staticmethod
    def format_registry_number(authority: str, year: int, serial: int, prefix: str = "") -> str:
        return f"{prefix or REGISTRY_PREFIX[authority]}-{year}-{serial:04d}"

    # --- transitions (actions.certificates runs them; the tasks act as workflow.actors.SYSTEM) ---

    @transition(
        field=state,
        source=C.PENDING,
        target=C.RENDERED,
        permission=system_only,
        custom={"label": _("Tạo văn bản")},
    )
    def render_done(
        self, *, actor=None, comment: str = "", audit: dict, template=None, file_name: str = ""
    ) -> None:
        self.template = template
        self.file = file_name  # a new FieldFile, so the engine sees the change
        self.error = ""
        self.rendered_at = timezone.now()
        self.attempts += 1
        audit["template_version"] = template.version if template else None

    @transition(
        field=state,
        source=C.PENDING,
        target=C.FAILED,
        permission=system_only,
        custom={"label": _("Ghi nhận lỗi")},
    )
    def fail(self, *, actor=None, comment: str = "", audit: dict, error: str = "") -> None:
        self.error = error[:4000]
        self.attempts += 1
        audit["error"] = self.error

    @transition(
        field=state,
        source=C.FAILED,
        target=C.PENDING,
        permission=permissions.can_manage_certificates,
        custom={"label": _("Tạo lại"), "style": "warning"},
    )
    def retry(self, *, actor=None, comment: str = "", audit: dict) -> None:
        self.error = ""

    @transition(
        field=state,
        source=C.RENDERED,
        target=C.PRINTED,
        permission=permissions.can_manage_certificates,
        custom={"label": _("Đánh dấu đã in"), "style": "primary"},
    )
    def mark_printed(self, *, actor=None, comment: str = "", audit: dict) -> None:
        pass

    @transition(
        field=state,
        source=C.PRINTED,
        target=C.PRESENTED,
        permission=permissions.can_manage_certificates,
        custom={"label": _("Đánh dấu đã trao"), "style": "success"},
    )
    def mark_presented(self, *, actor=None, comment: str = "", audit: dict) -> None:
        pass

    @transition(
        field=state,
        source=[C.PENDING, C.RENDERED, C.FAILED, C.PRINTED, C.PRESENTED],
        target=C.REVOKED,
        permission=lambda certificate, user: permissions.can_issue_decision(
            certificate.decision, user
        ),
        # Only through services.revocations (with the reason and the Revocation record).
        custom={"label": _("Thu hồi"), "style": "danger", "internal": True},
    )
    def revoke(self, *, actor=None, comment: str = "", audit: dict) -> None:
        """The award was annulled: never rendered, printed or presented again."""
        audit["decision"] = self.decision.number

    @transition(
        field=state,
        source=[C.RENDERED, C.PRINTED, C.PRESENTED],
        target=C.REPLACED,
        permission=lambda certificate, user: permissions.can_issue_decision(
            certificate.decision, user
        ),
        # Only through an approved replacement request (actions.certificates.replacement_approve).
        custom={"label": _("Thay thế bằng bản cấp lại"), "internal": True},
    )
    def replace(self, *, actor=None, comment: str = "", audit: dict, request_id: int = 0) -> None:
        """Superseded by a replacement: its verification link says so and points to the new one."""
        audit["replacement_request"] = request_id


class ReplacementKind(models.TextChoices):
    EXCHANGE = "cap_doi", _("Cấp đổi (hư hỏng)")
    REISSUE = "cap_lai", _("Cấp lại (bị mất)")
    CORRECTION = "dinh_chinh", _("Cấp đổi do sai thông tin (họ tên, ngày sinh, tên đơn vị)")


class ReplacementState(models.TextChoices):
    REQUESTED = "requested", _("Chờ cấp có thẩm quyền duyệt")
    APPROVED = "approved", _("Đã duyệt, đã cấp lại")
    REFUSED = "refused", _("Không duyệt")


def replacement_evidence_upload_to(instance: "ReplacementRequest", filename: str) -> str:
    return f"replacements/{instance.certificate_id}/{filename}"


class ReplacementRequest(ConcurrentTransitionMixin, models.Model):
    """An awardee's request to replace a lost or damaged certificate, or to correct one
    (Thông tư 22/2025/TT-BCA). The authority that issued the decision approves it; approval
    issues the new certificate (services in certificates/replacement.py)."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("Bằng khen/Giấy khen"),
        on_delete=models.PROTECT,
        related_name="replacement_requests",
    )
    applicant = models.CharField(_("người đề nghị"), max_length=255)
    kind = models.CharField(_("hình thức"), max_length=16, choices=ReplacementKind.choices)
    reason = models.TextField(_("lý do"))
    evidence = models.FileField(
        _("tài liệu kèm theo"), upload_to=replacement_evidence_upload_to, blank=True
    )
    state = FSMField(
        _("trạng thái"),
        default=ReplacementState.REQUESTED,
        choices=ReplacementState.choices,
        protected=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    new_certificate = models.OneToOneField(
        Certificate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacement_request_issued",
    )

    class Meta:
        verbose_name = _("đề nghị cấp đổi, cấp lại")
        verbose_name_plural = _("đề nghị cấp đổi, cấp lại")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.certificate.registry_number}"

    @transition(
        field=state,
        source=ReplacementState.REQUESTED,
        target=ReplacementState.APPROVED,
        permission=lambda request, user: permissions.can_issue_decision(
            request.certificate.decision, user
        ),
        custom={"label": _("Duyệt cấp lại"), "style": "primary", "internal": True},
    )
    def approve(self, *, actor=None, comment: str = "", audit: dict) -> None:
        audit["certificate"] = self.certificate.registry_number

    @transition(
        field=state,
        source=ReplacementState.REQUESTED,
        target=ReplacementState.REFUSED,
        permission=lambda request, user: permissions.can_issue_decision(
            request.certificate.decision, user
        ),
        custom={"label": _("Không duyệt"), "style": "danger", "comment_required": True},
    )
    def refuse(self, *, actor=None, comment: str = "", audit: dict) -> None:
        pass


class Revocation(models.Model):
    """An annulled decision (certificate empty) or a single annulled award (Luật 06/2022/QH15:
    fraud, false documents, unlawful review). Its certificates verify as revoked."""

    decision = models.ForeignKey(
        "commendations.Decision",
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        related_name="revocations",
    )
    certificate = models.OneToOneField(
        "commendations.Certificate",
        verbose_name=_("Bằng khen/Giấy khen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocation",
    )
    reason = models.TextField(_("lý do thu hồi, hủy bỏ"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("thu hồi, hủy bỏ quyết định khen thưởng")
        verbose_name_plural = _("thu hồi, hủy bỏ quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(certificate__isnull=True),
                name="revocation_one_per_decision",
            )
        ]

    def __str__(self) -> str:
        return str(self.certificate or self.decision)
