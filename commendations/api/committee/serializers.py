"""API payloads of council sessions: members, votes, recusals, the computed tally."""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.committee.models import CommitteeSession, VoteChoice
from commendations.committee.services import VOTE_WITHDRAW, committee_session_create
from commendations.nominations.models import Nomination

# --- committee sessions ---------------------------------------------------------------------


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}$", "example": "08:00"})
class ClockTimeField(serializers.TimeField):
    """A time of day as the minutes write it, "08:00" (JSON Schema's `format: time` wants an
    offset, which a meeting's local time does not have)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", input_formats=["%H:%M", "%H:%M:%S"], **kwargs)


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
    chair = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="User id of the member who chaired (one of `members`).",
    )
    secretary = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="User id of the member who kept the minutes (one of `members`).",
    )
    place = serializers.CharField(required=False, allow_blank=True, max_length=255)
    starts_at = ClockTimeField(required=False, allow_null=True, help_text="Start time, e.g. 08:00.")
    ends_at = ClockTimeField(
        required=False, allow_null=True, help_text="End time, after the start, e.g. 11:30."
    )

    class Meta:
        model = CommitteeSession
        fields = [
            "id",
            "campaign",
            "held_on",
            "title",
            "members",
            "created_by",
            "place",
            "starts_at",
            "ends_at",
            "chair",
            "secretary",
        ]

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
    choice = serializers.ChoiceField(
        choices=[*VoteChoice.choices, (VOTE_WITHDRAW, "withdraw")],
        help_text="`withdraw` takes the caller's vote back (before the recommendation).",
    )


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
