"""API payloads of people and their history."""

from rest_framework import serializers

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
        ]
        validators: list = []  # uniqueness is the service's (a 400 with a sentence)


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
