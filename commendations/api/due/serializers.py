"""API payloads of the due list."""

from rest_framework import serializers

from commendations.campaigns.models import NomineeKind


class DueRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2999, required=False)
    award_type = serializers.CharField(max_length=32, required=False, allow_blank=True)
    subject_kind = serializers.ChoiceField(choices=NomineeKind.choices, required=False)
    unit = serializers.IntegerField(required=False, min_value=1)


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()

    def get_name(self, obj: object) -> str:
        return getattr(obj, "full_name", None) or getattr(obj, "name", "")


class DueAwardTypeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    category = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    award_type = serializers.CharField()
    decision = serializers.CharField()


class DueEntrySerializer(serializers.Serializer):
    subject_kind = serializers.CharField()
    person = NamedSerializer(allow_null=True)
    unit = NamedSerializer(allow_null=True)
    award_type = DueAwardTypeSerializer()
    reason = serializers.CharField()
    evidence = EvidenceSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    excluded = serializers.CharField()
    complete = serializers.BooleanField()
