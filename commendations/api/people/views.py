"""REST API: people and their history, so that an HR system keeps them in step — people,
service records, past titles and awards, initiatives; units' honours."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.access.permissions import (
    can_keep_history,
    can_keep_history_any,
    can_record_ministry_certificate,
)
from commendations.api.base import ApiMixin
from commendations.api.people import serializers as people_serializers
from commendations.history import services as history_services
from commendations.history.selectors import honours_of, people_visible_to
from commendations.units.models import Person, Unit


class PersonViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """People visible to the caller; POST records one (the office, or a unit officer for their
    units)."""

    summaries = {
        "list": "Danh sách cán bộ, chiến sĩ",
        "create": "Thêm một người vào lý lịch",
        "retrieve": "Xem một người",
        "service_records.get": "Quá trình công tác của một người",
        "service_records.post": "Ghi một giai đoạn công tác",
        "honours.get": "Danh hiệu, hình thức khen thưởng đã có của một người",
        "honours.post": "Ghi một danh hiệu, hình thức khen thưởng đã có của một người",
        "initiatives.get": "Sáng kiến của một người",
        "initiatives.post": "Ghi một sáng kiến",
        "honour_ministry_certificate": "Ghi nhận đã nhận Bằng, Giấy chứng nhận của Bộ",
    }
    descriptions = {
        "honour_ministry_certificate": "Một danh hiệu, hình thức do Bộ Công an quyết định "
        "(Chiến sĩ thi đua CAND, Cờ thi đua của Bộ Công an, Bằng khen của Bộ trưởng) đi kèm "
        "Bằng, Giấy chứng nhận của Bộ, Công an tỉnh không in: Phòng/Văn thư ghi số và ngày "
        "nhận trên danh hiệu `honour` của người này (ghi lại lần nữa để sửa; có nhật ký). Từ "
        "chối với danh hiệu do Công an tỉnh quyết định (400); 404 khi `honour` không phải "
        "của người này.",
    }

    serializer_class = people_serializers.PersonSerializer
    action_permissions = {
        "create": can_keep_history_any,
        "honour_ministry_certificate": can_record_ministry_certificate,
    }

    def get_queryset(self) -> QuerySet[Person]:
        return people_visible_to(self.request.user)

    def perform_create(self, serializer: people_serializers.PersonSerializer) -> None:
        serializer.instance = history_services.person_create(
            actor=self.request.user, **serializer.validated_data
        )

    def _created(self, serializer_class: type, instance: object) -> Response:
        return Response(serializer_class(instance).data, status=status.HTTP_201_CREATED)

    def _payload(self, request: Request, serializer_class: type, person: Person) -> dict:
        if not can_keep_history(request.user, person.unit):
            self.permission_denied(request)
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @extend_schema(
        methods=["GET"], responses={200: people_serializers.ServiceRecordSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=people_serializers.ServiceRecordSerializer,
        responses={201: people_serializers.ServiceRecordSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="service-records", filter_backends=[])
    def service_records(self, request: Request, pk: str) -> Response:
        person = self.get_object()
        serializer_class = people_serializers.ServiceRecordSerializer
        if request.method == "POST":
            record = history_services.service_record_add(
                actor=request.user,
                person=person,
                **self._payload(request, serializer_class, person),
            )
            return self._created(serializer_class, record)
        records = person.service_records.select_related("unit").order_by("valid_from")
        return self.paginated(records, serializer_class)

    @extend_schema(methods=["GET"], responses={200: people_serializers.HonourSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=people_serializers.HonourSerializer,
        responses={201: people_serializers.HonourSerializer},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def honours(self, request: Request, pk: str) -> Response:
        person = self.get_object()
        serializer_class = people_serializers.HonourSerializer
        if request.method == "POST":
            honour = history_services.honour_add(
                actor=request.user,
                person=person,
                **self._payload(request, serializer_class, person),
            )
            return self._created(serializer_class, honour)
        return self.paginated(honours_of(person=person), serializer_class)

    @extend_schema(
        request=people_serializers.MinistryCertificateSerializer,
        responses={200: people_serializers.HonourSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="honours/ministry-certificate",
        filter_backends=[],
    )
    def honour_ministry_certificate(self, request: Request, pk: str) -> Response:
        person = self.get_object()
        serializer = people_serializers.MinistryCertificateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        honour = get_object_or_404(person.honours.all(), pk=data["honour"])
        honour = history_services.honour_ministry_certificate_record(
            actor=request.user,
            honour=honour,
            number=data["ministry_certificate_number"],
            received_on=data["ministry_certificate_received_on"],
        )
        return Response(people_serializers.HonourSerializer(honour).data)

    @extend_schema(
        methods=["GET"], responses={200: people_serializers.InitiativeSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=people_serializers.InitiativeSerializer,
        responses={201: people_serializers.InitiativeSerializer},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def initiatives(self, request: Request, pk: str) -> Response:
        person = self.get_object()
        serializer_class = people_serializers.InitiativeSerializer
        if request.method == "POST":
            initiative = history_services.initiative_add(
                actor=request.user,
                person=person,
                **self._payload(request, serializer_class, person),
            )
            return self._created(serializer_class, initiative)
        return self.paginated(person.initiatives.order_by("-year", "pk"), serializer_class)


class UnitHonoursView(ApiMixin, generics.GenericAPIView):
    """A unit's past titles and awards (collective honours: seen within the force, like the
    unit tree); POST records one (the TĐKT office)."""

    summaries = {
        "get": "Danh hiệu, hình thức khen thưởng đã có của một đơn vị",
        "post": "Ghi một danh hiệu, hình thức khen thưởng đã có của một đơn vị",
    }

    serializer_class = people_serializers.HonourSerializer
    queryset = Unit.objects.all()
    filter_backends: list = []  # the unit is looked up, not filtered; its honours in their order

    @extend_schema(responses={200: people_serializers.HonourSerializer(many=True)})
    def get(self, request: Request, pk: str) -> Response:
        unit = self.get_object()
        return self.paginated(honours_of(unit=unit), self.get_serializer_class())

    @extend_schema(responses={201: people_serializers.HonourSerializer})
    def post(self, request: Request, pk: str) -> Response:
        unit = self.get_object()
        if not can_keep_history(request.user, None):
            self.permission_denied(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        honour = history_services.honour_add(
            actor=request.user, unit=unit, **serializer.validated_data
        )
        return Response(self.get_serializer(honour).data, status=status.HTTP_201_CREATED)
