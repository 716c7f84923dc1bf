"""A unit's year-end list for the annual titles, its rows, and the caps as shares (dated data)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from commendations.access import permissions
from commendations.campaigns.models import AwardType
from commendations.units.models import Initiative, Person, Unit
from commendations.validity import Versioned, period_constraint


class Rating(models.TextChoices):
    """The officer's yearly rating (xếp loại chất lượng), best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "not_done", _("Không hoàn thành nhiệm vụ")


# Ratings that may be proposed for a title at all (Luật 06/2022: not completing one's duties
# excludes from that year's titles).
RATINGS_PROPOSABLE = (Rating.EXCELLENT, Rating.GOOD, Rating.DONE)


class RatingListState(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    SUBMITTED = "submitted", _("Đã trình Hội đồng")
    RECOMMENDED = "recommended", _("Hội đồng đã đề nghị")
    DECIDED = "decided", _("Đã có quyết định công nhận")


class RatingList(ConcurrentTransitionMixin, models.Model):
    """Danh sách đề nghị công nhận danh hiệu thi đua của một đơn vị cho một năm."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="rating_lists"
    )
    year = models.PositiveIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    submission_number = models.CharField(
        _("số Tờ trình"), max_length=64, blank=True, help_text=_("VD: 12/TTr-PV05")
    )
    submission_date = models.DateField(_("ngày Tờ trình"), null=True, blank=True)
    council_minutes = models.CharField(
        _("biên bản họp Hội đồng TĐKT đơn vị"),
        max_length=255,
        blank=True,
        help_text=_("Số, ngày biên bản họp Hội đồng thi đua, khen thưởng của đơn vị."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    state = FSMField(
        _("trạng thái"),
        max_length=16,
        choices=RatingListState.choices,
        default=RatingListState.DRAFT,
        protected=True,
    )
    votes_for = models.PositiveIntegerField(_("số phiếu tán thành"), default=0)
    votes_against = models.PositiveIntegerField(_("số phiếu không tán thành"), default=0)
    votes_abstain = models.PositiveIntegerField(_("số phiếu không biểu quyết"), default=0)
    decision = models.ForeignKey(
        "commendations.Decision",
        verbose_name=_("quyết định công nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rating_lists",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("danh sách đề nghị công nhận danh hiệu thi đua")
        verbose_name_plural = _("danh sách đề nghị công nhận danh hiệu thi đua")
        ordering = ["-year", "unit__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=RatingListState.values),
                name="ratinglist_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return _("Danh sách đề nghị danh hiệu năm %(year)s — %(unit)s") % {
            "year": self.year,
            "unit": self.unit.name if self.unit_id else "",
        }

    def get_absolute_url(self) -> str:
        return reverse("rating_list_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.state == RatingListState.DRAFT

    @transition(
        field=state,
        source=RatingListState.DRAFT,
        target=RatingListState.SUBMITTED,
        permission=permissions.can_propose_rating_list,
        custom={"label": _("Trình Hội đồng"), "style": "primary"},
    )
    def submit(self, *, actor=None, comment: str = "", audit: dict, rows: int, caps: list) -> None:
        """Checked by the action (`actions.annual_titles.rating_list_submit`): the rows, the
        exclusions and the caps."""
        audit.update({"rows": rows, "caps": caps})

    @transition(
        field=state,
        source=RatingListState.SUBMITTED,
        target=RatingListState.DRAFT,
        permission=permissions.can_recommend_rating_list,
        custom={"label": _("Trả lại đơn vị"), "comment_required": True, "style": "warning"},
    )
    def return_to_unit(self, *, actor=None, comment: str = "", audit: dict) -> None:
        pass

    @transition(
        field=state,
        source=RatingListState.SUBMITTED,
        target=RatingListState.RECOMMENDED,
        permission=permissions.can_recommend_rating_list,
        custom={"label": _("Ghi kết quả biểu quyết của Hội đồng"), "style": "primary"},
    )
    def recommend(
        self,
        *,
        actor=None,
        comment: str = "",
        audit: dict,
        votes_for: int,
        votes_against: int,
        votes_abstain: int,
        caps: list,
    ) -> None:
        self.votes_for = votes_for
        self.votes_against = votes_against
        self.votes_abstain = votes_abstain
        audit.update(
            {
                "votes_for": votes_for,
                "votes_against": votes_against,
                "votes_abstain": votes_abstain,
                "caps": caps,
            }
        )

    @transition(
        field=state,
        source=RatingListState.RECOMMENDED,
        target=RatingListState.DECIDED,
        permission=permissions.can_decide_rating_list,
        custom={"label": _("Quyết định công nhận danh hiệu"), "style": "success"},
    )
    def decide(self, *, actor=None, comment: str = "", audit: dict, decision, honours: int) -> None:
        self.decision = decision
        audit.update({"decision": decision.pk, "number": decision.number, "honours": honours})


class RatingRow(models.Model):
    """One officer (`person`) or one collective (`unit`: the list's unit or a unit within it)
    proposed for one title on a unit's list. An excluded row stays on the list with its reason
    and is recognised nothing."""

    rating_list = models.ForeignKey(RatingList, on_delete=models.CASCADE, related_name="rows")
    person = models.ForeignKey(
        Person,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rating_rows",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rating_rows",
        help_text=_(
            "Đơn vị của danh sách hoặc một đơn vị trực thuộc, khi đề nghị danh hiệu tập thể."
        ),
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu"), on_delete=models.PROTECT, related_name="+"
    )
    rating = models.CharField(_("xếp loại"), max_length=16, choices=Rating.choices)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("sáng kiến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rating_rows",
    )
    excluded_reason = models.CharField(_("lý do không xét"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("cá nhân, tập thể đề nghị công nhận danh hiệu")
        verbose_name_plural = _("cá nhân, tập thể đề nghị công nhận danh hiệu")
        ordering = [
            "rating_list",
            "award_type__sort_order",
            "person__full_name",
            "unit__sort_order",
            "unit__name",
            "pk",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rating_list", "person", "award_type"], name="ratingrow_unique_title"
            ),
            models.UniqueConstraint(
                fields=["rating_list", "unit", "award_type"], name="ratingrow_unique_unit_title"
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="ratingrow_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__in=Rating.values), name="ratingrow_rating_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name}: {self.award_type.name}"

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def subject_name(self) -> str:
        """The one name a row is shown by everywhere (the page, the annex, the decision): the
        officer's full name, or the collective's name."""
        if self.person_id is not None:
            return self.person.full_name
        return self.unit.name if self.unit_id is not None else ""

    @property
    def subject_code(self) -> str:
        """The officer's code, or the collective's unit code."""
        if self.person_id is not None:
            return self.person.code
        return self.unit.code if self.unit_id is not None else ""

    @property
    def subject_key(self) -> tuple[str, int]:
        """("person", id) or ("unit", id): who the row is for, to match rows and records."""
        if self.person_id is not None:
            return ("person", self.person_id)
        return ("unit", self.unit_id)

    @property
    def excluded(self) -> bool:
        return bool(self.excluded_reason)


class TitleCap(Versioned):
    """A title capped as a share of a base: at most `percent` % (rounded down) of those reaching
    `base` in the unit that year may receive `award_type` (Nghị định 91/2017/NĐ-CP: Chiến sĩ thi
    đua cơ sở ≤ 15 % of Chiến sĩ tiên tiến). Dated, with its source and whether it was checked
    against the text."""

    validity_key = ("award_type",)

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu bị giới hạn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    base = models.ForeignKey(
        AwardType, verbose_name=_("tính trên số đạt"), on_delete=models.PROTECT, related_name="+"
    )
    percent = models.DecimalField(
        _("tỷ lệ tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    source = models.CharField(_("văn bản quy định"), max_length=255)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi tỷ lệ chưa được đối chiếu với văn bản đang áp dụng trong CAND."),
    )

    class Meta:
        verbose_name = _("tỷ lệ tối đa của danh hiệu")
        verbose_name_plural = _("tỷ lệ tối đa của danh hiệu")
        ordering = ["award_type__sort_order", "valid_from"]
        constraints = [period_constraint("titlecap_ends_after_start")]

    def __str__(self) -> str:
        return _("%(award)s ≤ %(percent)s %% số %(base)s") % {
            "award": self.award_type.short_name,
            "percent": f"{self.percent.normalize():f}",
            "base": self.base.short_name,
        }

    def limit(self, base_count: int) -> int:
        return int(self.percent * base_count // 100)


class Registration(models.Model):
    """Đăng ký thi đua: at the start of the year a unit registers the title each of its officers
    aims for (`person`), and its own (`person` empty: the unit as a collective)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu đăng ký"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit__sort_order", "award_type__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "person", "award_type"],
                condition=models.Q(person__isnull=False),
                name="registration_unique_person",
            ),
            models.UniqueConstraint(
                fields=["year", "unit", "award_type"],
                condition=models.Q(person__isnull=True),
                name="registration_unique_unit",
            ),
        ]

    def __str__(self) -> str:
        who = self.person.full_name if self.person_id else self.unit.name
        return f"{who}: {self.award_type.name} {self.year}"


class RegistrationRule(Versioned):
    """Whether a title may only be proposed for someone who registered for it at the start of
    the year (a setting: whether Luật 06/2022 still makes registration a precondition is not
    verified). Dated, with its source."""

    validity_key = ("award_type",)

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu"), on_delete=models.PROTECT, related_name="+"
    )
    required = models.BooleanField(_("bắt buộc đăng ký đầu năm"), default=True)
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)
    verified = models.BooleanField(_("đã đối chiếu văn bản"), default=False)

    class Meta:
        verbose_name = _("quy định đăng ký thi đua")
        verbose_name_plural = _("quy định đăng ký thi đua")
        ordering = ["award_type__sort_order", "valid_from"]
        constraints = [period_constraint("registrationrule_ends_after_start")]

    def __str__(self) -> str:
        required = _("bắt buộc đăng ký") if self.required else _("không bắt buộc đăng ký")
        return f"{self.award_type.short_name}: {required}"
