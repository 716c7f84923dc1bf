"""REST API: ceremonies and their print packs."""

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.access.permissions import can_manage_certificates_any
from commendations.api.base import ApiMixin
from commendations.api.ceremonies import serializers as ceremonies_serializers
from commendations.ceremonies import services as ceremonies_services
from commendations.ceremonies.models import Ceremony, PrintPack
from commendations.ceremonies.selectors import PRINT_PACK_FILES
from commendations.decisions.selectors import decisions_visible_to
from commendations.files.downloads import stored_file_response


def _clerk_only(user: Any) -> bool:
    return can_manage_certificates_any(user)


class CeremonyViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Ceremonies and their print packs: the clerk's (văn thư) work."""

    summaries = {
        "list": "Danh sách buổi lễ trao tặng",
        "create": "Tạo buổi lễ trao tặng",
        "retrieve": "Xem một buổi lễ trao tặng",
        "update": "Ghi lại toàn bộ thông tin buổi lễ",
        "partial_update": "Sửa thông tin buổi lễ",
        "presenters": "Chỉ định người trao cho một quyết định",
        "print_pack": "Bắt đầu lập bộ in của buổi lễ",
    }

    serializer_class = ceremonies_serializers.CeremonySerializer
    action_permissions = {
        "create": can_manage_certificates_any,
        "update": can_manage_certificates_any,
        "partial_update": can_manage_certificates_any,
    }

    def get_queryset(self) -> QuerySet:
        if not _clerk_only(self.request.user):
            return Ceremony.objects.none()
        return Ceremony.objects.prefetch_related("decisions").order_by("-date", "-id")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["visible_decisions"] = decisions_visible_to(self.request.user)
        return context

    @extend_schema(
        request=ceremonies_serializers.PresenterSerializer,
        responses={200: ceremonies_serializers.PresenterSerializer(many=True)},
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def presenters(self, request: Request, pk: str | None = None) -> Response:
        """Name who presents one decision's awards (the MC script invites this person, not the
        signer); posting again for the same decision replaces it. Returns every presenter."""
        ceremony = self.get_object()
        payload = ceremonies_serializers.PresenterSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        decision = get_object_or_404(ceremony.decisions.all(), pk=data["decision_id"])
        ceremonies_services.ceremony_presenter_set(
            actor=request.user,
            ceremony=ceremony,
            decision=decision,
            rank=data.get("rank", ""),
            title=data["title"],
            name=data["name"],
        )
        return Response(
            ceremonies_serializers.PresenterSerializer(ceremony.presenters.all(), many=True).data
        )

    @extend_schema(request=None, responses={202: ceremonies_serializers.PrintPackSerializer})
    @action(detail=True, methods=["post"], url_path="print-pack", url_name="print-pack")
    def print_pack(self, request: Request, pk: str | None = None) -> Response:
        """Start building the print pack (PDF in ceremony order + ZIP); poll /print-packs/{id}/."""
        pack = ceremonies_services.print_pack_request(
            ceremony=self.get_object(), actor=request.user
        )
        return Response(
            ceremonies_serializers.PrintPackSerializer(pack, context={"request": request}).data,
            status=status.HTTP_202_ACCEPTED,
        )


class PrintPackViewSet(ApiMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    summaries = {
        "retrieve": "Xem tình trạng bộ in",
        "download": "Tải một tệp của bộ in",
    }
    descriptions = {
        "retrieve": "Tình trạng dựng bộ in của một buổi lễ (đang dựng, xong, lỗi) và tiến độ; "
        "khi xong, các tệp (PDF theo thứ tự trao, ZIP) tải ở /print-packs/{id}/{kind}/. "
        "Chỉ văn thư.",
        "download": "Một tệp của bộ in đã dựng xong: `pdf` (tất cả giấy chứng nhận theo thứ "
        "tự trao) hoặc `zip`. 404 khi bộ in chưa xong.",
    }

    serializer_class = ceremonies_serializers.PrintPackSerializer

    def get_queryset(self) -> QuerySet:
        if not _clerk_only(self.request.user):
            return PrintPack.objects.none()
        return PrintPack.objects.all()

    @extend_schema(
        operation_id="print_packs_download",
        parameters=[
            OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(PRINT_PACK_FILES))
        ],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="pdf, zip or docx"
            )
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"(?P<kind>pdf|zip|docx)",
        url_name="download",
        pagination_class=None,
    )
    def download(self, request: Request, pk: str | None = None, kind: str = "") -> FileResponse:
        pack = self.get_object()
        if pack.status != PrintPack.Status.DONE:
            raise Http404
        field, content_type, filename = PRINT_PACK_FILES[kind]
        return stored_file_response(
            getattr(pack, field),
            filename=f"le-{pack.ceremony_id}-{filename}",
            content_type=content_type,
        )
