"""The nomination (hồ sơ đề nghị khen thưởng), its state machine and its attachments."""

import datetime
import re
import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from commendations.access import permissions
from commendations.campaigns.models import Affiliation, Authority, NomineeKind
from commendations.eligibility.models import AttachmentKind
from commendations.nominations.consolidation import can_consolidate
from commendations.nominations.names import name_key, validate_nominee_name
from commendations.nominations.search import search_normalise


class NominationState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REJECTED = "rejected", _("Không đề nghị")
    RECOMMENDED = "recommended", _("Hội đồng đề nghị")
    AWAITING_MINISTRY = "awaiting_ministry", _("Chờ Bộ Công an quyết định")
    AWAITING_DIRECTOR = "awaiting_director", _("Chờ Giám đốc quyết định")
    APPROVED = "approved", _("Đã khen thưởng")
    DECLINED = "declined", _("Không khen thưởng")
    AWAITING_CONSOLIDATION = "awaiting_consolidation", _("Chờ cấp trên tổng hợp")


S = NominationState
# A nomination in one of these states holds its achievement (and its initiatives).
HOLDING_STATES = (
    S.AWAITING_CONSOLIDATION,
    S.SUBMITTED,
    S.RETURNED,
    S.RECOMMENDED,
    S.AWAITING_MINISTRY,
    S.AWAITING_DIRECTOR,
    S.APPROVED,
)
# Nominations that use a unit's quota at each stage (the nomination being checked excluded).
QUOTA_STATES = {
    "submission": (
        S.AWAITING_CONSOLIDATION,
        S.SUBMITTED,
        S.RECOMMENDED,
        S.AWAITING_MINISTRY,
        S.AWAITING_DIRECTOR,
        S.APPROVED,
    ),
    "recommendation": (S.RECOMMENDED, S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR, S.APPROVED),
}
AWAITING_BY_AUTHORITY = {
    Authority.MINISTRY: S.AWAITING_MINISTRY,
    Authority.PROVINCIAL_DIRECTOR: S.AWAITING_DIRECTOR,
}
EDITABLE_STATES = (S.DRAFT, S.RETURNED)
# The error code of a recommendation attempted without a committee session (a typed tally):
# the API answers it as `tally_from_session`, the web and the admin show the message.
TALLY_FROM_SESSION = "tally_from_session"
RECOMMEND_IN_SESSION = _(
    "Hội đồng đề nghị khen thưởng tại phiên họp: kết quả biểu quyết được tính từ phiếu của "
    "từng thành viên, không nhập tay."
)
# A nomination withdrawn by mistake may be restored this many minutes after, from wherever the
# unit may withdraw it: one behaviour for "Rút hồ sơ" (issue #27 §7). The domain allows it after
# submission too: while withdrawn nobody can act on it (no vote, no forward), and restoring a
# submitted one re-runs the submission's checks (the campaign's window, the unit's quota, which
# another nomination may have taken meanwhile) and tells the committee again.
UNDO_MINUTES = 10
UNDOABLE_WITHDRAWALS = (S.DRAFT, S.RETURNED, S.SUBMITTED)


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


# The kinds of outside recipient that are collectives, and those that are persons; a foreigner
# may be either (a foreign person or a foreign organisation).
OUTSIDE_COLLECTIVES = (Affiliation.HOUSEHOLD, Affiliation.SECURITY_GROUP, Affiliation.ORGANISATION)
OUTSIDE_INDIVIDUALS = (Affiliation.CITIZEN,)


def nominee_key(kind: str, name: str, date_of_birth: datetime.date | None) -> str:
    """What makes two nominations of one campaign the same: the kind, the name (as read: case,
    spacing, invisible characters and lookalike letters ignored, names.name_key) and the date
    of birth. Stored on the row under a unique constraint."""
    folded = name_key(name)
    born = date_of_birth.isoformat() if date_of_birth else "-"
    return f"{kind}|{born}|{folded}"[:NOMINEE_KEY_MAX]


NOMINEE_KEY_MAX = 300
# Separates the "dup<pk>" suffix of rows duplicated before the constraint (never in a name).
LEGACY_DUPLICATE_MARK = "\x1f"
DUPLICATE_CONSTRAINT = "nomination_unique_nominee_per_campaign"


