"""API payloads of certificates and of a decision's rendering progress."""

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from commendations.certificates.models import Certificate
from commendations.certificates.verification import is_revoked, verification_url


class ProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    pending = serializers.IntegerField()
    waiting = serializers.BooleanField(help_text="Rendering waits for the broker to come back.")
    finished = serializers.BooleanField()


class CertificateSerializer(serializers.ModelSerializer):
    """A certificate with its public verification link (the one in its QR code)."""

    nominee_name = serializers.CharField(source="nomination.nominee_name", read_only=True)
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
            "nominee_name",
            "decision",
            "decision_number",
            "state",
            "download_url",
            "error",
            "verification_url",
            "revoked",
        ]
        read_only_fields = fields

    def get_verification_url(self, certificate: Any) -> str:
        return verification_url(certificate)

    def get_revoked(self, certificate: Any) -> bool:
        return is_revoked(certificate)

    def get_download_url(self, certificate: Certificate) -> str | None:
        if not certificate.file:
            return None
        url = reverse("api-certificate-download", args=[certificate.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
