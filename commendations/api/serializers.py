"""Payloads shared by the API's packages: the token, transitions, states and the history."""

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from rest_framework import serializers

from commendations.nominations.models import NominationState
from workflow.models import TransitionLog

MAX_ID = 2**63 - 1  # the database's bigint: larger ids are refused as input, not a 500


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="What the token is for."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context.get("request")
        user = authenticate(
            # Django's own request: django-axes marks it when it refuses a locked-out client,
            # and its middleware answers with the lockout (commendations/access/lockout.py).
            request=getattr(request, "_request", request),
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
    token = serializers.CharField(help_text="Shown once: send `Authorization: Bearer <token>`.")
    id = serializers.IntegerField()
    expires_at = serializers.DateTimeField()


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
