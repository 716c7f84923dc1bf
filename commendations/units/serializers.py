"""API payloads of units."""

from rest_framework import serializers

from commendations.units.models import Unit


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "path"]
