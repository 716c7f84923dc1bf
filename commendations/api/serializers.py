"""Shapes of the API's payloads. Writes go through the services; no domain rule lives here."""

from typing import Any

from django.contrib.auth import authenticate, get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from workflow.models import TransitionLog

from ..models import (
    Attachment,
    AttachmentKind,
    AwardType,
    Campaign,
    Ceremony,
    Certificate,
    CommitteeSession,
    Decision,
    Nomination,
    NominationState,
    NomineeKind,
    NomineeLink,
    Person,
    PrintPack,
    Unit,
    VoteChoice,
)
from ..models.campaigns import Authority
from ..services.attachments import attachment_add
from ..services.certificates import ceremony_create
from ..services.committee import committee_session_create
from ..services.decisions import decision_create
from ..services.nominations import nomination_create, nomination_update

MAX_ID = 2**63 - 1  # the database's bigint: larger ids are refused as input, not a 500


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = authenticate(
            request=self.context.get("request"),
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                _("Tên đăng nhập hoặc mật khẩu không đúng."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "path"]


class AwardTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardType
        fields = ["id", "code", "name", "short_name", "authority", "accepted_kinds"]

    accepted_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)


class CampaignSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = ["id", "code", "name", "year", "opens_on", "closes_on", "award_types"]

    def get_code(self, campaign: Campaign) -> str:
        """Campaigns have no code of their own: the id and year identify them."""
        return f"{campaign.year}-{campaign.pk}"


class NominationSerializer(serializers.ModelSerializer):
    """Read shape, and the create/update payload (writes call the nomination services)."""

    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices)
    nominee_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    nominee_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "campaign",
            "unit",
            "award_type",
            "nominee_kind",
            "nominee_unit",
            "nominee_name",
            "rank",
            "position",
            "workplace",
            "date_of_birth",
            "gender",
            "achievement_summary",
            "citation",
            "state",
            "state_label",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "decision",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "votes_for",
            "votes_against",
            "votes_abstain",
            "decision",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            # campaign and unit are fixed once the nomination exists
            for name in ("campaign", "unit"):
                fields[name].read_only = True
        return fields

    def create(self, validated_data: dict[str, Any]) -> Nomination:
        return nomination_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance: Nomination, validated_data: dict[str, Any]) -> Nomination:
        return nomination_update(
            nomination=instance, actor=self.context["request"].user, **validated_data
        )


class NominationFilterSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    unit = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="The unit and every unit below it."
    )
    award_type = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    state = serializers.ChoiceField(choices=NominationState.choices, required=False)
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices, required=False)
    search = serializers.CharField(
        required=False, max_length=100, help_text="In the nominee's or the unit's name."
    )


class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)
    kind = serializers.ChoiceField(
        choices=AttachmentKind.choices, default=AttachmentKind.ACHIEVEMENT_REPORT
    )

    class Meta:
        model = Attachment
        fields = ["id", "kind", "file", "original_name", "size", "content_type", "uploaded_at"]
        read_only_fields = ["original_name", "size", "content_type", "uploaded_at"]

    def create(self, validated_data: dict[str, Any]) -> Attachment:
        return attachment_add(
            nomination=self.context["nomination"],
            upload=validated_data["file"],
            kind=validated_data["kind"],
            actor=self.context["request"].user,
        )


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    comment_required = serializers.BooleanField()
    form = serializers.CharField(
        help_text="comment; or session: the committee's recommendation, recorded only through "
        "POST /api/v1/committee-sessions/{id}/recommend/ (the tally is computed from the "
        "members' votes, never sent)"
    )


class TransitionRequestSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    expected_state = serializers.ChoiceField(
        choices=NominationState.choices,
        required=False,
        help_text="The state the client saw; 409 concurrent_change if it has moved since.",
    )


class StateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()


class HistorySerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source_state")
    target = serializers.CharField(source="target_state")
    actor = serializers.SerializerMethodField()

    class Meta:
        model = TransitionLog
        fields = ["transition", "source", "target", "actor", "at", "comment"]

    def get_actor(self, log: TransitionLog) -> str | None:
        return log.actor.get_username() if log.actor_id else None


