"""API payloads of units: the version in force on a date, and the lineage."""

from rest_framework import serializers

from commendations.units.models import UnitEvent, UnitKind, UnitVersion


class UnitSerializer(serializers.ModelSerializer):
    """A unit as it stood on the requested day (`id` is the unit's, stable across versions)."""

    id = serializers.IntegerField(source="unit_id", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    kind = serializers.ChoiceField(choices=UnitKind.choices, read_only=True)

    class Meta:
        model = UnitVersion
        fields = ["id", "code", "name", "kind", "parent", "valid_from", "valid_to"]


class UnitsOnSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="YYYY-MM-DD; mặc định hôm nay")


class UnitEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitEvent
        fields = ["id", "kind", "date", "document_number", "document_date", "document_title"]


class LineageStepSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="unit.pk")
    code = serializers.CharField(source="unit.code")
    name = serializers.CharField(source="unit.name")
    distance = serializers.IntegerField(help_text="1 = trực tiếp")
    via = serializers.IntegerField(source="via.pk", help_text="đơn vị liền kề trên chuỗi")
    event = UnitEventSerializer()


class LineageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="unit.pk")
    code = serializers.CharField(source="unit.code")
    name = serializers.CharField(source="unit.name")
    predecessors = LineageStepSerializer(many=True)
    successors = LineageStepSerializer(many=True)
