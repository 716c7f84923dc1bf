"""REST API: replacement certificates (cấp đổi, cấp lại), the same services as the web pages."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.access.permissions import can_manage_certificates_any
from commendations.actions.certificates import replacement_approve, replacement_refuse
from commendations.api.base import ApiMixin
from commendations.api.parsers import JSONParser
from commendations.certificates.models import ReplacementKind, ReplacementRequest
from commendations.certificates.replacement import (
    replacement_request_create,
    replacement_requests_visible_to,
)
from commendations.certificates.selectors import certificates_visible_to


class ReplacementRequestSerializer(serializers.ModelSerializer):
    registry_number = serializers.CharField(source="certificate.registry_number", read_only=True)
    replacement_note = serializers.CharField(
        source="new_certificate.replacement_note", read_only=True, default=""
    )

    class Meta:
        model = ReplacementRequest
        fields = [
            "id",
            "certificate",
            "registry_number",
            "applicant",
            "kind",
            "reason",
            "evidence",
            "state",
            "new_certificate",
            "replacement_note",
            "requested_at",
        ]
        read_only_fields = ["state", "new_certificate", "requested_at"]


class ReplacementCreateSerializer(serializers.Serializer):
    certificate = serializers.PrimaryKeyRelatedField(queryset=certificates_visible_to(None))
    applicant = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=ReplacementKind.choices)
    reason = serializers.CharField()
    evidence = serializers.FileField(required=False, allow_null=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # absent while the schema is generated
        user = getattr(request, "user", None)
        self.fields["certificate"].queryset = certificates_visible_to(user)


class ReplacementDecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReplacementRequestViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests for a replacement certificate: the clerk creates one; the deciding authority
    approves it (the new certificate: same registry number, "Cấp lại lần N") or refuses it."""

    summaries = {
        "list": "Danh sách đề nghị cấp đổi, cấp lại",
        "create": "Đề nghị cấp đổi, cấp lại giấy chứng nhận",
        "retrieve": "Xem một đề nghị cấp đổi, cấp lại",
        "approve": "Duyệt đề nghị cấp đổi, cấp lại",
        "refuse": "Từ chối đề nghị cấp đổi, cấp lại",
    }

    serializer_class = ReplacementRequestSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    action_permissions = {"create": can_manage_certificates_any}

    def get_queryset(self) -> QuerySet:
        return replacement_requests_visible_to(self.request.user).order_by("-requested_at")

    @extend_schema(
        request=ReplacementCreateSerializer, responses={201: ReplacementRequestSerializer}
    )
    def create(self, request: Request) -> Response:
        payload = ReplacementCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        created = replacement_request_create(
            actor=request.user, evidence=payload.validated_data.pop("evidence", None),
            **payload.validated_data,
        )  # fmt: skip
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ReplacementDecisionSerializer, responses={200: ReplacementRequestSerializer}
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        replacement = self.get_object()
        payload = ReplacementDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        replacement_approve(
            replacement_request=replacement,
            actor=request.user,
            comment=payload.validated_data["comment"],
        )
        replacement.refresh_from_db()
        return Response(self.get_serializer(replacement).data)

    @extend_schema(
        request=ReplacementDecisionSerializer, responses={200: ReplacementRequestSerializer}
    )
    @action(detail=True, methods=["post"])
    def refuse(self, request: Request, pk: str) -> Response:
        replacement = self.get_object()
        payload = ReplacementDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        replacement_refuse(
            replacement_request=replacement,
            actor=request.user,
            comment=payload.validated_data["comment"],
        )
        replacement.refresh_from_db()
        return Response(self.get_serializer(replacement).data)