class DecisionSerializer(serializers.ModelSerializer):
    authority = serializers.ChoiceField(choices=Authority.choices)
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        write_only=True,
    )
    nomination_ids = serializers.SerializerMethodField()
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "authority",
            "number",
            "date",
            "signer_name",
            "signer_title",
            "place",
            "state",
            "issued_at",
            "nominations",
            "nomination_ids",
        ]
        read_only_fields = ["issued_at"]
        extra_kwargs = {"place": {"required": False}}

    def get_nomination_ids(self, decision: Decision) -> list[int]:
        return [n.pk for n in decision.nominations.all()]

    def create(self, validated_data: dict[str, Any]) -> Decision:
        ids = validated_data.pop("nominations")
        visible = set(
            self.context["visible_nominations"].filter(pk__in=ids).values_list("pk", flat=True)
        )
        if visible != set(ids):
            raise serializers.ValidationError({"nominations": [_("Có hồ sơ không tồn tại.")]})
        return decision_create(
            actor=self.context["request"].user, nomination_ids=ids, **validated_data
        )


class ImportRequestSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    file = serializers.FileField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())


class TemplateRequestSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class StatisticsRequestSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class StateCountSerializer(serializers.Serializer):
    state = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class KindCountSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FunnelSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class CountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    approved = serializers.IntegerField()
    collective = serializers.IntegerField()
    individual = serializers.IntegerField()


class AwardTypeCountSerializer(CountsSerializer):
    code = serializers.CharField(source="award_type__code")
    short_name = serializers.CharField(source="award_type__short_name")
    name = serializers.CharField(source="award_type__name")


class YearCountSerializer(CountsSerializer):
    year = serializers.IntegerField()


class UnitCountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    path = serializers.CharField()
    depth = serializers.IntegerField()
    own = serializers.IntegerField(help_text="Nominations proposed by this unit itself.")
    total = serializers.IntegerField(help_text="This unit and every unit below it.")
    approved = serializers.IntegerField()


class StepDaysSerializer(serializers.Serializer):
    transition = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    days = serializers.FloatField(help_text="Average days spent before this step.")


class CertificateCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    generated = serializers.IntegerField()
    printed = serializers.IntegerField()
    presented = serializers.IntegerField()
    failed = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    campaign = CampaignSerializer()
    total = serializers.IntegerField()
    approved = serializers.IntegerField()
    finished = serializers.IntegerField()
    approval_rate = serializers.FloatField(
        allow_null=True, help_text="approved / (approved + declined + rejected)"
    )
    by_state = StateCountSerializer(many=True)
    funnel = FunnelSerializer(many=True)
    by_award_type = AwardTypeCountSerializer(many=True)
    by_kind = KindCountSerializer(many=True)
    by_unit = UnitCountSerializer(many=True)
    step_days = StepDaysSerializer(many=True)
    by_year = YearCountSerializer(many=True)
    certificates = CertificateCountsSerializer()


class ProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    pending = serializers.IntegerField()
    waiting = serializers.BooleanField(help_text="Rendering waits for the broker to come back.")
    finished = serializers.BooleanField()


class CeremonySerializer(serializers.ModelSerializer):
    decisions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=500,
        write_only=True,
    )
    decision_ids = serializers.SerializerMethodField()

    class Meta:
        model = Ceremony
        fields = ["id", "name", "date", "place", "decisions", "decision_ids"]

    def get_decision_ids(self, ceremony: Ceremony) -> list[int]:
        return [d.pk for d in ceremony.decisions.all()]

    def create(self, validated_data: dict[str, Any]) -> Ceremony:
        ids = set(validated_data.pop("decisions"))
        decisions = list(self.context["visible_decisions"].filter(pk__in=ids))
        if len(decisions) != len(ids):
            raise serializers.ValidationError({"decisions": [_("Có quyết định không tồn tại.")]})
        return ceremony_create(
            actor=self.context["request"].user, decisions=decisions, **validated_data
        )


class PrintPackSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(source="status", choices=PrintPack.Status.choices)
    pdf_url = serializers.SerializerMethodField()
    zip_url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()

    class Meta:
        model = PrintPack
        fields = [
            "id",
            "ceremony",
            "state",
            "pdf_url",
            "zip_url",
            "docx_url",
            "error",
            "note",
            "certificate_count",
            "page_count",
            "created_at",
            "finished_at",
        ]

    def _url(self, pack: PrintPack, kind: str) -> str | None:
        if pack.status != PrintPack.Status.DONE or not getattr(pack, kind):
            return None
        url = reverse("api-print-pack-download", args=[pack.pk, kind])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_pdf_url(self, pack: PrintPack) -> str | None:
        return self._url(pack, "pdf")

    def get_zip_url(self, pack: PrintPack) -> str | None:
        return self._url(pack, "zip")

    def get_docx_url(self, pack: PrintPack) -> str | None:
        """The merged .docx, when the server has no LibreOffice to make the PDF."""
        return self._url(pack, "docx")


class EligibilityRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    status = serializers.ChoiceField(choices=["met", "not_met", "unknown"])
    reason = serializers.CharField()
    confirmed_by = serializers.CharField(allow_blank=True)
    confirmation_reason = serializers.CharField(allow_blank=True)


class QuotaSerializer(serializers.Serializer):
    used = serializers.IntegerField()
    available = serializers.IntegerField(allow_null=True)
    limit = serializers.IntegerField(allow_null=True)


class EligibilitySerializer(serializers.Serializer):
    """The rules applied to one nomination: rule set in force, conditions, quota."""

    rule_set = serializers.CharField(allow_null=True)
    legal_reference = serializers.CharField(allow_blank=True)
    conditions = EligibilityRowSerializer(many=True)
    quota = QuotaSerializer()


class EligibilityConfirmRequestSerializer(serializers.Serializer):
    """A committee member vouches for a condition the records leave `unknown`: the grounds are
    audited, so they are required (the service says so too)."""

    reason = serializers.CharField(
        max_length=1000,
        error_messages={
            "required": _("Cần ghi rõ căn cứ xác nhận."),
            "blank": _("Cần ghi rõ căn cứ xác nhận."),
        },
    )


class NomineeLinkSerializer(serializers.ModelSerializer):
    """Which person of the history an individual nomination is about (so the conditions that
    read the person's titles and discipline can be decided)."""

    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())

    class Meta:
        model = NomineeLink
        fields = ["nomination", "person"]
        read_only_fields = ["nomination"]


class CertificateSerializer(serializers.ModelSerializer):
    """A certificate with its public verification link (the one in its QR code)."""

    nominee_name = serializers.CharField(source="nomination.nominee_name", read_only=True)
    decision_number = serializers.CharField(source="decision.number", read_only=True)
    verification_url = serializers.SerializerMethodField()
    revoked = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "registry_number",
            "nomination",
            "nominee_name",
            "decision",
            "decision_number",
            "state",
            "download_url",
            "error",
            "verification_url",
            "revoked",
        ]
        read_only_fields = fields

    def get_verification_url(self, certificate: Any) -> str:
        from ..verification import verification_url

        return verification_url(certificate)

    def get_revoked(self, certificate: Any) -> bool:
        from ..verification import is_revoked

        return is_revoked(certificate)

    def get_download_url(self, certificate: Certificate) -> str | None:
        if not certificate.file:
            return None
        url = reverse("api-certificate-download", args=[certificate.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


# --- committee sessions ---------------------------------------------------------------------


class CommitteeSessionSerializer(serializers.ModelSerializer):
    """A sitting of the committee: the list shape and the create payload (the secretary's;
    `committee_session_create` checks every member holds the committee's role)."""

    held_on = serializers.DateField(help_text="ISO date, e.g. 2026-12-10.")
    members = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=get_user_model().objects.filter(is_active=True),
        help_text="User ids of the members sitting in the session.",
    )
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = CommitteeSession
        fields = ["id", "campaign", "held_on", "title", "members", "created_by"]

    def get_created_by(self, session: CommitteeSession) -> str | None:
        return session.created_by.get_username() if session.created_by_id else None

    def create(self, validated_data: dict[str, Any]) -> CommitteeSession:
        return committee_session_create(actor=self.context["request"].user, **validated_data)


class SessionMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, user: Any) -> str:
        return user.get_full_name() or user.get_username()


