"""Quyết định khen thưởng: number, date, signer, the authority that issues it, its state."""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from commendations.access import permissions
from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.documents.signer import Signer, SignerFields
from commendations.validity import Versioned, period_constraint

DECISION_NUMBER_RE = re.compile(r"^\d{1,6}/\S+$")


class SignerMode(models.TextChoices):
    """How the signer signs (Nghị định 30/2020/NĐ-CP, Điều 13): in their own name, or for the
    head (KT.), for a collective body (TM.), as acting head (Q.), by order (TL., TUQ.)."""

    DIRECT = "", _("Ký trực tiếp")
    KT = "KT.", _("KT. (ký thay người đứng đầu)")
    TM = "TM.", _("TM. (thay mặt tập thể)")
    Q = "Q.", _("Q. (quyền)")
    TL = "TL.", _("TL. (thừa lệnh)")
    TUQ = "TUQ.", _("TUQ. (thừa ủy quyền)")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class DecisionPdfStatus(models.TextChoices):
    """The issued decision's PDF/A, made by a worker: only for an authority sealed here."""

    NONE = "", _("Không tạo (văn bản do cấp khác ban hành)")
    PENDING = "pending", _("Đang tạo")
    READY = "ready", _("Sẵn sàng")
    FAILED = "failed", _("Lỗi")


class SignatureState(models.TextChoices):
    """The decree's order (Nghị định 30/2020, Điều 13): the person with authority signs first
    (digitally, `signed`, or by hand on the paper original, `paper`), then the văn thư applies
    the organisation's seal (`sealed`). A decision dated in the past and entered after the fact
    is recorded as a paper original (`paper`) and never sealed here."""

    UNSIGNED = "unsigned", _("Chưa ký")
    SIGNED = "signed", _("Đã ký số")
    PAPER = "paper", _("Bản gốc giấy, ký tay")
    SEALED = "sealed", _("Đã ký và đóng dấu")


