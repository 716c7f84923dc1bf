"""REST API: certificates and their files."""

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.generics import get_object_or_404 as drf_get_object_or_404
from rest_framework.request import Request
from rest_framework.views import APIView

from commendations.api.base import ApiMixin
from commendations.certificates import serializers as certificates_serializers
from commendations.certificates.models import Certificate
from commendations.decisions.selectors import decisions_visible_to
from commendations.nominations.selectors import nominations_visible_to
from commendations.web.http import DOCX


class CertificateDownloadView(ApiMixin, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description=".docx")},
    )
    def get(self, request: Request, pk: str) -> FileResponse:
        certificate = drf_get_object_or_404(
            Certificate.objects.filter(decision__in=decisions_visible_to(request.user)), pk=pk
        )
        if not certificate.file:
            raise Http404
        return FileResponse(
            certificate.file.open("rb"),
            as_attachment=True,
            filename=f"{certificate.registry_number}.docx",
            content_type=DOCX,
        )


class CertificateViewSet(
    ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Certificates of the nominations the user may see, with `verification_url`."""

    serializer_class = certificates_serializers.CertificateSerializer

    def get_queryset(self) -> QuerySet:
        return (
            Certificate.objects.filter(nomination__in=nominations_visible_to(self.request.user))
            .select_related("nomination", "decision")
            .order_by("authority", "year", "serial")
        )