class MemberVoteSerializer(serializers.Serializer):
    """One sitting member on one nomination: their vote, or why they stand aside."""

    member_id = serializers.IntegerField()
    member = serializers.CharField()
    choice = serializers.ChoiceField(
        choices=[("", "—"), *VoteChoice.choices],
        help_text="for, against, abstain; empty when not voted or recused.",
    )
    choice_label = serializers.CharField(allow_blank=True)
    recused = serializers.BooleanField()
    recusal_reason = serializers.CharField(allow_blank=True)
    automatic = serializers.BooleanField(
        help_text="Recused because the member belongs to the nominee's unit."
    )


class RecusedMemberSerializer(serializers.Serializer):
    member_id = serializers.IntegerField()
    member = serializers.CharField()
    reason = serializers.CharField()


class SessionTallySerializer(serializers.Serializer):
    """Computed from the members' votes; recused members are left out (and of the quorum)."""

    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    votes_abstain = serializers.IntegerField()
    recused = RecusedMemberSerializer(many=True)


class VoteOutcomeSerializer(serializers.Serializer):
    present = serializers.IntegerField()
    quorum = serializers.IntegerField()
    share_percent = serializers.CharField(help_text="More than this per cent must vote for.")
    quorum_met = serializers.BooleanField()
    share_met = serializers.BooleanField()
    passed = serializers.BooleanField()


class SessionNominationSerializer(serializers.Serializer):
    """A row of the session's board: a nomination awaiting review, every member's vote or
    recusal, the tally `recommend` will record and whether it carries under the rules."""

    nomination = serializers.SerializerMethodField()
    members = MemberVoteSerializer(many=True)
    tally = SessionTallySerializer()
    outcome = VoteOutcomeSerializer()
    mine = MemberVoteSerializer(allow_null=True, help_text="The caller's row, if they sit.")

    def get_nomination(self, row: dict[str, Any]) -> dict[str, Any]:
        nomination = row["nomination"]
        return {
            "id": nomination.pk,
            "nominee_name": nomination.nominee_name,
            "unit": nomination.unit_id,
            "award_type": nomination.award_type_id,
            "state": nomination.state,
        }


class CommitteeSessionDetailSerializer(CommitteeSessionSerializer):
    members_detail = SessionMemberSerializer(source="members", many=True, read_only=True)
    nominations = SessionNominationSerializer(
        many=True,
        read_only=True,
        source="board",
        help_text="The campaign's nominations awaiting review that the caller may see.",
    )

    nominations_count = serializers.IntegerField(read_only=True)
    nominations_page = serializers.IntegerField(read_only=True)
    nominations_pages = serializers.IntegerField(read_only=True)

    class Meta(CommitteeSessionSerializer.Meta):
        fields = [
            *CommitteeSessionSerializer.Meta.fields,
            "members_detail",
            "nominations",
            "nominations_count",
            "nominations_page",
            "nominations_pages",
        ]


class SessionPageSerializer(serializers.Serializer):
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Page of `nominations`."
    )


class VoteRequestSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


class RecusalRequestSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    reason = serializers.CharField(
        max_length=1000,
        error_messages={
            "required": _("Cần ghi rõ lý do không tham gia xét."),
            "blank": _("Cần ghi rõ lý do không tham gia xét."),
        },
    )
    member = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="A sitting member's user id: the secretary records it for them. "
        "Default: the caller.",
    )


class SessionRecommendRequestSerializer(serializers.Serializer):
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=1000,
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class RecommendedNominationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "nominee_name", "state", "votes_for", "votes_against", "votes_abstain"]
        read_only_fields = fields
