"""REST API: nominations, their transitions, attachments, eligibility, nominee link, history, and
the Excel import. Every object comes from the selectors (another unit's nomination is a 404 on
every verb); every write calls a service."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.access.permissions import can_forward_any, can_propose_any, can_review_any
from commendations.actions.nominations import nomination_import_submit
from commendations.actions.registry import action_run
from commendations.api import serializers as api_serializers
from commendations.api.base import ApiMixin
from commendations.api.eligibility import serializers as eligibility_serializers
from commendations.api.nominations import serializers as nominations_serializers
from commendations.api.schema import ErrorSerializer
from commendations.campaigns.models import Campaign
from commendations.decisions import documents as decisions_documents
from commendations.eligibility.selectors import nomination_rules_context
from commendations.files.downloads import DOCX, XLSX, docx_response, xlsx_response
from commendations.nominations.dossier import eligibility_confirm, nominee_link_set
from commendations.nominations.imports.jobs import nomination_import_start
from commendations.nominations.imports.template import import_template_build
from commendations.nominations.models import NominationImport
from commendations.nominations.selectors import (
    nomination_imports_of,
    nominations_for_submission_letter,
    nominations_search,
    nominations_visible_to,
)
from commendations.nominations.services import secret_dossier_view_record
from commendations.reports import excel_export
from commendations.units.models import Unit
from workflow.selectors import history


class NominationViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    summaries = {
        "list": "Danh sách hồ sơ đề nghị",
        "create": "Lập hồ sơ đề nghị",
        "retrieve": "Xem một hồ sơ đề nghị",
        "partial_update": "Sửa hồ sơ đề nghị",
        "attachments": "Đính kèm tệp vào hồ sơ",
        "transitions": "Các thao tác người gọi được làm với hồ sơ",
        "transition": "Thực hiện một thao tác với hồ sơ",
        "eligibility": "Kiểm tra điều kiện khen thưởng của hồ sơ",
        "eligibility_confirm": "Xác nhận một điều kiện chưa xác định",
        "nominee_link": "Gắn hồ sơ cá nhân với một người trong lý lịch",
        "history": "Lịch sử xử lý hồ sơ",
        "export": "Xuất danh sách hồ sơ (.xlsx)",
        "submission_letter": "Tải tờ trình cho các hồ sơ đã chọn (.docx)",
        "import_template": "Tải mẫu nhập hồ sơ (.xlsx)",
        "import_": "Nhập hồ sơ từ tệp Excel",
    }
    descriptions = {
        "list": "Các hồ sơ người gọi được xem (đơn vị mình và cấp dưới; Hội đồng, lãnh đạo: "
        "tất cả trừ hồ sơ mật không liên quan), có phân trang, lọc, sắp xếp và updated_since "
        "để đồng bộ dần.",
        "create": "Lập hồ sơ nháp cho đơn vị người gọi (hoặc cấp dưới) trong một đợt đang nhận "
        "hồ sơ; đơn vị đã giải thể bị từ chối kèm tên đơn vị kế thừa. Gửi Idempotency-Key để "
        "gửi lại an toàn.",
        "partial_update": "Sửa hồ sơ còn nháp hoặc bị trả lại. Gửi If-Match với ETag đã đọc: "
        "412 khi hồ sơ đã bị người khác sửa.",
        "attachments": "Đính kèm một tệp (multipart) vào hồ sơ còn sửa được: loại tài liệu và tệp "
        "PDF, DOC/DOCX, JPG/PNG hoặc XLSX trong giới hạn dung lượng.",
        "history": "Các bước đã qua của hồ sơ theo thứ tự thời gian: ai, lúc nào, từ trạng thái "
        "nào sang trạng thái nào, ý kiến.",
        "transitions": "Các thao tác (submit, withdraw, recommend…) người gọi được làm với hồ sơ "
        "lúc này, với những gì mỗi thao tác cần (ý kiến bắt buộc, phiên họp…).",
        "transition": "Thực hiện thao tác `name` với hồ sơ. Gửi expected_state để tránh hai "
        "người cùng thao tác: 409 khi trạng thái đã đổi; 403 khi người gọi không có quyền.",
        "import_template": "Tệp Excel mẫu để nhập hồ sơ: các cột, danh sách chọn và một dòng "
        "ví dụ.",
    }

    serializer_class = nominations_serializers.NominationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {
        action_name: can_propose_any
        for action_name in (
            "create",
            "partial_update",
            "attachments",
            "import_",
            "import_template",
            "nominee_link",
        )
    } | {
        "eligibility_confirm": can_review_any,
        "submission_letter": can_forward_any,
    }

    def get_queryset(self) -> QuerySet:
        if self.action not in ("list", "export"):
            return nominations_visible_to(self.request.user).order_by("-created_at", "-id")
        filters = nominations_serializers.NominationFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        params = dict(filters.validated_data)
        unit = None
        if "unit" in params:
            unit = Unit.objects.filter(pk=params.pop("unit")).first()
            if unit is None:
                return nominations_visible_to(self.request.user).none()
        return nominations_search(
            self.request.user,
            campaign=params.get("campaign"),
            unit=unit,
            award_type=params.get("award_type"),
            nominee_kind=params.get("nominee_kind", ""),
            state=params.get("state", ""),
            q=params.get("search", ""),
        )

    @extend_schema(parameters=[nominations_serializers.NominationFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One nomination; a view of a secret dossier is written to the audit trail."""
        nomination = self.get_object()
        secret_dossier_view_record(nomination=nomination, actor=request.user, what="api")
        return Response(self.get_serializer(nomination).data)

    @extend_schema(
        request={"multipart/form-data": nominations_serializers.AttachmentSerializer},
        responses={201: nominations_serializers.AttachmentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        serializer = nominations_serializers.AttachmentSerializer(
            data=request.data, context={"request": request, "nomination": nomination}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: api_serializers.TransitionSerializer(many=True)})
    @action(detail=True, methods=["get"], filter_backends=[])
    def transitions(self, request: Request, pk: str | None = None) -> Response:
        return self.transitions_page(self.get_object())

    @extend_schema(
        request=api_serializers.TransitionRequestSerializer,
        responses={200: api_serializers.StateSerializer},
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
        payload = api_serializers.TransitionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        nomination = action_run(
            instance=nomination,
            name=name,
            actor=request.user,
            comment=payload.validated_data.get("comment", ""),
            expected_state=payload.validated_data.get("expected_state"),
        )
        return Response({"id": nomination.pk, "state": nomination.state})

    @extend_schema(responses={200: eligibility_serializers.EligibilitySerializer})
    @action(detail=True, methods=["get"], pagination_class=None)
    def eligibility(self, request: Request, pk: str | None = None) -> Response:
        """Each condition of the rule set in force: met / not_met / unknown, with the reason."""
        context = nomination_rules_context(self.get_object())
        rule_set = context["rule_set"]
        return Response(
            eligibility_serializers.EligibilitySerializer(
                {
                    "rule_set": rule_set.name if rule_set else None,
                    "legal_reference": rule_set.legal_reference if rule_set else "",
                    "conditions": context["rows"],
                    "quota": context["quota"],
                }
            ).data
        )

    @extend_schema(
        request=eligibility_serializers.EligibilityConfirmRequestSerializer,
        responses={200: eligibility_serializers.EligibilitySerializer},
        parameters=[
            OpenApiParameter("code", str, OpenApiParameter.PATH, pattern="^[-a-zA-Z0-9_]+$")
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"eligibility/(?P<code>[-a-zA-Z0-9_]+)/confirm",
        url_name="eligibility-confirm",
        pagination_class=None,
    )
    def eligibility_confirm(
        self, request: Request, pk: str | None = None, code: str = ""
    ) -> Response:
        """A committee member confirms a condition reported `unknown`, with the grounds (the
        web's confirmation form; audited). Answers the conditions as they now stand."""
        nomination = self.get_object()
        payload = eligibility_serializers.EligibilityConfirmRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        eligibility_confirm(
            nomination=nomination,
            code=code,
            actor=request.user,
            reason=payload.validated_data["reason"],
        )
        return self.eligibility(request, pk)

    @extend_schema(
        request=nominations_serializers.NomineeLinkSerializer,
        responses={200: nominations_serializers.NomineeLinkSerializer},
    )
    @action(detail=True, methods=["post"], url_path="nominee-link", url_name="nominee-link")
    def nominee_link(self, request: Request, pk: str | None = None) -> Response:
        """Link an individual nomination (draft or returned) to a person of the history; sent
        again, it replaces the person."""
        nomination = self.get_object()
        payload = nominations_serializers.NomineeLinkSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        link = nominee_link_set(
            nomination=nomination, person=payload.validated_data["person"], actor=request.user
        )
        return Response(nominations_serializers.NomineeLinkSerializer(link).data)

    @extend_schema(responses={200: api_serializers.HistorySerializer(many=True)})
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request: Request, pk: str | None = None) -> Response:
        nomination = self.get_object()
        return self.paginated(history(nomination), api_serializers.HistorySerializer)

    @extend_schema(
        parameters=[nominations_serializers.NominationFilterSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request: Request) -> HttpResponse:
        """The filtered list as an Excel workbook."""
        return xlsx_response(
            excel_export.nominations_xlsx(self.get_queryset()), "danh-sach-ho-so.xlsx"
        )

    @extend_schema(
        request=nominations_serializers.SubmissionLetterRequestSerializer,
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description=".docx")},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="submission-letter",
        url_name="submission-letter",
        pagination_class=None,
    )
    def submission_letter(self, request: Request) -> HttpResponse:
        """The council's Tờ trình to the Ministry for the chosen nominations, as .docx (the
        forward queue's button). It lives with nominations, not decisions: like the web route
        (`/forward/submission-letter/`), it acts on nominations the secretary forwards, before
        any decision exists. A POST because the list of ids can be long; it writes nothing."""
        payload = nominations_serializers.SubmissionLetterRequestSerializer(
            data=request.data,
            context={"candidates": nominations_for_submission_letter(request.user)},
        )
        payload.is_valid(raise_exception=True)
        content = decisions_documents.submission_letter(
            payload.validated_data["nominations"], **payload.letter_kwargs()
        )
        return docx_response(content, "to-trinh-bang-khen.docx")

    @extend_schema(
        parameters=[nominations_serializers.TemplateRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    @action(detail=False, methods=["get"], url_path="import-template", pagination_class=None)
    def import_template(self, request: Request) -> HttpResponse:
        params = nominations_serializers.TemplateRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        content = import_template_build(campaign=campaign, user=request.user)
        return xlsx_response(content, "mau-nhap-ho-so.xlsx")

    @extend_schema(
        request={"multipart/form-data": nominations_serializers.ImportRequestSerializer},
        responses={202: nominations_serializers.ImportAcceptedSerializer, 400: ErrorSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
        url_name="import",
    )
    def import_(self, request: Request) -> Response:
        """The file is stored and imported by a worker: 202 with the import's URL; follow it at
        GET /api/v1/imports/{id}/ (status, progress, the row errors or the ids created)."""
        payload = nominations_serializers.ImportRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job = nomination_import_start(
            campaign=payload.validated_data["campaign"],
            upload=payload.validated_data["file"],
            actor=request.user,
        )
        url = reverse("api-import-detail", kwargs={"pk": job.pk})
        return Response(
            {"id": job.pk, "status": job.status, "url": url},
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": url},
        )


class NominationImportViewSet(ApiMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Excel imports (their creator's own): status, progress, row errors, drafts created."""

    summaries = {
        "retrieve": "Theo dõi một lần nhập Excel",
        "submit_ready": "Trình các hồ sơ đã nhập đủ thành phần",
    }

    serializer_class = nominations_serializers.NominationImportSerializer
    action_permissions = {
        "retrieve": can_propose_any,
        "submit_ready": can_propose_any,
    }

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return NominationImport.objects.none()
        return nomination_imports_of(self.request.user)

    @extend_schema(
        request=None, responses={200: nominations_serializers.ImportSubmitResultSerializer}
    )
    @action(detail=True, methods=["post"], url_path="submit-ready", url_name="submit-ready")
    def submit_ready(self, request: Request, pk: str) -> Response:
        """Submit every draft of the import that is complete (same rule as the web button)."""
        count = nomination_import_submit(job=self.get_object(), actor=request.user)
        return Response({"submitted": count})
