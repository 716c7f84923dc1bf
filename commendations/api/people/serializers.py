"""API payloads of people and their history."""

from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.campaigns.models import AwardType
from commendations.units.models import (
    HonourRecord,
    Initiative,
    InitiativeLevel,
    Person,
    ServiceRecord,
    Unit,
)
from commendations.units.selectors import unit_not_in_force_message


class PersonSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Person
        fields = ["id", "code", "full_name", "date_of_birth", "unit"]

    def validate_unit(self, unit: Unit | None) -> Unit | None:
        """A person's unit today is one in force: an old unit's id is refused with its heir (a
        service record may still name it, for the years it existed)."""
        message = unit_not_in_force_message(unit) if unit is not None else None
        if message:
            raise serializers.ValidationError(message)
        return unit


class ServiceRecordSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), allow_null=True)

    class Meta:
        model = ServiceRecord
        fields = ["id", "unit", "rank", "position", "valid_from", "valid_to", "note"]
        extra_kwargs = {"rank": {"required": False}, "position": {"required": False}}


class HonourSerializer(serializers.ModelSerializer):
    award_type = serializers.SlugRelatedField(slug_field="code", queryset=AwardType.objects.all())
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    certificate_registry_number = serializers.SerializerMethodField(
        help_text="The province's Giấy chứng nhận of the title (Chiến sĩ thi đua cơ sở): its "
        "registry number; empty when it has none."
    )

    class Meta:
        model = HonourRecord
        fields = [
            "id",
            "year",
            "award_type",
            "award_type_name",
            "reference",
            "decided_on",
            "decided_by",
            "certificate_registry_number",
            "ministry_certificate_number",
            "ministry_certificate_received_on",
        ]
        read_only_fields = ["ministry_certificate_number", "ministry_certificate_received_on"]
        validators: list = []  # uniqueness is the service's (a 400 with a sentence)

    def get_certificate_registry_number(self, honour: HonourRecord) -> str:
        certificate = getattr(honour, "title_certificate", None)
        return certificate.registry_number if certificate is not None else ""


class MinistryCertificateSerializer(serializers.Serializer):
    """The Ministry's own certificate of a title or award it decided, received by the office."""

    honour = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="The person's honour (id in GET /people/{id}/honours/).",
    )
    ministry_certificate_number = serializers.CharField(max_length=64)
    ministry_certificate_received_on = serializers.DateField()


class InitiativeSerializer(serializers.ModelSerializer):
    level = serializers.ChoiceField(choices=InitiativeLevel.choices)
    used_for = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "title",
            "year",
            "level",
            "recognised_on",
            "decision_number",
            "recognised_by",
            "used_for",
        ]
        validators: list = []
