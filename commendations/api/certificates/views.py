"""REST API: certificates and their files."""

import datetime

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, Throttled
from rest_framework.generics import get_object_or_404 as drf_get_object_or_404
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from commendations.access.client_address import client_address
from commendations.access.permissions import can_manage_certificates_any
from commendations.actions import certificates as certificates_actions
from commendations.actions.registry import action_allowed
from commendations.api.base import ApiMixin
from commendations.api.certificates import serializers as certificates_serializers
from commendations.api.schema import ErrorSerializer
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import (
    ChecksBusy,
    certificate_from_token,
    certificate_pdf_check,
    verification_result,
    verification_throttled,
)
from commendations.certificates.selectors import (
    certificate_files_visible_to,
    certificates_visible_to,
)
from commendations.files.downloads import DOCX, PDF, stored_file_response
from commendations.nominations.selectors import nominations_visible_to


class CertificateDownloadView(ApiMixin, APIView):
    summaries = {
        "get": "Tải giấy chứng nhận (.docx)",
    }

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description=".docx")},
    )
    def get(self, request: Request, pk: str) -> FileResponse:
        """The certificate's .docx: the clerk's, as on the web page (404 for anyone else)."""
        certificate = drf_get_object_or_404(certificate_files_visible_to(request.user), pk=pk)
        return stored_file_response(
            certificate.file, filename=f"{certificate.registry_number}.docx", content_type=DOCX
        )


class CertificatePdfView(ApiMixin, APIView):
    summaries = {
        "get": "Tải giấy chứng nhận (PDF/A)",
    }

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="PDF/A")},
    )
    def get(self, request: Request, pk: str) -> FileResponse:
        """The certificate's archived PDF/A, sealed with the organisation's seal when its
        authority is sealed here: whoever may download the .docx (404 for anyone else, or
        before the PDF is made)."""
        certificate = drf_get_object_or_404(certificate_files_visible_to(request.user), pk=pk)
        return stored_file_response(
            certificate.pdf, filename=f"{certificate.registry_number}.pdf", content_type=PDF
        )


class CertificateViewSet(
    ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Certificates of the nominations the user may see, with `verification_url`."""

    summaries = {
        "list": "Danh sách giấy chứng nhận",
        "retrieve": "Xem một giấy chứng nhận",
        "mark": "Đánh dấu giấy chứng nhận đã in hoặc đã trao",
        "retry": "Dựng lại một giấy chứng nhận bị lỗi",
    }

    serializer_class = certificates_serializers.CertificateSerializer
    # the clerk's actions, before the body is read; the state machine's predicates say the rest
    action_permissions = {
        "mark": can_manage_certificates_any,
        "retry": action_allowed(Certificate, "retry"),
    }

    def get_queryset(self) -> QuerySet:
        if self.action in self.action_permissions:  # the clerk's pages choose from these
            certificates = certificates_visible_to(self.request.user)
        else:
            certificates = Certificate.objects.filter(
                nomination__in=nominations_visible_to(self.request.user)
            )
        return certificates.select_related("nomination", "decision").order_by(
            "authority", "year", "serial"
        )

    @extend_schema(
        request=certificates_serializers.CertificatesMarkSerializer,
        responses={200: certificates_serializers.CertificateSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def mark(self, request: Request) -> Response:
        """Mark certificates printed (`mark_printed`, from rendered) or presented
        (`mark_presented`, from printed): all or none, audited (`certificates_mark`). A 400 names
        each certificate the transition refuses."""
        payload = certificates_serializers.CertificatesMarkSerializer(
            data=request.data, context={"candidates": self.get_queryset()}
        )
        payload.is_valid(raise_exception=True)
        chosen = payload.validated_data["certificates"]
        certificates_actions.certificates_mark(
            certificates=chosen,
            transition=payload.validated_data["transition"],
            actor=request.user,
        )
        marked = self.get_queryset().filter(pk__in=[c.pk for c in chosen])
        return Response(self.get_serializer(marked, many=True).data)

    @extend_schema(request=None, responses={202: certificates_serializers.CertificateSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request: Request, pk: str | None = None) -> Response:
        """Render a failed certificate again, with the newest template (`certificate_retry`);
        poll the certificate or its decision's progress. 409 unless it is `failed`."""
        certificate = certificates_actions.certificate_retry(
            certificate=self.get_object(), actor=request.user
        )
        return Response(self.get_serializer(certificate).data, status=status.HTTP_202_ACCEPTED)


NOT_FOUND = OpenApiResponse(ErrorSerializer, description="not_found: Mã xác minh không đúng.")
INVALID = OpenApiResponse(ErrorSerializer, description="Tệp quá lớn hoặc không phải PDF.")
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description="throttled: quá nhiều lần tra cứu từ một địa chỉ (VERIFY_RATE_LIMIT_PER_MINUTE); "
    "Retry-After: seconds.",
)


