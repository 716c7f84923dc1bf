"""API payloads of certificates and of a decision's rendering progress."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.certificates.models import Certificate, Revocation
from commendations.certificates.public_verification import is_revoked, verification_path
from commendations.certificates.services import BULK_TRANSITIONS
from commendations.files.safe import UnsafeFile, upload_read


class ProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    pending = serializers.IntegerField()
    waiting = serializers.BooleanField(help_text="Rendering waits for the broker to come back.")
    finished = serializers.BooleanField()


class CertificateSerializer(serializers.ModelSerializer):
    """A certificate with its public verification link (the one in its QR code)."""

    nominee_name = serializers.CharField(
        source="recipient_name",
        read_only=True,
        help_text="The nominee, or the officer of a title's Giấy chứng nhận (`honour`).",
    )
    decision_number = serializers.CharField(source="decision.number", read_only=True)
    verification_url = serializers.SerializerMethodField()
    revoked = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "registry_number",
            "nomination",
            "honour",
            "nominee_name",
            "decision",
            "decision_number",
            "state",
            "download_url",
            "error",
            "verification_url",
            "revoked",
            "pdf_ready",
        ]
        read_only_fields = fields

    pdf_ready = serializers.SerializerMethodField(
        help_text="GET /certificates/{id}/pdf/ answers the PDF/A (made after the .docx)."
    )

    def get_verification_url(self, certificate: Any) -> str:
        """On the request's host, like download_url (the QR code printed on the certificate
        keeps PUBLIC_BASE_URL, the public address)."""
        path = verification_path(certificate)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else settings.PUBLIC_BASE_URL + path

    def get_pdf_ready(self, certificate: Certificate) -> bool:
        return bool(certificate.pdf)

    def get_revoked(self, certificate: Any) -> bool:
        return is_revoked(certificate)

    def get_download_url(self, certificate: Certificate) -> str | None:
        if not certificate.file:
            return None
        url = reverse("api-certificate-download", args=[certificate.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


def _does_not_exist(pk: int) -> serializers.ValidationError:
    message = serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"]
    return serializers.ValidationError(message.format(pk_value=pk), code="does_not_exist")


class RevocationRequestSerializer(serializers.Serializer):
    """What the revocation form asks; `context["certificates"]` are the decision's. The
    request is the confirmation (the web page's second step). The reason is required by
    `revocation_create`, which says so after checking that the caller may revoke at all, so a
    role without the right learns nothing from a 400."""

    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    certificate = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        default=None,
        help_text="One award's certificate, of this decision; left out or null: the whole "
        "decision.",
    )

    def validate_certificate(self, pk: int | None) -> Certificate | None:
        if pk is None:
            return None
        certificate = (
            self.context["certificates"].filter(pk=pk).select_related("nomination").first()
        )
        if certificate is None:
            raise _does_not_exist(pk)
        return certificate


class RevocationSerializer(serializers.ModelSerializer):
    revoked_by = serializers.CharField(source="revoked_by.get_username", read_only=True)

    class Meta:
        model = Revocation
        fields = ["id", "decision", "certificate", "reason", "revoked_by", "at"]
        read_only_fields = fields


class CertificatesMarkSerializer(serializers.Serializer):
    """The clerk's bulk mark: certificates chosen from `context["candidates"]` (those of the
    decisions the caller sees)."""

    certificates = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=5000,
    )
    transition = serializers.ChoiceField(choices=BULK_TRANSITIONS)

    def validate_certificates(self, ids: list[int]) -> list[Certificate]:
        chosen = list(self.context["candidates"].filter(pk__in=ids))
        unknown = sorted(set(ids) - {c.pk for c in chosen})
        if unknown:
            raise _does_not_exist(unknown[0])
        return chosen


class PdfCheckSerializer(serializers.Serializer):
    """The public verification's upload: a PDF to compare with our stored one, refused past
    SIGNATURE_UPLOAD_MAX_BYTES before it is read (as the web page's form does)."""

    file = serializers.FileField(
        error_messages={"required": _("Chọn tệp PDF cần kiểm tra."), "empty": _("Tệp rỗng.")}
    )

    def validate_file(self, upload: Any) -> bytes:
        try:
            return upload_read(upload, limit=settings.SIGNATURE_UPLOAD_MAX_BYTES)
        except UnsafeFile as exc:
            raise serializers.ValidationError(str(exc)) from exc


class SignatureShownSerializer(serializers.Serializer):
    signer = serializers.CharField()
    organisation = serializers.CharField()
    serial = serializers.CharField()
    issuer = serializers.CharField()
    signed_at = serializers.DateTimeField(allow_null=True, help_text="ISO 8601, with its zone.")
    timestamped = serializers.BooleanField()
    valid = serializers.BooleanField()


class PdfStatusSerializer(serializers.Serializer):
    seal = serializers.CharField(
        help_text="sealed, not_ours (the Ministry's), unsealed (no key configured), '' (none yet)"
    )
    valid = serializers.BooleanField()
    signatures = SignatureShownSerializer(many=True)
    messages = serializers.ListField(child=serializers.CharField())


class VerificationResultSerializer(serializers.Serializer):
    """What the public verification page shows, with dates in ISO 8601."""

    valid = serializers.BooleanField()
    revoked = serializers.BooleanField()
    recipient = serializers.CharField()
    award = serializers.CharField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    replaced = serializers.BooleanField()
    replaced_by_path = serializers.CharField(allow_blank=True)
    replacement_note = serializers.CharField(allow_blank=True)
    pdf = PdfStatusSerializer()


class UploadCheckSerializer(serializers.Serializer):
    matches = serializers.BooleanField()
    same_bytes = serializers.BooleanField()
    signature_valid = serializers.BooleanField()
    revoked = serializers.BooleanField()
    replaced = serializers.BooleanField()
    replaced_by_path = serializers.CharField(allow_blank=True)
    other_path = serializers.CharField(
        allow_blank=True,
        help_text="The file is another certificate's stored PDF: that certificate's public page.",
    )
    other_description = serializers.CharField(allow_blank=True)
    messages = serializers.ListField(child=serializers.CharField())
