"""REST API: units (read-only)."""

from rest_framework import viewsets

from commendations.api.base import ApiMixin
from commendations.units import serializers as units_serializers
from commendations.units.models import Unit


class UnitViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Unit.objects.order_by("path")
    serializer_class = units_serializers.UnitSerializer
