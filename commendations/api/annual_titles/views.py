"""REST API: the year-end rating lists — a unit's list and its rows (one by one or from Excel),
its transitions by name (the same actions as the web), and the council's vote and the
recognition decision over many lists at once."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.access.permissions import can_propose_any, user_unit
from commendations.access.selectors import units_of
from commendations.actions.annual_titles import rating_lists_decide, rating_lists_recommend
from commendations.actions.registry import action_allowed, action_run
from commendations.annual_titles import services as rating_services
from commendations.annual_titles.excel import registration_template_xlsx
from commendations.annual_titles.models import RatingList, Registration
from commendations.annual_titles.selectors import (
    annex_groups,
    rating_lists_visible_to,
    registration_summary,
    registrations_visible_to,
)
from commendations.api import serializers as api_serializers
from commendations.api.annual_titles import serializers as rating_serializers
from commendations.api.base import ApiMixin
from commendations.api.schema import ErrorSerializer
from commendations.files.downloads import XLSX, xlsx_response
from commendations.units.models import HonourRecord, Unit


class RatingListViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Lists visible to the caller (the province-wide roles: all; a unit officer: their
    units'); POST drafts one for a unit (its officer)."""

    summaries = {
        "list": "Danh sách bình xét danh hiệu cuối năm",
        "create": "Lập danh sách bình xét của một đơn vị",
        "retrieve": "Xem một danh sách bình xét",
        "rows.get": "Các dòng của danh sách bình xét",
        "rows.post": "Thêm một cán bộ hoặc tập thể vào danh sách bình xét",
        "rows_import": "Nhập các dòng của danh sách bình xét từ Excel",
        "transitions": "Các thao tác người gọi được làm với danh sách bình xét",
        "transition": "Thực hiện một thao tác với danh sách bình xét",
        "recommend": "Hội đồng đề nghị nhiều danh sách bình xét",
        "decide": "Ra quyết định công nhận danh hiệu cho nhiều danh sách",
        "annex": "Phụ lục quyết định công nhận danh hiệu của danh sách",
        "row_delete": "Xóa một dòng khỏi danh sách bình xét",
    }

    serializer_class = rating_serializers.RatingListSerializer
    action_permissions = {
        "create": can_propose_any,
        "rows_import": can_propose_any,
        "recommend": action_allowed(RatingList, "recommend"),
        "decide": action_allowed(RatingList, "decide"),
    }
    filterset_fields = ["year", "state", "unit"]

    def get_queryset(self) -> QuerySet[RatingList]:
        return rating_lists_visible_to(self.request.user).order_by("-year", "unit__code", "pk")

    def perform_create(self, serializer: rating_serializers.RatingListSerializer) -> None:
        serializer.instance = rating_services.rating_list_create(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(
        methods=["GET"], responses={200: rating_serializers.RatingRowSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=rating_serializers.RatingRowSerializer,
        responses={201: rating_serializers.RatingRowSerializer},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def rows(self, request: Request, pk: str) -> Response:
        """The list's rows, each with its exclusion reason; POST adds one officer (`person`) or
        one collective (`unit`) for one title (a draft only)."""
        rating_list = self.get_object()
        serializer_class = rating_serializers.RatingRowSerializer
        if request.method == "POST":
            if not can_propose_any(request.user):
                self.permission_denied(request)
            serializer = serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            row = rating_services.rating_row_add(
                actor=request.user, rating_list=rating_list, **serializer.validated_data
            )
            return Response(serializer_class(row).data, status=status.HTTP_201_CREATED)
        rows = rating_list.rows.select_related("person", "unit", "award_type").order_by("pk")
        return self.paginated(rows, serializer_class)

    @extend_schema(
        responses={204: None},
        parameters=[OpenApiParameter("row_id", int, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"rows/(?P<row_id>[0-9]+)",
        url_name="row-delete",
        pagination_class=None,
    )
    def row_delete(self, request: Request, pk: str, row_id: str = "") -> Response:
        """Take one row off a draft list (its officer)."""
        rating_list = self.get_object()
        if not can_propose_any(request.user):
            self.permission_denied(request)
        row = rating_list.rows.filter(pk=int(row_id)).first()
        if row is None:
            raise NotFound(_("Không có dòng này trong danh sách."))
        rating_services.rating_row_remove(actor=request.user, row=row)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request={"multipart/form-data": rating_serializers.RatingImportSerializer},
        responses={201: rating_serializers.RatingRowSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="rows/import",
        url_name="rows-import",
        parser_classes=[MultiPartParser, FormParser],
        pagination_class=None,
    )
    def rows_import(self, request: Request, pk: str) -> Response:
        """Rows from an Excel workbook, all or nothing (every bad line named)."""
        rating_list = self.get_object()
        payload = rating_serializers.RatingImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        rows = rating_services.rating_rows_import(
            actor=request.user, rating_list=rating_list, source=payload.validated_data["file"]
        )
        return Response(
            rating_serializers.RatingRowSerializer(rows, many=True).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses={200: api_serializers.TransitionSerializer(many=True)})
    @action(detail=True, methods=["get"], filter_backends=[])
    def transitions(self, request: Request, pk: str) -> Response:
        return self.transitions_page(self.get_object())

    @extend_schema(
        request=rating_serializers.RatingTransitionRequestSerializer,
        responses={200: api_serializers.StateSerializer},
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, pattern="^[a-z_]+$")],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"transitions/(?P<name>[a-z_]+)",
        url_name="transition",
    )
    def transition(self, request: Request, pk: str, name: str = "") -> Response:
        """One transition of one list by name (submit, return_to_unit, recommend with the
        tally, decide with the decision's number, date and signer)."""
        rating_list = self.get_object()
        payload = rating_serializers.RatingTransitionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        params = {
            field: data[field]
            for field in rating_serializers.TRANSITION_PARAMS.get(name, ())
            if field in data
        }
        rating_list = action_run(
            instance=rating_list,
            name=name,
            actor=request.user,
            comment=data.get("comment", ""),
            expected_state=data.get("expected_state"),
            **params,
        )
        return Response({"id": rating_list.pk, "state": rating_list.state})

    @extend_schema(responses={200: rating_serializers.AnnexGroupSerializer(many=True)})
    @action(detail=True, methods=["get"], filter_backends=[])
    def annex(self, request: Request, pk: str) -> Response:
        """The annex of the list's recognition decision (every list it recognised), or of this
        list alone while undecided: the officers recognised, grouped by title, then unit."""
        groups = [
            {
                "award_type": g.award_type,
                "unit": g.unit,
                "collective": g.collective,
                "people": [{"code": c, "full_name": n} for c, n in g.people],
            }
            for g in annex_groups(self.get_object())
        ]
        return self.paginated(groups, rating_serializers.AnnexGroupSerializer)

    def _lists(self, ids: list[int]) -> list[RatingList]:
        lists = list(self.get_queryset().filter(pk__in=set(ids)))
        if len(lists) != len(set(ids)):
            raise ValidationError({"lists": _("Có danh sách không tồn tại.")})
        return lists

    @extend_schema(
        request=rating_serializers.RatingListsRecommendSerializer,
        responses={200: rating_serializers.RatingListSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def recommend(self, request: Request) -> Response:
        """The council's vote on many lists (one tally; the caps checked again): all or none."""
        payload = rating_serializers.RatingListsRecommendSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        lists = rating_lists_recommend(
            lists=self._lists(data.pop("lists")), actor=request.user, **data
        )
        return Response(rating_serializers.RatingListSerializer(lists, many=True).data)

    @extend_schema(
        request=rating_serializers.RatingListsDecideSerializer,
        responses={201: rating_serializers.RatingDecisionSerializer},
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def decide(self, request: Request) -> Response:
        """One Quyết định công nhận danh hiệu for many recommended lists: every row still
        proposed recorded in the officers' history."""
        payload = rating_serializers.RatingListsDecideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        lists = self._lists(data.pop("lists"))
        decision = rating_lists_decide(lists=lists, actor=request.user, **data)
        honours = HonourRecord.objects.filter(
            reference=decision.number, decided_on=decision.date
        ).count()
        return Response(
            rating_serializers.RatingDecisionSerializer(
                {
                    "id": decision.pk,
                    "number": decision.number,
                    "date": decision.date,
                    "lists": sorted(rl.pk for rl in lists),
                    "honours": honours,
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )


class RegistrationViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Đăng ký thi đua: the registrations visible to the caller, consolidated up the tree (the
    office sees every unit's; a unit officer their units'); POST registers an officer, or the
    unit itself without `person` (a unit officer)."""

    summaries = {
        "list": "Danh sách đăng ký thi đua",
        "create": "Đăng ký thi đua cho một cán bộ hoặc đơn vị",
        "import_": "Nhập đăng ký thi đua từ Excel",
        "summary": "Tổng hợp đăng ký thi đua theo đơn vị và danh hiệu",
        "template": "Tải mẫu nhập đăng ký thi đua (.xlsx)",
    }
    descriptions = {
        "import_": "Tệp Excel (multipart `file`) cho đơn vị `unit` (và các đơn vị trực thuộc) "
        "và năm `year`: tất cả hoặc không, mỗi dòng sai được nêu (400). Dòng đã đăng ký từ "
        "trước được đếm, không ghi lại.",
        "summary": "Số đăng ký theo đơn vị và danh hiệu trong năm, mỗi đơn vị kèm số cộng cả "
        "các đơn vị trực thuộc, và tổng theo danh hiệu; trong phạm vi người gọi được xem.",
        "template": "Tệp mẫu của một đơn vị: các cột, một dòng cho chính đơn vị, một dòng cho "
        "mỗi cán bộ, danh sách chọn danh hiệu.",
    }

    serializer_class = rating_serializers.RegistrationSerializer
    action_permissions = {
        "create": can_propose_any,
        "import_": can_propose_any,
        "template": can_propose_any,
    }
    filterset_fields = ["year", "unit", "award_type"]

    def get_queryset(self) -> QuerySet[Registration]:
        return registrations_visible_to(self.request.user).order_by("-year", "unit__code", "pk")

    def perform_create(self, serializer: rating_serializers.RegistrationSerializer) -> None:
        serializer.instance = rating_services.registration_add(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(
        request={"multipart/form-data": rating_serializers.RegistrationImportRequestSerializer},
        responses={
            201: rating_serializers.RegistrationImportResultSerializer,
            400: ErrorSerializer,
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
        pagination_class=None,
    )
    def import_(self, request: Request) -> Response:
        """Registrations from an Excel workbook, all or nothing (every bad line named)."""
        payload = rating_serializers.RegistrationImportRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        result = rating_services.registrations_import(
            actor=request.user, unit=data["unit"], year=data["year"], source=data["file"]
        )
        return Response(
            {
                "created": len(result.created),
                "existing": result.existing,
                "registrations": rating_serializers.RegistrationSerializer(
                    result.created, many=True
                ).data,
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[rating_serializers.RegistrationSummaryRequestSerializer],
        responses={200: rating_serializers.RegistrationSummarySerializer},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def summary(self, request: Request) -> Response:
        params = rating_serializers.RegistrationSummaryRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        unit = None
        if params.validated_data.get("unit") is not None:
            unit = Unit.objects.filter(pk=params.validated_data["unit"]).first()
            if unit is None:
                raise NotFound(_("Không có đơn vị này."))
        year = params.validated_data.get("year") or timezone.localdate().year
        summary = registration_summary(request.user, year, unit)
        return Response(rating_serializers.RegistrationSummarySerializer.data_of(summary))

    @extend_schema(
        parameters=[rating_serializers.RegistrationTemplateRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def template(self, request: Request) -> HttpResponse:
        params = rating_serializers.RegistrationTemplateRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        units = units_of(request.user)
        chosen = params.validated_data.get("unit")
        if chosen is not None:
            unit = units.filter(pk=chosen).first()
        else:
            unit = user_unit(request.user) or units.order_by("path").first()
        if unit is None or not units.filter(pk=unit.pk).exists():
            raise NotFound(_("Không có đơn vị này trong phạm vi của đồng chí."))
        return xlsx_response(
            registration_template_xlsx(unit), f"mau-dang-ky-thi-dua-{unit.code}.xlsx"
        )
