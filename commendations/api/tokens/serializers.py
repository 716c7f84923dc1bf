"""API shapes of tokens: never the key, except once in the token endpoint's answer."""

from typing import Any

from rest_framework import serializers

from commendations.tokens.models import ApiToken


class ApiTokenSerializer(serializers.ModelSerializer):
    active = serializers.BooleanField(read_only=True)
    revoked_reason = serializers.CharField(
        read_only=True, help_text="owner, password_changed, deactivated; empty while not revoked"
    )
    current = serializers.SerializerMethodField(
        help_text="Whether this is the token that authenticated this request."
    )

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "revoked_reason",
            "active",
            "current",
        ]
        read_only_fields = fields

    def get_current(self, token: ApiToken) -> bool:
        auth: Any = getattr(self.context.get("request"), "auth", None)
        return isinstance(auth, ApiToken) and auth.pk == token.pk