BUSY = OpenApiResponse(
    ErrorSerializer,
    description="Đang có quá nhiều tệp được kiểm tra (PUBLIC_VERIFY_CHECKS_AT_ONCE): thử lại sau.",
)


class ChecksBusyError(APIException):
    status_code = 503
    default_code = "busy"
    default_detail = _("Hệ thống đang bận kiểm tra tệp khác. Vui lòng thử lại sau ít giây.")

    def __init__(self) -> None:
        super().__init__()
        self.wait = 10


def _iso_moment(value: str) -> str | None:
    if not value:
        return None
    moment = datetime.datetime.fromisoformat(value)
    return (timezone.localtime(moment) if timezone.is_aware(moment) else moment).isoformat()


def _verification_for_api(certificate: Certificate) -> dict:
    """The page's result with ISO 8601 dates (the page shows dd/mm/yyyy, local time)."""
    result: dict = dict(verification_result(certificate))
    result["decision_date"] = certificate.decision.date
    stored = (certificate.pdf_signature or {}).get("signatures", [])
    result["pdf"] = dict(result["pdf"])
    result["pdf"]["signatures"] = [
        {**shown, "signed_at": _iso_moment(line.get("signed_at", ""))}
        for shown, line in zip(result["pdf"]["signatures"], stored, strict=False)
    ]
    return certificates_serializers.VerificationResultSerializer(result).data


class CertificateVerifyView(ApiMixin, APIView):
    """The public verification page's twin (no login, the same rate limit per client address):
    GET the certificate's status and its stored PDF's signature; POST a PDF (`file`, at most
    SIGNATURE_UPLOAD_MAX_BYTES) to compare it with our record. Nothing of the upload is kept.
    No session is read, so no CSRF token is needed (and none would protect anything)."""

    summaries = {
        "get": "Xác thực giấy chứng nhận (công khai)",
        "post": "Đối chiếu tệp PDF với giấy chứng nhận (công khai)",
    }

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [MultiPartParser]

    def _certificate(self, request: Request, token: str) -> Certificate:
        if verification_throttled(client_address(request)):
            raise Throttled(wait=60)
        certificate = certificate_from_token(token)
        if certificate is None:
            raise NotFound()
        return certificate

    @extend_schema(
        responses={
            200: certificates_serializers.VerificationResultSerializer,
            404: NOT_FOUND,
            429: THROTTLED,
        }
    )
    def get(self, request: Request, token: str) -> Response:
        """What the page shows: valid/revoked/replaced, the award, the stored PDF's signature."""
        return Response(_verification_for_api(self._certificate(request, token)))

    @extend_schema(
        request={"multipart/form-data": certificates_serializers.PdfCheckSerializer},
        responses={
            200: certificates_serializers.UploadCheckSerializer,
            400: INVALID,
            404: NOT_FOUND,
            429: THROTTLED,
            503: BUSY,
        },
    )
    def post(self, request: Request, token: str) -> Response:
        """`matches` only when the upload's SHA-256 is our stored PDF's and its signature is
        valid; `messages` say why not; `revoked`/`replaced` as on the page."""
        certificate = self._certificate(request, token)
        upload = certificates_serializers.PdfCheckSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            return Response(certificate_pdf_check(certificate, upload.validated_data["file"]))
        except ChecksBusy as exc:
            raise ChecksBusyError() from exc
