"""API payloads of the caller (`/me/`) and of users by role (choosing a session's members)."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from commendations.access.roles import Role


class UnitBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(help_text="The full name, else the username.")
    unit = UnitBriefSerializer(allow_null=True, help_text="The caller's own unit, if any.")
    units = UnitBriefSerializer(
        many=True, help_text="The units in force today the caller may act for (their subtree)."
    )
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    permissions = serializers.ListField(
        child=serializers.CharField(),
        help_text="Capabilities (access.permissions.Capability) the caller holds.",
    )


class UserBriefSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "name"]

    def get_name(self, user) -> str:
        return user.get_full_name() or user.get_username()


class UsersFilterSerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=Role.choices,
        required=False,
        help_text="Only the users holding this role (committee_member: whom a session seats).",
    )
