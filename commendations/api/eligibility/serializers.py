"""API payloads of the eligibility report and a condition's confirmation."""

from django.utils.translation import gettext as _
from rest_framework import serializers


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
