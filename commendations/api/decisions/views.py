"""REST API: decisions: drafting, issuing, the Word document, certificate progress."""

import tempfile
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.access.permissions import can_decide_any, can_forward_any, can_issue_decision
from commendations.actions.certificates import revocation_create
from commendations.actions.decisions import (
    decision_issue,
    decision_paper_original,
    decision_sign,
)
from commendations.actions.registry import action_run
from commendations.api import serializers as api_serializers
from commendations.api.base import ApiMixin
from commendations.api.certificates import serializers as certificates_serializers
from commendations.api.decisions import serializers as decisions_serializers
from commendations.api.exceptions import error_response
from commendations.api.schema import ErrorSerializer
from commendations.certificates import services as certificates_services
from commendations.certificates.selectors import certificates_of_decision
from commendations.decisions import documents as decisions_documents
from commendations.decisions.models import SignatureState
from commendations.decisions.package import package_filename, package_write
from commendations.decisions.selectors import (
    decision_pdf_unavailable_reason,
    decisions_visible_to,
    submission_letters_visible_to,
)
from commendations.decisions.services import decision_delete
from commendations.files.downloads import DOCX, XLSX, stored_file_response, xlsx_response
from commendations.nominations.selectors import nominations_visible_to
from commendations.reports import excel_export


class DecisionViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    summaries = {
        "list": "Danh sách quyết định",
        "create": "Soạn dự thảo quyết định",
        "retrieve": "Xem một quyết định",
        "destroy": "Xóa dự thảo quyết định",
        "issue": "Ban hành quyết định",
        "revoke": "Hủy bỏ quyết định đã ban hành",
        "annex": "Tải danh sách kèm theo quyết định (.xlsx)",
        "progress": "Theo dõi tiến độ dựng giấy chứng nhận",
        "certificates": "Danh sách giấy chứng nhận của quyết định",
        "certificates_generate": "Đánh số và dựng giấy chứng nhận còn thiếu",
        "document": "Tải quyết định (.docx)",
        "pdf": "Tải quyết định (PDF)",
        "signed_pdf": "Tải lên quyết định đã ký số (PDF)",
        "transition": "Ghi một bước ký, đóng dấu quyết định",
        "paper_original": "Ghi bản gốc giấy đã ký tay (kèm bản quét nếu có)",
    }
    descriptions = {
        "list": "Các quyết định khen thưởng người gọi được xem, có phân trang, lọc, sắp xếp.",
        "create": "Soạn dự thảo quyết định của một cấp (Bộ trưởng hoặc Giám đốc) cho các hồ sơ "
        "đang chờ cấp đó; số, ngày, người ký. Trả về quyết định vừa tạo với id của nó.",
        "retrieve": "Một quyết định: số, ngày, người ký, trạng thái ban hành và trạng thái ký, "
        "đóng dấu (awaits_seal, sealed_at), các hồ sơ của nó.",
        "destroy": "Xóa một dự thảo chưa ban hành; các hồ sơ trở lại chờ quyết định.",
        "certificates": "Các giấy chứng nhận của quyết định theo số vào sổ, với trạng thái dựng, "
        "in, trao.",
    }

    serializer_class = decisions_serializers.DecisionSerializer
    # revoke: the approvers, before the body is read; which of them may annul this decision
    # (the authority that issued it) is the service's check
    action_permissions = {
        "create": can_decide_any,
        "revoke": can_decide_any,
        "destroy": can_decide_any,
        "signed_pdf": can_decide_any,
        "paper_original": can_decide_any,
    }

    def get_queryset(self) -> QuerySet:
        return decisions_visible_to(self.request.user).prefetch_related("nominations")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["visible_nominations"] = nominations_visible_to(self.request.user)
        return context

    def perform_destroy(self, instance: Any) -> None:
        """Only a draft is deleted (its nominations go back to the queue); see decision_delete."""
        decision_delete(decision=instance, actor=self.request.user)

    @extend_schema(request=None, responses={200: api_serializers.StateSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Approve every nomination of the decision (all or none)."""
        decision = decision_issue(decision=self.get_object(), actor=request.user)
        return Response({"id": decision.pk, "state": decision.state})

    @extend_schema(
        request=certificates_serializers.RevocationRequestSerializer,
        responses={201: certificates_serializers.RevocationSerializer},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        """Annul the whole decision, or one award (`certificate`), with the reason (audited,
        `revocation_create`). The web page's confirmation step has no twin: this request is the
        confirmation. Only the authority that issued the decision may; the certificates go to
        `revoked` and verify as revoked."""
        decision = self.get_object()
        payload = certificates_serializers.RevocationRequestSerializer(
            data=request.data, context={"certificates": certificates_of_decision(decision)}
        )
        payload.is_valid(raise_exception=True)
        revocation = revocation_create(
            decision=decision,
            certificate=payload.validated_data["certificate"],
            reason=payload.validated_data["reason"],
            actor=request.user,
        )
        return Response(
            certificates_serializers.RevocationSerializer(revocation).data,
            status=status.HTTP_201_CREATED,
        )

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

    @extend_schema(responses={200: certificates_serializers.ProgressSerializer})
    @action(detail=True, methods=["get"], pagination_class=None)
    def progress(self, request: Request, pk: str | None = None) -> Response:
        """Certificate rendering: poll until `finished`."""
        progress = certificates_services.decision_progress(self.get_object())
        return Response(certificates_serializers.ProgressSerializer(progress).data)

    @extend_schema(responses={200: certificates_serializers.CertificateSerializer(many=True)})
    @action(detail=True, methods=["get"], filter_backends=[])
    def certificates(self, request: Request, pk: str | None = None) -> Response:
        certificates = certificates_of_decision(self.get_object())
        return self.paginated(
            certificates,
            certificates_serializers.CertificateSerializer,
            context={"request": request},
        )

    @extend_schema(request=None, responses={202: certificates_serializers.ProgressSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="certificates/generate",
        url_name="certificates-generate",
    )
    def certificates_generate(self, request: Request, pk: str | None = None) -> Response:
        """Number any certificate still missing and (re)start rendering; safe to call twice."""
        decision = self.get_object()
        certificates_services.certificates_generate(decision=decision, actor=request.user)
        progress = certificates_services.decision_progress(decision)
        return Response(
            certificates_serializers.ProgressSerializer(progress).data,
            status=status.HTTP_202_ACCEPTED,
        )

    @extend_schema(
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description=".docx")}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def document(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The Quyết định as Word, with its annex table."""
        decision = self.get_object()
        response = HttpResponse(decisions_documents.decision_document(decision), content_type=DOCX)
        name = decision.number.replace("/", "-")
        response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{pk}.docx"'
        response["X-Decision-Number"] = name.encode("ascii", "ignore").decode()
        return response

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="PDF/A (đã ký số nếu có)"
            ),
            404: OpenApiResponse(
                response=ErrorSerializer,
                description="pdf_not_ready: chưa có bản PDF (đang tạo, lỗi, hoặc không tạo).",
                examples=[
                    OpenApiExample(
                        "pdf_not_ready",
                        value={
                            "code": "pdf_not_ready",
                            "detail": "Bản PDF của quyết định đang được tạo; "
                            "vui lòng thử lại sau ít phút.",
                        },
                    )
                ],
            ),
        }
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def pdf(self, request: Request, pk: str | None = None) -> Any:
        """The issued decision as PDF/A with the organisation's seal; once the signer's signed
        PDF is accepted, that one. 404 with the reason while there is none."""
        decision = self.get_object()
        stored = decision.served_pdf
        if not stored:
            reason = decision_pdf_unavailable_reason(decision)
            return error_response("pdf_not_ready", reason, status.HTTP_404_NOT_FOUND)
        signed = {SignatureState.SIGNED: "-da-ky-so", SignatureState.SEALED: "-da-dong-dau"}.get(
            decision.signature_state, ""
        )
        return stored_file_response(
            stored,
            filename=f"quyet-dinh-{decision.number.replace('/', '-')}{signed}.pdf",
            content_type="application/pdf",
        )

    @extend_schema(
        request=decisions_serializers.DecisionTransitionRequestSerializer,
        responses={200: decisions_serializers.DecisionSignatureSerializer},
        parameters=[
            OpenApiParameter("name", str, OpenApiParameter.PATH, enum=["seal", "sign_on_paper"])
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"transitions/(?P<name>[a-z_]+)",
        url_name="transition",
    )
    def transition(self, request: Request, pk: str | None = None, name: str = "") -> Response:
        """The signing steps after the issue, in the decree's order: `sign_on_paper` (the signer
        signed the paper original by hand; its scan may follow) or the signed PDF's upload
        (`signed-pdf/`), then `seal` (the văn thư applies the organisation's seal at the real
        time; then the certificates are rendered). A decision entered after the fact is a
        paper original at its issue and is never sealed (409)."""
        decision = self.get_object()
        payload = decisions_serializers.DecisionTransitionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = action_run(
            instance=decision,
            name=name,
            actor=request.user,
            comment=payload.validated_data.get("comment", ""),
            expected_state=payload.validated_data.get("expected_state"),
        )
        decision.refresh_from_db()
        return Response(decisions_serializers.DecisionSignatureSerializer(decision).data)

    @extend_schema(
        request={"multipart/form-data": decisions_serializers.PaperOriginalUploadSerializer},
        responses={200: decisions_serializers.DecisionSignatureSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="paper-original",
        url_name="paper-original",
        parser_classes=[MultiPartParser, FormParser],
    )
    def paper_original(self, request: Request, pk: str | None = None) -> Response:
        """The signer signed the paper original by hand: record it (multipart `scan`, a PDF the
        văn thư then seals over, optional); for a paper original already recorded (a decision
        entered after the fact), attach its scan. As the page's form."""
        decision = self.get_object()
        if not can_issue_decision(decision, request.user):  # before the body is read
            raise PermissionDenied(
                _("Chỉ cấp có thẩm quyền ban hành quyết định mới ghi nhận được.")
            )
        payload = decisions_serializers.PaperOriginalUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = decision_paper_original(
            decision=decision,
            actor=request.user,
            scan=payload.validated_data.get("scan"),
            comment=payload.validated_data["comment"],
        )
        decision.refresh_from_db()
        return Response(decisions_serializers.DecisionSignatureSerializer(decision).data)

    @extend_schema(
        request={"multipart/form-data": decisions_serializers.SignedPdfUploadSerializer},
        responses={200: decisions_serializers.DecisionSignatureSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="signed-pdf",
        url_name="signed-pdf",
        parser_classes=[MultiPartParser, FormParser],
    )
    def signed_pdf(self, request: Request, pk: str | None = None) -> Response:
        """Upload the decision's PDF signed by the signer with their own token (multipart
        `file`): accepted only if it is the issued PDF plus a valid signature chaining to a
        trust root; 400 with the reasons in `fields.file` otherwise."""
        decision = self.get_object()
        if not can_issue_decision(decision, request.user):  # before the body is read
            raise PermissionDenied(_("Chỉ cấp có thẩm quyền ban hành quyết định mới được ký số."))
        payload = decisions_serializers.SignedPdfUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = decision_sign(
            decision=decision,
            actor=request.user,
            pdf_bytes=payload.validated_data["file"],
            comment=payload.validated_data["comment"],
        )
        return Response(decisions_serializers.DecisionSignatureSerializer(decision).data)


class SubmissionLetterViewSet(
    ApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Tờ trình to the Ministry as records, and the electronic dossier package of each; for
    those who forward nominations (`can_forward_any`)."""

    summaries = {
        "list": "Danh sách tờ trình",
        "create": "Lập tờ trình gửi Bộ",
        "retrieve": "Xem một tờ trình",
        "package": "Tải hồ sơ điện tử của tờ trình (.zip)",
        "pdf": "Tải tờ trình (PDF)",
    }

    serializer_class = decisions_serializers.SubmissionLetterSerializer
    action_permissions = {
        "list": can_forward_any,
        "retrieve": can_forward_any,
        "create": can_forward_any,
        "package": can_forward_any,
        "pdf": can_forward_any,
    }

    def get_queryset(self) -> QuerySet:
        return submission_letters_visible_to(self.request.user).prefetch_related("nominations")

    @extend_schema(
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="ZIP")
        }
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def package(self, request: Request, pk: str | None = None) -> FileResponse:
        """The ZIP for the Ministry: to-trinh.pdf, bien-ban-hop-hoi-dong.pdf, danh-sach.csv,
        bao-cao-thanh-tich/…, manifest.json (sizes, SHA-256, signatures; the dossiers left out
        as holding state secrets, with the reason). The same bytes every time it is built."""
        letter = self.get_object()
        out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        try:
            package_write(letter, out)
        except Exception:
            out.close()
            raise
        out.seek(0)
        return FileResponse(
            out,
            as_attachment=True,
            filename=package_filename(letter),
            content_type="application/zip",
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")
        }
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponseBase:
        """The Tờ trình's PDF/A (sealed when `sealed`)."""
        letter = self.get_object()
        return stored_file_response(
            letter.pdf, filename=f"to-trinh-{letter.slug}.pdf", content_type="application/pdf"
        )