class Nomination(ConcurrentTransitionMixin, models.Model):
    """One proposal: a collective or an individual, for one award type, in one campaign."""

    # The state groups other packages read through the class (eligibility sits below this one).
    HOLDING_STATES = HOLDING_STATES
    QUOTA_STATES = QUOTA_STATES

    campaign = models.ForeignKey(
        "commendations.Campaign",
        verbose_name=_("đợt thi đua"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    unit = models.ForeignKey(
        "commendations.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    award_type = models.ForeignKey(
        "commendations.AwardType",
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominee_kind = models.CharField(
        _("đối tượng"), max_length=16, choices=NomineeKind.choices, default=NomineeKind.COLLECTIVE
    )
    nominee_unit = models.ForeignKey(
        "commendations.Unit",
        verbose_name=_("tập thể được đề nghị (đơn vị)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    nominee_name = models.CharField(
        _("tên tập thể / họ và tên"), max_length=255, validators=[validate_nominee_name]
    )
    rank = models.CharField(_("cấp bậc"), max_length=64, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    workplace = models.CharField(
        _("đơn vị công tác / nơi cư trú"),
        max_length=255,
        blank=True,
        help_text=_("Dòng đơn vị in dưới tên người được khen."),
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    # In the force or which kind of recipient outside it: one outside the force has no rank, is
    # addressed "Ông"/"Bà" (or by its name) and printed with its address instead of a position.
    affiliation = models.CharField(
        _("thuộc lực lượng"),
        max_length=16,
        choices=Affiliation.choices,
        default=Affiliation.FORCE,
    )
    address = models.CharField(
        _("địa chỉ"),
        max_length=255,
        blank=True,
        help_text=_("Người, tập thể ngoài lực lượng Công an: in thay cho chức vụ."),
    )
    nationality = models.CharField(
        _("quốc tịch"), max_length=64, blank=True, help_text=_("Chỉ với người nước ngoài.")
    )
    achievement_summary = models.TextField(_("tóm tắt thành tích"))
    citation = models.CharField(
        _("nội dung in trên Bằng khen/Giấy khen"),
        max_length=500,
        blank=True,
        help_text=_("Để trống để dùng nội dung chung của đợt thi đua."),
    )
    state = FSMField(
        _("trạng thái"), default=S.DRAFT, choices=S.choices, protected=True, db_index=True
    )
    votes_for = models.PositiveIntegerField(_("phiếu tán thành"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("phiếu không tán thành"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("phiếu không biểu quyết"), null=True, blank=True)
    decision = models.ForeignKey(
        "commendations.Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    # nominee_key(kind, name, date of birth), unique per campaign and award type among
    # nominations not withdrawn: the same file imported twice at once cannot create the same
    # nomination twice. (The import also refuses a nominee already proposed in the campaign for
    # another award; that stricter rule is the import's, not the database's.) Rows that were
    # already duplicated before the constraint keep a "<mark>dup<pk>" suffix (migration 0009).
    nominee_key = models.CharField(
        _("khoá trùng lặp"), max_length=NOMINEE_KEY_MAX, editable=False, default=""
    )
    # Set by the proposing unit: the dossier holds state secrets, so it never leaves by the
    # electronic package (Nghị định 152/2025/NĐ-CP, Điều 42); it goes on paper.
    contains_state_secrets = models.BooleanField(
        _("hồ sơ chứa bí mật nhà nước"),
        default=False,
        help_text=_("Hồ sơ chứa bí mật nhà nước không được gửi bằng hồ sơ điện tử."),
    )
    state_secrets_note = models.CharField(
        _("ghi chú về bí mật nhà nước"),
        max_length=255,
        blank=True,
        help_text=_("VD: độ mật, tài liệu nào chứa bí mật, cách gửi bản giấy."),
    )
    # A person outside the force honoured with state-secret content may be given an alias (bí
    # danh): every document and paper of the award prints it instead of the name, which stays in
    # the dossier for those directly involved.
    nominee_alias = models.CharField(
        _("bí danh"),
        max_length=255,
        blank=True,
        help_text=_(
            "Chỉ cho người, tập thể ngoài lực lượng Công an trong hồ sơ có bí mật nhà nước: văn "
            "bản, Bằng khen/Giấy khen và giấy tờ buổi lễ ghi bí danh thay cho tên."
        ),
    )
    # The simplified procedure (thủ tục đơn giản, Luật 06/2022/QH15 Điều 85; Nghị định 98/2023
    # Điều 40) for a sudden feat or act of bravery: the dossier is the Tờ trình and a short summary,
    # and the queues show it first.
    simplified_procedure = models.BooleanField(
        _("thủ tục đơn giản (khen thưởng đột xuất)"), default=False
    )
    feat_date = models.DateField(_("ngày lập thành tích"), null=True, blank=True)
    # A posthumous award (truy tặng): documents and certificates print "TRUY TẶNG" (Thông tư
    # 22/2025/TT-BCA) and a member of the family receives it at the ceremony.
    posthumous = models.BooleanField(_("truy tặng"), default=False)
    posthumous_receiver = models.CharField(
        _("thân nhân nhận thay"),
        max_length=255,
        blank=True,
        help_text=_("Người nhận thay khi truy tặng, VD: Bà Nguyễn Thị B (vợ)."),
    )
    # A dossier with state secrets is seen only by those directly involved: its unit's officers,
    # its author, the deciding authority and these officers, designated to review it in place
    # of a council session (the simplified procedure, Luật 06/2022/QH15 Điều 85).
    designated_reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ được giao thẩm định"),
        blank=True,
        related_name="+",
        help_text=_("Hồ sơ mật: chỉ những cán bộ này (ngoài đơn vị lập và cấp quyết định) xem."),
    )
    # The highest consolidation level passed since the last submission (set by `consolidate`,
    # cleared by `submit`): routing reads it here, never from the audit trail.
    consolidated_through = models.ForeignKey(
        "commendations.Unit",
        verbose_name=_("đã tổng hợp đến cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Set by the handover of a dissolved unit whose turn it was to consolidate this nomination
    # (nominations/handover.py): its heir consolidates in its place; cleared when the heir
    # forwards or returns it and at the next submission.
    consolidation_heir = models.ForeignKey(
        "commendations.Unit",
        verbose_name=_("đơn vị kế thừa việc tổng hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name reduced to its accent-free, case-folded form (nominations/search.py), kept by
    # save(): every list, the API's search= and the admin match typed text against it.
    search_text = models.CharField(max_length=255, blank=True, default="", editable=False)
    # Where and when it was withdrawn: a withdrawn draft may be restored within UNDO_MINUTES.
    withdrawn_from = models.CharField(max_length=32, blank=True, default="", editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("propose_nomination", "Lập, sửa, gửi, rút hồ sơ đề nghị của đơn vị mình"),
            ("review_nomination", "Thẩm định hồ sơ tại Hội đồng"),
            ("forward_nomination", "Chuyển hồ sơ lên cấp quyết định"),
            ("decide_director", "Quyết định khen thưởng của Giám đốc Công an tỉnh"),
            ("decide_ministry", "Ghi nhận Quyết định khen thưởng của Bộ trưởng Bộ Công an"),
            ("manage_certificates", "In, cấp phát Bằng khen/Giấy khen"),
            ("view_all_nominations", "Xem hồ sơ của mọi đơn vị"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=S.values), name="nomination_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(nominee_kind__in=NomineeKind.values),
                name="nomination_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(affiliation__in=Affiliation.values),
                name="nomination_affiliation_valid",
            ),
            # Outside the force there is no rank; a nationality only for a foreigner, and always.
            models.CheckConstraint(
                condition=models.Q(affiliation=Affiliation.FORCE) | models.Q(rank=""),
                name="nomination_outside_force_has_no_rank",
            ),
            models.CheckConstraint(
                condition=models.Q(affiliation=Affiliation.FOREIGNER, nationality__gt="")
                | (~models.Q(affiliation=Affiliation.FOREIGNER) & models.Q(nationality="")),
                name="nomination_nationality_only_for_foreigners",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=S.APPROVED) | models.Q(decision__isnull=False),
                name="nomination_approved_has_decision",
            ),
            # Listed in a decision only while awaiting it or once approved by it (a declined or
            # withdrawn nomination leaves the list), so no nomination sits in two decisions' work.
            models.CheckConstraint(
                condition=models.Q(decision__isnull=True)
                | models.Q(state__in=[S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR, S.APPROVED]),
                name="nomination_decision_only_when_awaiting_or_approved",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=[S.APPROVED, S.DECLINED])
                | models.Q(decided_at__isnull=False),
                name="nomination_decided_has_date",
            ),
            models.UniqueConstraint(
                fields=["campaign", "award_type", "nominee_key"],
                # An empty key only comes from a bulk_create that skipped save() (fixtures).
                condition=~models.Q(state=S.WITHDRAWN) & ~models.Q(nominee_key=""),
                name=DUPLICATE_CONSTRAINT,
                violation_error_message=_(
                    "Người/tập thể này đã có hồ sơ đề nghị hình thức này trong đợt thi đua."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "state"]),
            models.Index(fields=["unit", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.nominee_name} — {self.award_type.short_name}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = search_normalise(self.nominee_name)[:255]
        self.nominee_key_refresh()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "nominee_name" in update_fields:
            update_fields = {*update_fields, "search_text"}
        if update_fields is not None and {"nominee_name", "nominee_kind", "date_of_birth"} & set(
            update_fields
        ):
            update_fields = {*update_fields, "nominee_key"}
        if update_fields is not None:
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("nomination_detail", args=[self.pk])

    @property
    def undo_withdraw_until(self):
        """Until when "Hoàn tác" restores a withdrawn draft; None when it cannot."""
        if self.withdrawn_at is None or self.withdrawn_from not in UNDOABLE_WITHDRAWALS:
            return None
        return self.withdrawn_at + datetime.timedelta(minutes=UNDO_MINUTES)

    @property
    def withdrawal_undoable(self) -> bool:
        until = self.undo_withdraw_until
        return until is not None and timezone.now() <= until

    @property
    def is_individual(self) -> bool:
        return self.nominee_kind == NomineeKind.INDIVIDUAL

    @property
    def is_outside_force(self) -> bool:
        return self.affiliation != Affiliation.FORCE

    @property
    def is_under_review(self) -> bool:
        """At the committee: votes, recusals and eligibility confirmations are taken now."""
        return self.state == S.SUBMITTED

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def printed_citation(self) -> str:
        return self.citation or self.campaign.citation

    @property
    def votes_present(self) -> int:
        return (self.votes_for or 0) + (self.votes_against or 0) + (self.votes_abstain or 0)

    def nominee_key_refresh(self) -> None:
        """Set nominee_key from the kind, name and birth date (a legacy duplicate keeps its
        suffix while those stay the same)."""
        key = nominee_key(self.nominee_kind, self.nominee_name, self.date_of_birth)
        if not self.nominee_key.startswith(key + LEGACY_DUPLICATE_MARK):
            self.nominee_key = key

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.award_type_id and not self.award_type.accepts(self.nominee_kind):
            errors["nominee_kind"] = _("Hình thức “%(award)s” không áp dụng cho %(kind)s.") % {
                "award": self.award_type.name,
                "kind": NomineeKind(self.nominee_kind).label.lower(),
            }
        if (
            self.campaign_id
            and self.award_type_id
            and not self.campaign.award_types.filter(pk=self.award_type_id).exists()
        ):
            errors["award_type"] = _("Đợt thi đua này không xét hình thức “%(award)s”.") % {
                "award": self.award_type.name
            }
        if not (self.nominee_name or "").strip():
            errors["nominee_name"] = _("Cần nhập tên tập thể hoặc họ và tên cá nhân.")
        errors.update(self._affiliation_errors())
        if (self.nominee_alias or "").strip() and not (
            self.contains_state_secrets and self.affiliation not in ("", Affiliation.FORCE)
        ):
            errors["nominee_alias"] = _(
                "Bí danh chỉ dùng cho người, tập thể ngoài lực lượng Công an trong hồ sơ có bí "
                "mật nhà nước."
            )
        if errors:
            raise ValidationError(errors)

    def _affiliation_errors(self) -> dict[str, str]:
        """A recipient outside the force: no rank, an address, the kind (collective/individual)
        its affiliation implies, "Ông"/"Bà" needs the sex of a person; a nationality for a
        foreigner and for no one else. One place for the web form, the API and the import."""
        errors: dict[str, str] = {}
        affiliation = self.affiliation or Affiliation.FORCE
        if affiliation not in Affiliation.values:
            return {"affiliation": _("Giá trị không hợp lệ.")}
        nationality = (self.nationality or "").strip()
        if affiliation == Affiliation.FOREIGNER and not nationality:
            errors["nationality"] = _("Cần nhập quốc tịch của người nước ngoài.")
        if affiliation != Affiliation.FOREIGNER and nationality:
            errors["nationality"] = _("Chỉ nhập quốc tịch cho người nước ngoài.")
        if affiliation == Affiliation.FORCE:
            return errors
        label = Affiliation(affiliation).label
        if (self.rank or "").strip():
            errors["rank"] = _("Người, tập thể ngoài lực lượng Công an không có cấp bậc.")
        if not (self.address or "").strip():
            errors["address"] = _("Cần nhập địa chỉ của %(kind)s.") % {"kind": str(label).lower()}
        if affiliation in OUTSIDE_COLLECTIVES and self.nominee_kind != NomineeKind.COLLECTIVE:
            errors["nominee_kind"] = _("%(kind)s được đề nghị khen thưởng là tập thể.") % {
                "kind": label
            }
        if affiliation in OUTSIDE_INDIVIDUALS and self.nominee_kind != NomineeKind.INDIVIDUAL:
            errors["nominee_kind"] = _("%(kind)s được đề nghị khen thưởng là cá nhân.") % {
                "kind": label
            }
        if self.nominee_kind == NomineeKind.INDIVIDUAL and not self.gender:
            errors["gender"] = _("Cần chọn giới tính để ghi “Ông”/“Bà” trên văn bản.")
        return errors

    # --- transitions: every one takes actor and comment; the workflow engine calls them ---

    @transition(
        field=state,
        source=[S.DRAFT, S.RETURNED],
        target=RETURN_VALUE(S.SUBMITTED, S.AWAITING_CONSOLIDATION),
        permission=permissions.can_propose,
        custom={"label": _("Gửi hồ sơ"), "style": "primary"},
    )
    def submit(self, *, actor=None, comment: str = "", audit: dict, to_consolidation: bool) -> str:
        """Checked by the action (`actions.nominations.nomination_submit`): the window, the
        form, the rule set and the quota; `to_consolidation` when the campaign's multi-level
        review stops first at a consolidating unit."""
        self.submitted_at = timezone.now()
        self.consolidated_through = None  # a new submission climbs the levels from the bottom
        self.consolidation_heir = None
        return S.AWAITING_CONSOLIDATION if to_consolidation else S.SUBMITTED

    @transition(
        field=state,
        source=S.AWAITING_CONSOLIDATION,
        target=RETURN_VALUE(S.AWAITING_CONSOLIDATION, S.SUBMITTED),
        permission=can_consolidate,
        custom={"label": _("Tổng hợp, trình cấp trên"), "style": "primary"},
    )
    def consolidate(
        self, *, actor=None, comment: str = "", audit: dict, unit, levels_remain: bool
    ) -> str:
        """The consolidating `unit` forwards it: to the next configured level while
        `levels_remain`, else to the committee."""
        audit.update(unit_id=unit.pk, unit=unit.name)
        if self.consolidation_heir_id == unit.pk:
            # The heir of a dissolved level: that level (already `consolidated_through`, set by
            # the handover) is passed now.
            audit.update(in_place_of=self.consolidated_through_id)
            self.consolidation_heir = None
        else:
            self.consolidated_through = unit
        return S.AWAITING_CONSOLIDATION if levels_remain else S.SUBMITTED

    @transition(
        field=state,
        source=S.AWAITING_CONSOLIDATION,
        target=S.RETURNED,
        permission=can_consolidate,
        custom={
            "label": _("Trả lại đơn vị đề nghị"),
            "comment_required": True,
            "style": "warning",
        },
    )
    def return_from_consolidation(self, *, actor=None, comment: str = "", audit: dict) -> None:
        self.consolidation_heir = None

    @transition(
        field=state,
        source=[S.DRAFT, S.SUBMITTED, S.RETURNED],
        target=S.WITHDRAWN,
        permission=permissions.can_propose,
        custom={
            "label": _("Rút hồ sơ"),
            "style": "outline-danger",
            "undoable_from": UNDOABLE_WITHDRAWALS,
        },
    )
    def withdraw(self, *, actor=None, comment: str = "", audit: dict) -> None:
        self.withdrawn_from = self.state
        self.withdrawn_at = timezone.now()

    @transition(
        field=state,
        source=S.WITHDRAWN,
        target=RETURN_VALUE(*UNDOABLE_WITHDRAWALS),
        permission=permissions.can_propose,
        conditions=[lambda n: n.withdrawal_undoable],
        custom={"label": _("Hoàn tác: khôi phục hồ sơ đã rút"), "style": "primary"},
    )
    def restore(self, *, actor=None, comment: str = "", audit: dict) -> str:
        """Undo a withdrawal made by mistake: back to the state it left (draft, returned or
        submitted), within UNDO_MINUTES."""
        if not self.withdrawal_undoable:
            raise ValidationError(
                _("Chỉ hoàn tác được trong %(minutes)s phút sau khi rút hồ sơ.")
                % {"minutes": UNDO_MINUTES}
            )
        target = self.withdrawn_from
        self.withdrawn_from, self.withdrawn_at = "", None
        return target

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.RETURNED,
        permission=permissions.can_review,
        custom={"label": _("Trả lại để bổ sung"), "comment_required": True, "style": "warning"},
    )
    def return_for_changes(self, *, actor=None, comment: str = "", audit: dict) -> None:
        pass

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.REJECTED,
        permission=permissions.can_review,
        custom={
            "label": _("Không đề nghị"),
            "comment_required": True,
            "style": "danger",
            "confirm": _(
                "Hồ sơ sẽ không được Hội đồng đề nghị khen thưởng; đơn vị không sửa, gửi lại "
                "được hồ sơ này."
            ),
        },
    )
    def reject(self, *, actor=None, comment: str = "", audit: dict) -> None:
        pass

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.RECOMMENDED,
        permission=permissions.can_recommend,
        custom={"label": _("Đề nghị khen thưởng"), "style": "success", "form": "session"},
    )
    def recommend(
        self, *, actor=None, comment: str = "", audit: dict, session_id: int, tally: dict
    ) -> None:
        """Only from a committee session, through `actions.committee.nominations_recommend`:
        the tally there is computed from the members' votes (recused members left out) and
        checked against the share and the quorum, so no number nobody voted is recorded."""
        self.votes_for = tally["votes_for"]
        self.votes_against = tally["votes_against"]
        self.votes_abstain = tally["votes_abstain"]
        audit.update(
            votes_for=tally["votes_for"],
            votes_against=tally["votes_against"],
            votes_abstain=tally["votes_abstain"],
            session=session_id,
            recused=tally["recused"],
        )

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.RECOMMENDED,
        permission=permissions.can_recommend_simplified,
        conditions=[lambda n: n.simplified_procedure or n.contains_state_secrets],
        custom={
            "label": _("Đề nghị khen thưởng (thủ tục đơn giản, không họp Hội đồng)"),
            "style": "success",
            "comment_required": True,
        },
    )
    def recommend_simplified(self, *, actor=None, comment: str = "", audit: dict, steps) -> None:
        """The simplified procedure's review (a sudden feat, a secret dossier): the officers
        designated review it instead of a council session, when the rule set in force says so
        (`RuleSet.simplified_steps`, checked by `actions.nominations.nomination_recommend_
        simplified`). The reviewer's opinion is the comment."""
        audit["steps"] = list(steps)

    @transition(
        field=state,
        source=S.RECOMMENDED,
        target=RETURN_VALUE(S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR),
        permission=permissions.can_forward,
        custom={"label": _("Trình cấp có thẩm quyền"), "style": "primary"},
    )
    def forward(self, *, actor=None, comment: str = "", audit: dict) -> str:
        """Routed by the award type's authority, never chosen by hand."""
        return AWAITING_BY_AUTHORITY[self.award_type.authority]

    @transition(
        field=state,
        source=S.DRAFT,
        target=RETURN_VALUE(S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR),
        permission=permissions.can_forward,
        custom={"label": _("Trình thẳng cấp có thẩm quyền (không qua Hội đồng)"), "internal": True},
    )
    def propose_to_authority(self, *, actor=None, comment: str = "", audit: dict, path: str) -> str:
        """A path without the council's session, taken only by an action that says which
        (`path`): the long-service batch (`actions.long_service`), proposed by the office from
        the computed due list. Routed by the award type's authority, like `forward`."""
        self.submitted_at = timezone.now()
        audit["path"] = path
        return AWAITING_BY_AUTHORITY[self.award_type.authority]

    @transition(
        field=state,
        source=[S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR],
        target=S.APPROVED,
        permission=permissions.can_decide,
        custom={"label": _("Khen thưởng"), "internal": True},
    )
    def approve(
        self, *, actor=None, comment: str = "", audit: dict, decision=None, decided_at=None
    ) -> None:
        """Only through issuing a Decision (see services.decisions.decision_issue), which gives
        every nomination of the decision the same `decided_at`."""
        if decision is None or decision.authority != self.award_type.authority:
            raise ValidationError(_("Chỉ khen thưởng qua Quyết định của đúng cấp có thẩm quyền."))
        if self.state != AWAITING_BY_AUTHORITY[decision.authority]:
            raise ValidationError(_("Hồ sơ không chờ cấp này quyết định."))
        self.decision = decision
        self.decided_at = decided_at or timezone.now()
        audit.update(decision=decision.pk, decision_number=decision.number)

    @transition(
        field=state,
        source=[S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR],
        target=S.DECLINED,
        permission=permissions.can_decide,
        custom={
            "label": _("Không khen thưởng"),
            "comment_required": True,
            "style": "danger",
            "confirm": _("Hồ sơ sẽ không được khen thưởng; quyết định này là cuối cùng."),
        },
    )
    def decline(self, *, actor=None, comment: str = "", audit: dict) -> None:
        self.decided_at = timezone.now()
        if self.decision_id and self.decision.is_draft:
            self.decision = None  # it leaves the draft decision it was listed in


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.nomination_id}/{safe_storage_name(filename)}"


class Attachment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        _("loại tài liệu"),
        max_length=32,
        choices=AttachmentKind.choices,
        default=AttachmentKind.ACHIEVEMENT_REPORT,
    )
    file = models.FileField(_("tệp"), upload_to=attachment_upload_to, max_length=500)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


def safe_storage_name(filename: str) -> str:
    """ASCII, no directories, no dots but the extension's, and unique."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, _dot, ext = base.rpartition(".")
    if not stem:
        stem, ext = ext, ""
    stem = unicodedata.normalize("NFKD", stem.replace("đ", "d").replace("Đ", "D"))
    stem = stem.encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "tep"
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())[:8]
    return f"{stem}-{uuid.uuid4().hex[:8]}" + (f".{ext}" if ext else "")


def pending_upload_to(instance: "PendingUpload", filename: str) -> str:
    return f"pending/{instance.token}/{safe_storage_name(filename)}"


class PendingUpload(models.Model):
    """A file chosen on the nomination form whose other fields were refused: kept (already
    checked) so the user does not choose it again; it becomes an attachment when the form is
    saved, and is swept after a day otherwise."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=pending_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=AttachmentKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đang chờ lưu")
        verbose_name_plural = _("tệp đang chờ lưu")

    def __str__(self) -> str:
        return self.original_name


def nomination_import_upload_to(job: "NominationImport", filename: str) -> str:
    return f"imports/{timezone.localdate():%Y}/{uuid.uuid4().hex}.xlsx"


class NominationImport(models.Model):
    """One Excel import, run by a worker: the stored file, its progress and its outcome (the row
    errors, or the ids of the drafts created). The web page polls it; the API serves it at
    /api/v1/imports/{id}/."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Đã nhập")
        FAILED = "failed", _("Có lỗi, không nhập")

    campaign = models.ForeignKey(
        "commendations.Campaign", verbose_name=_("đợt thi đua"), on_delete=models.CASCADE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField(_("tệp"), upload_to=nomination_import_upload_to)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    rows_total = models.PositiveIntegerField(_("số dòng"), default=0)
    rows_done = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    created_ids = models.JSONField(_("hồ sơ đã tạo"), default=list, blank=True)
    summary = models.CharField(_("kết quả"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập từ Excel")
        verbose_name_plural = _("lượt nhập từ Excel")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