class Decision(SignerFields, ConcurrentTransitionMixin, models.Model):
    """Quyết định khen thưởng: the act that approves a list of nominations."""

    authority = models.CharField(_("cấp quyết định"), max_length=32, choices=Authority.choices)
    number = models.CharField(_("số quyết định"), max_length=64, help_text=_("VD: 123/QĐ-CAT-PV05"))
    date = models.DateField(_("ngày ký"))
    year = models.PositiveIntegerField(_("năm"), editable=False)
    signer_mode = models.CharField(
        _("hình thức ký"), max_length=8, choices=SignerMode.choices, default="", blank=True
    )
    signer_principal_title = models.CharField(
        _("chức vụ người đứng đầu (sau KT./TM./TL.)"),
        max_length=120,
        blank=True,
        help_text=_("VD: GIÁM ĐỐC — để trống khi ký trực tiếp"),
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=255, help_text=_("VD: PHÓ GIÁM ĐỐC")
    )
    signer_rank = models.CharField(
        _("cấp bậc người ký"), max_length=64, blank=True, help_text=_("VD: Đại tá")
    )
    signer_name = models.CharField(_("người ký"), max_length=255)
    place = models.CharField(_("địa danh"), max_length=100, default=settings.CERTIFICATE_PLACE)
    registry_first_number = models.PositiveIntegerField(
        _("số vào sổ đầu tiên của cấp ban hành"),
        null=True,
        blank=True,
        help_text=_(
            "Bằng khen do Bộ in và gửi về: số vào sổ của Bộ in trên Bằng khen đầu tiên; các "
            "Bằng khen sau nối tiếp theo thứ tự danh sách."
        ),
    )
    registry_prefix = models.CharField(
        _("tiền tố số vào sổ của cấp ban hành"),
        max_length=32,
        blank=True,
        help_text=_("VD: BK-BCA- (số in ra: BK-BCA-5001)"),
    )
    scan = models.FileField(
        _("bản quét quyết định"), upload_to="decisions/scans/", blank=True, max_length=500
    )
    state = FSMField(
        _("trạng thái"), default=DecisionState.DRAFT, choices=DecisionState.choices, protected=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    # The issued document, made after the issue commits (commendations.decisions.signed_pdf): the
    # .docx, its PDF/A with the organisation's seal, then the signer's own signature uploaded over
    # it.
    docx_file = models.FileField(
        _("văn bản ban hành (.docx)"), upload_to="decisions/", blank=True, max_length=500
    )
    pdf = models.FileField(
        _("văn bản ban hành (PDF/A)"), upload_to="decisions/", blank=True, max_length=500
    )
    pdf_status = models.CharField(
        _("tình trạng bản PDF"),
        max_length=16,
        choices=DecisionPdfStatus.choices,
        default=DecisionPdfStatus.NONE,
        blank=True,
    )
    pdf_sha256 = models.CharField(_("SHA-256 bản PDF"), max_length=64, blank=True)
    pdf_sealed = models.BooleanField(_("đã đóng dấu số của cơ quan"), default=False)
    pdf_sealed_by = models.CharField(_("cơ quan đóng dấu số"), max_length=255, blank=True)
    pdf_made_at = models.DateTimeField(_("thời điểm tạo bản PDF"), null=True, blank=True)
    pdf_error = models.TextField(_("lỗi tạo bản PDF"), blank=True)
    pdf_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    pdf_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    signature_state = FSMField(
        _("chữ ký số của người ký"),
        default=SignatureState.UNSIGNED,
        choices=SignatureState.choices,
        protected=True,
    )
    signed_pdf = models.FileField(
        _("bản PDF có chữ ký số của người ký"), upload_to="decisions/", blank=True, max_length=500
    )
    signed_pdf_sha256 = models.CharField(_("SHA-256 bản đã ký số"), max_length=64, blank=True)
    signed_by = models.CharField(_("người ký số"), max_length=255, blank=True)
    signed_organisation = models.CharField(_("cơ quan của người ký số"), max_length=255, blank=True)
    signed_serial = models.CharField(_("số hiệu chứng thư người ký"), max_length=128, blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký số"), null=True, blank=True)
    # The organisation's seal, applied by the văn thư after the signer signed (its own step):
    # over the signer's signed PDF, or over the scan of a hand-signed paper original.
    sealed_pdf = models.FileField(
        _("bản PDF có con dấu số của cơ quan"), upload_to="decisions/", blank=True, max_length=500
    )
    sealed_pdf_sha256 = models.CharField(_("SHA-256 bản đã đóng dấu"), max_length=64, blank=True)
    sealed_at = models.DateTimeField(_("thời điểm đóng dấu"), null=True, blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "number"], name="decision_number_unique_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=DecisionState.values), name="decision_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(authority__in=Authority.values), name="decision_authority_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(signer_mode__in=SignerMode.values),
                name="decision_signer_mode_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=DecisionState.ISSUED) | models.Q(issued_at__isnull=False),
                name="decision_issued_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(pdf_status__in=DecisionPdfStatus.values),
                name="decision_pdf_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(signature_state__in=SignatureState.values),
                name="decision_signature_state_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(signature_state=SignatureState.SIGNED)
                | (models.Q(state=DecisionState.ISSUED) & ~models.Q(signed_pdf="")),
                name="decision_signed_has_file",
            ),
            models.CheckConstraint(
                condition=~models.Q(signature_state=SignatureState.SEALED)
                | (~models.Q(sealed_pdf="") & models.Q(sealed_at__isnull=False)),
                name="decision_sealed_has_file",
            ),
        ]

    def __str__(self) -> str:
        return _("Quyết định số %(number)s ngày %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y") if self.date else "",
        }

    def save(self, *args, **kwargs) -> None:
        if self.date:
            self.year = self.date.year
        self.number = (self.number or "").strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("decision_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.number and not DECISION_NUMBER_RE.match(self.number.strip()):
            errors["number"] = _("Số quyết định phải có dạng “123/QĐ-...”, ví dụ 123/QĐ-CAT-PV05.")
        needs_principal = self.signer_mode not in ("", SignerMode.Q)
        if needs_principal and not self.signer_principal_title:
            errors["signer_principal_title"] = _(
                "Ký %(mode)s cần chức vụ người đứng đầu, VD: GIÁM ĐỐC."
            ) % {"mode": self.signer_mode}
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.state == DecisionState.DRAFT

    @transition(
        field=state,
        source=DecisionState.DRAFT,
        target=DecisionState.ISSUED,
        permission=permissions.can_issue_decision,
        custom={"label": _("Ban hành quyết định"), "internal": True},
    )
    def issue(
        self, *, actor=None, comment: str = "", audit: dict, nomination_count: int = 0
    ) -> None:
        self.issued_at = timezone.now()
        audit["nominations"] = nomination_count

    @property
    def pdf_ready(self) -> bool:
        return self.pdf_status == DecisionPdfStatus.READY and bool(self.pdf)

    @property
    def served_pdf(self):
        """What the page and the API serve: the sealed PDF once the văn thư sealed it, else the
        signer's signed PDF once there is one, else the PDF/A the signer signs."""
        if self.signature_state == SignatureState.SEALED and self.sealed_pdf:
            return self.sealed_pdf
        if self.signature_state == SignatureState.SIGNED and self.signed_pdf:
            return self.signed_pdf
        return self.pdf if self.pdf_ready else None

    @property
    def is_sealed(self) -> bool:
        """The served PDF carries the organisation's seal (sealed at issue before the seal became
        its own step: `pdf_sealed`)."""
        return self.signature_state == SignatureState.SEALED or self.pdf_sealed

    @property
    def entered_after_the_fact(self) -> bool:
        """Dated before the day it was issued here: its original is on paper, signed and sealed
        by hand then; it is recorded, never sealed with today's time beside its old date."""
        if self.issued_at is None:
            return self.date < timezone.localdate()
        return self.date < timezone.localdate(self.issued_at)

    @property
    def signed_electronically_here(self) -> bool:
        """Signed in the decree's order here: a PDF was made for the signer and the decision is
        not a paper original entered after the fact. Its certificates wait for the seal."""
        return self.pdf_status != DecisionPdfStatus.NONE and not self.entered_after_the_fact

    @property
    def awaits_seal(self) -> bool:
        return (
            self.state == DecisionState.ISSUED
            and self.signed_electronically_here
            and self.signature_state != SignatureState.SEALED
        )

    @property
    def scan_is_pdf(self) -> bool:
        return bool(self.scan) and self.scan.name.lower().endswith(".pdf")

    def _signable(self) -> bool:
        return self.state == DecisionState.ISSUED and self.pdf_ready

    @transition(
        field=signature_state,
        source=SignatureState.UNSIGNED,
        target=SignatureState.SIGNED,
        permission=permissions.can_issue_decision,
        conditions=[_signable],
        custom={"label": _("Ký số quyết định"), "internal": True},
    )
    def sign_digitally(
        self,
        *,
        actor=None,
        comment: str = "",
        audit: dict,
        signed_pdf_name: str,
        sha256: str,
        signer: str,
        organisation: str,
        serial: str,
        signed_at,
    ) -> None:
        """The signer's own signature over the sealed PDF, checked by the caller
        (decision_signed_pdf_upload): record who signed, with which certificate, when."""
        self.signed_pdf = signed_pdf_name  # a new value, so the save writes it
        self.signed_pdf_sha256 = sha256
        self.signed_by = signer
        self.signed_organisation = organisation
        self.signed_serial = serial
        self.signed_at = signed_at
        audit.update(
            {
                "signer": signer,
                "organisation": organisation,
                "serial": serial,
                "signed_at": signed_at.isoformat() if signed_at else None,
                "sha256": sha256,
            }
        )

    def _paper_signable(self) -> bool:
        """Issued, by an authority whose documents are signed here (a Ministry decision is
        recorded from its scan and signed elsewhere)."""
        return (
            self.state == DecisionState.ISSUED
            and AuthorityProfile.for_authority(self.authority).sealed_here
        )

    @transition(
        field=signature_state,
        source=SignatureState.UNSIGNED,
        target=SignatureState.PAPER,
        permission=permissions.can_issue_decision,
        conditions=[_paper_signable],
        custom={"label": _("Ghi nhận bản gốc giấy đã ký tay")},
    )
    def sign_on_paper(
        self, *, actor=None, comment: str = "", audit: dict, scan_name: str = "", signed_at=None
    ) -> None:
        """The signer signed the paper original by hand (its scan, when given, is kept). A
        decision entered after the fact is recorded so at its issue, and stays so."""
        if scan_name:
            self.scan = scan_name
        self.signed_by = self.signer_name
        self.signed_at = signed_at
        audit.update(
            {
                "scan": scan_name or None,
                "after_the_fact": self.entered_after_the_fact,
                "signed_at": signed_at.isoformat() if signed_at else None,
            }
        )

    def _sealable(self) -> bool:
        """The seal comes after the signer's signature, over a file that shows it, and never on
        a decision entered after the fact (its seal is the one on the paper original)."""
        if self.state != DecisionState.ISSUED or self.entered_after_the_fact:
            return False
        if self.signature_state == SignatureState.SIGNED:
            return bool(self.signed_pdf)
        return self.scan_is_pdf

    @transition(
        field=signature_state,
        source=[SignatureState.SIGNED, SignatureState.PAPER],
        target=SignatureState.SEALED,
        permission=permissions.can_seal_decision,
        conditions=[_sealable],
        custom={"label": _("Đóng dấu của cơ quan (văn thư)")},
    )
    def seal(
        self,
        *,
        actor=None,
        comment: str = "",
        audit: dict,
        sealed_pdf_name: str,
        sha256: str,
        organisation: str,
        sealed_at,
    ) -> None:
        """The văn thư's act: the organisation's seal over what the signer signed, at the real
        time (the sealed file is made by the caller, decision_seal)."""
        self.sealed_pdf = sealed_pdf_name
        self.sealed_pdf_sha256 = sha256
        self.sealed_at = sealed_at
        self.pdf_sealed_by = organisation
        audit.update(
            {"organisation": organisation, "sealed_at": sealed_at.isoformat(), "sha256": sha256}
        )


class BaseSalary(Versioned):
    """Mức lương cơ sở between two dates (Nghị định 38/2019, 24/2023, 73/2024/NĐ-CP): prize
    money is a coefficient of the one in force on the decision date. One amount at a time: the
    whole table is one thing, so no two rows overlap; a new decree closes the row before it."""

    validity_key = ()

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    valid_to = models.DateField(
        _("hết áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên mức mới áp dụng; để trống nếu vẫn áp dụng."),
    )
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    source = models.CharField(_("văn bản quy định"), max_length=160)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]
        constraints = [period_constraint("basesalary_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class PrizeRule(Versioned):
    """The prize money for an authority's award (optionally one award type) between two dates:
    coefficient × mức lương cơ sở, a collective `collective_multiplier` times the individual's,
    rounded up to `rounding_unit` đồng (10,000 under every decree so far: Nghị định 91/2017
    Art. 68 §2 already said so; 0: not rounded). The individual's and the collective's amounts
    are each rounded from the unrounded product (DOMAIN.md: 2 × 447,000 = 894,000 → 900,000),
    and a total is the sum of rounded amounts. Versions for one authority and award
    type (or for all its award types) never overlap."""

    validity_key = ("authority", "award_type")

    authority = models.CharField(_("cấp khen thưởng"), max_length=32, choices=Authority.choices)
    award_type = models.ForeignKey(
        "commendations.AwardType",
        verbose_name=_("chỉ cho hình thức"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="prize_rules",
        help_text=_("Để trống: mọi hình thức của cấp này."),
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(
        _("hết áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên không còn áp dụng; để trống nếu vẫn áp dụng."),
    )
    coefficient = models.DecimalField(
        _("hệ số (cá nhân)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    collective_multiplier = models.DecimalField(
        _("tập thể gấp"), max_digits=4, decimal_places=2, default=Decimal("2")
    )
    rounding_unit = models.PositiveIntegerField(
        _("làm tròn lên đến (đồng)"), default=10_000, help_text=_("VD: 10000; 0 là không làm tròn.")
    )
    source = models.CharField(_("văn bản quy định"), max_length=160)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_(
            "Bỏ chọn khi hệ số lấy từ nguồn thứ cấp (báo chí, cổng thông tin), chưa đối chiếu "
            "nguyên văn nghị định."
        ),
    )

    class Meta:
        verbose_name = _("mức tiền thưởng")
        verbose_name_plural = _("mức tiền thưởng")
        ordering = ["authority", "-valid_from"]
        constraints = [
            period_constraint("prizerule_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_authority_display()} × {self.coefficient} ({self.source})"


def submission_letter_upload_to(instance: "SubmissionLetter", filename: str) -> str:
    return f"submission_letters/{instance.year}/{filename}"


class SubmissionLetter(SignerFields, models.Model):
    """Tờ trình đề nghị Bộ trưởng tặng Bằng khen, kept as a record: its number, date, signer and
    the nominations it lists, the .docx as rendered and its PDF/A sealed with the
    organisation's seal, with the council's minutes (Biên bản họp Hội đồng) made beside it. The
    electronic dossier package for the Ministry is built from these stored files."""

    number = models.CharField(_("số Tờ trình"), max_length=64, help_text=_("VD: 15/TTr-CAT-PV05"))
    date = models.DateField(_("ngày Tờ trình"))
    year = models.PositiveIntegerField(_("năm"), editable=False)
    signer_mode = models.CharField(
        _("hình thức ký"), max_length=8, choices=SignerMode.choices, default="", blank=True
    )
    signer_principal_title = models.CharField(
        _("chức vụ người đứng đầu (sau KT./TM./TL.)"), max_length=120, blank=True
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255)
    signer_rank = models.CharField(_("cấp bậc người ký"), max_length=64, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=255)
    nominations = models.ManyToManyField(
        "commendations.Nomination",
        verbose_name=_("hồ sơ trong danh sách"),
        related_name="submission_letters",
    )
    docx = models.FileField(_("Tờ trình (.docx)"), upload_to=submission_letter_upload_to)
    pdf = models.FileField(_("Tờ trình (PDF/A)"), upload_to=submission_letter_upload_to)
    pdf_sha256 = models.CharField(max_length=64)
    minutes_pdf = models.FileField(
        _("Biên bản họp Hội đồng (PDF/A)"), upload_to=submission_letter_upload_to, blank=True
    )
    minutes_sha256 = models.CharField(max_length=64, blank=True)
    sealed = models.BooleanField(
        _("đã ký số (con dấu điện tử)"),
        default=False,
        help_text=_("Không: con dấu điện tử chưa được cấu hình khi lập, tệp PDF chưa ký số."),
    )
    # When the PDFs were made: the package's manifest gives this time, so two builds of one
    # letter's package are the same bytes.
    documents_made_at = models.DateTimeField(_("thời điểm lập tệp"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("Tờ trình đề nghị khen thưởng")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="submission_letter_number_unique_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(signer_mode__in=SignerMode.values),
                name="submission_letter_signer_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return _("Tờ trình số %(number)s ngày %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y") if self.date else "",
        }

    def save(self, *args, **kwargs) -> None:
        if self.date:
            self.year = self.date.year
        self.number = (self.number or "").strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("submission_letter_detail", args=[self.pk])

    @property
    def slug(self) -> str:
        return re.sub(r"[^A-Za-z0-9_-]+", "-", self.number).strip("-") or str(self.pk)

    @property
    def authority(self) -> str:
        """Whom it is addressed to: the authority of the award its nominations ask for (a
        letter lists one authority's nominations only)."""
        first = self.nominations.select_related("award_type").first()
        return first.award_type.authority if first else Authority.MINISTRY

    @property
    def recipient(self) -> str:
        return str(Authority(self.authority).label)


class AuthoritySigner(Versioned, SignerFields):
    """Who signs for an authority between two dates (the Director, or a deputy signing KT.): a
    re-issued certificate (cấp lại, cấp đổi) is signed by the one in force on the re-issue date,
    not by whoever signed the original decision years before. One signer per authority a day."""

    validity_key = ("authority",)

    authority = models.CharField(_("cấp ban hành"), max_length=32, choices=Authority.choices)
    signer_mode = models.CharField(
        _("hình thức ký"), max_length=8, choices=SignerMode.choices, default="", blank=True
    )
    signer_principal_title = models.CharField(
        _("chức vụ người đứng đầu (sau KT./TM./TL.)"), max_length=120, blank=True
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=255, help_text=_("VD: PHÓ GIÁM ĐỐC")
    )
    signer_rank = models.CharField(_("cấp bậc người ký"), max_length=64, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=255)

    class Meta:
        verbose_name = _("người ký của cấp ban hành")
        verbose_name_plural = _("người ký của cấp ban hành")
        ordering = ["authority", "-valid_from"]
        constraints = [
            period_constraint("authoritysigner_dates_ordered"),
            models.CheckConstraint(
                condition=models.Q(authority__in=Authority.values),
                name="authoritysigner_authority_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(signer_mode__in=SignerMode.values),
                name="authoritysigner_signer_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer.one_line} ({self.valid_from:%d/%m/%Y})"

    @classmethod
    def signer_on(cls, authority: str, on: datetime.date) -> Signer | None:
        """The signer in force for `authority` on `on`; None when none is recorded."""
        row = cls.objects.filter(authority=authority).in_force(on).first()
        return row.signer if row is not None else None
