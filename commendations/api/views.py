"""REST API v1. Every object comes from the selectors (unit scoping in one place: another unit's
nomination is a 404 on every verb); every write calls a service."""

import inspect
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workflow.services import available_transitions, history, transition_perform

from ..models import AwardType, Campaign, Unit
from ..selectors import decisions_visible_to, nominations_visible_to
from ..services import excel_export, excel_import
from ..services.decisions import decision_issue
from ..stats import campaign_statistics
from . import serializers as s
from .schema import ApiAutoSchema, ImportErrorSerializer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ApiMixin:
    schema = ApiAutoSchema()


class TokenView(ApiMixin, APIView):
    """Exchange a username and password for a token: then send `Authorization: Token <token>`."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(request=s.TokenRequestSerializer, responses={200: s.TokenSerializer})
    def post(self, request: Request) -> Response:
        serializer = s.TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class UnitViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Unit.objects.order_by("path")
    serializer_class = s.UnitSerializer


class CampaignViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Campaign.objects.prefetch_related("award_types").order_by("-year", "name")
    serializer_class = s.CampaignSerializer


class AwardTypeViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    queryset = AwardType.objects.order_by("sort_order", "code")
    serializer_class = s.AwardTypeSerializer


def filter_nominations(queryset: QuerySet, params: dict[str, Any]) -> QuerySet:
    """Apply the list filters (already validated by NominationFilterSerializer)."""
    if params.get("campaign"):
        queryset = queryset.filter(campaign_id=params["campaign"])
    if params.get("unit"):
        unit = Unit.objects.filter(pk=params["unit"]).first()
        if unit is None:
            return queryset.none()
        queryset = queryset.filter(Q(unit=unit) | Q(unit__path__startswith=f"{unit.path}/"))
    if params.get("award_type"):
        queryset = queryset.filter(award_type_id=params["award_type"])
    if params.get("state"):
        queryset = queryset.filter(state=params["state"])
    if params.get("nominee_kind"):
        queryset = queryset.filter(nominee_kind=params["nominee_kind"])
    if params.get("search"):
        term = params["search"].strip()
        queryset = queryset.filter(
            Q(nominee_name__icontains=term)
            | Q(workplace__icontains=term)
            | Q(position__icontains=term)
        )
    return queryset


@extend_schema(parameters=[s.NominationFilterSerializer])
class NominationViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.NominationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet:
        queryset = nominations_visible_to(self.request.user).order_by("-created_at", "-id")
        if self.action in ("list", "export"):
            filters = s.NominationFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            queryset = filter_nominations(queryset, filters.validated_data)
        return queryset

    @extend_schema(parameters=[s.NominationFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": s.AttachmentSerializer},
        responses={201: s.AttachmentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        serializer = s.AttachmentSerializer(
            data=request.data, context={"request": request, "nomination": nomination}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.TransitionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def transitions(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        data = [
            {
                "name": t.name,
                "label": t.label,
                "comment_required": t.comment_required,
                "form": t.form,
            }
            for t in available_transitions(nomination, request.user)
        ]
        return Response(s.TransitionSerializer(data, many=True).data)

    @extend_schema(
        request=s.TransitionRequestSerializer,
        responses={200: s.StateSerializer},
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, pattern="^[a-z_]+$")],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"transitions/(?P<name>[a-z_]+)",
        url_name="transition",
    )
    def transition(self, request: Request, pk: str | None = None, name: str = "") -> Response:
        nomination = self.get_object()
        payload = s.TransitionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        comment = data.pop("comment", "")
        expected_state = data.pop("expected_state", None)
        # Extra inputs (the vote tally) go only to a transition that takes them.
        method = getattr(type(nomination), name, None)
        accepted = inspect.signature(method).parameters if callable(method) else {}
        params = {k: v for k, v in data.items() if k in accepted}
        nomination = transition_perform(
            instance=nomination,
            name=name,
            actor=request.user,
            comment=comment,
            expected_state=expected_state,
            **params,
        )
        return Response({"id": nomination.pk, "state": nomination.state})

    @extend_schema(responses={200: s.HistorySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        return Response(s.HistorySerializer(history(nomination), many=True).data)

    @extend_schema(
        parameters=[s.NominationFilterSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request: Request) -> HttpResponse:
        """The filtered list as an Excel workbook."""
        return xlsx_response(
            excel_export.nominations_xlsx(self.get_queryset()), "danh-sach-ho-so.xlsx"
        )

    @extend_schema(
        parameters=[s.TemplateRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    @action(detail=False, methods=["get"], url_path="import-template", pagination_class=None)
    def import_template(self, request: Request) -> HttpResponse:
        params = s.TemplateRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        content = excel_import.import_template_build(campaign=campaign, user=request.user)
        return xlsx_response(content, "mau-nhap-ho-so.xlsx")

    @extend_schema(
        request={"multipart/form-data": s.ImportRequestSerializer},
        responses={201: s.ImportResultSerializer, 400: ImportErrorSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
        url_name="import",
    )
    def import_(self, request: Request) -> Response:
        """All or nothing: 201 with the new drafts, or 400 with every error by row and column."""
        payload = s.ImportRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = excel_import.nominations_import(
            campaign=payload.validated_data["campaign"],
            upload=payload.validated_data["file"],
            actor=request.user,
        )
        if not result.ok:
            return Response(
                {
                    "code": "validation_error",
                    "detail": result.summary,
                    "errors": [e.as_dict() for e in result.errors],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {"created": len(result.created), "ids": [n.pk for n in result.created]},
            status=status.HTTP_201_CREATED,
        )


class DecisionViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.DecisionSerializer

    def get_queryset(self) -> QuerySet:
        return decisions_visible_to(self.request.user).prefetch_related("nominations")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["visible_nominations"] = nominations_visible_to(self.request.user)
        return context

    @extend_schema(request=None, responses={200: s.StateSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Approve every nomination of the decision (all or none)."""
        decision = decision_issue(decision=self.get_object(), actor=request.user)
        return Response({"id": decision.pk, "state": decision.state})

    @extend_schema(
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def annex(self, request: Request, pk: str | None = None) -> HttpResponse:
        """Danh sách kèm theo Quyết định, as .xlsx."""
        decision = self.get_object()
        return xlsx_response(
            excel_export.decision_annex_xlsx(decision), f"danh-sach-kem-theo-qd-{decision.pk}.xlsx"
        )


class StatisticsView(ApiMixin, APIView):
    """The dashboard's numbers (the same selector as the web page)."""

    @extend_schema(
        parameters=[s.StatisticsRequestSerializer], responses={200: s.StatisticsSerializer}
    )
    def get(self, request: Request) -> Response:
        params = s.StatisticsRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        stats = campaign_statistics(campaign=campaign, user=request.user)
        return Response(s.StatisticsSerializer(stats).data)


class StatisticsExportView(ApiMixin, APIView):
    @extend_schema(
        parameters=[s.StatisticsRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    def get(self, request: Request) -> HttpResponse:
        params = s.StatisticsRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        stats = campaign_statistics(campaign=campaign, user=request.user)
        return xlsx_response(excel_export.statistics_xlsx(stats), f"thong-ke-{campaign.pk}.xlsx")
