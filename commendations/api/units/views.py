"""REST API: the unit tree in force on a date, a unit's lineage (read-only)."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404 as drf_get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.api.base import ApiMixin
from commendations.api.units import serializers as units_serializers
from commendations.units.models import Unit, UnitVersion
from commendations.units.selectors import unit_lineage

ON = OpenApiParameter(
    "on", datetime.date, OpenApiParameter.QUERY, description="Ngày (YYYY-MM-DD); mặc định hôm nay"
)


@extend_schema_view(
    list=extend_schema(parameters=[ON], description="Cây đơn vị có hiệu lực vào ngày `on`."),
    retrieve=extend_schema(parameters=[ON], description="Đơn vị như vào ngày `on`."),
)
class UnitViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    summaries = {
        "list": "Danh sách đơn vị tại một ngày",
        "retrieve": "Xem một đơn vị tại một ngày",
        "lineage": "Đơn vị tiền thân và kế thừa",
    }

    serializer_class = units_serializers.UnitSerializer
    lookup_field = "unit_id"
    lookup_url_kwarg = "pk"

    def on(self) -> datetime.date:
        params = units_serializers.UnitsOnSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data.get("on") or timezone.localdate()

    def get_queryset(self) -> QuerySet[UnitVersion]:
        return UnitVersion.objects.in_force(self.on()).order_by("unit__path", "pk")

    @extend_schema(responses={200: units_serializers.LineageSerializer})
    @action(detail=True, methods=["get"], pagination_class=None)
    def lineage(self, request: Request, pk: str) -> Response:
        """Predecessors and successors, transitively, each with the event (kind, date, legal
        document) that linked it."""
        unit = drf_get_object_or_404(Unit.objects.all(), pk=pk)
        return Response(units_serializers.LineageSerializer(unit_lineage(unit)).data)
