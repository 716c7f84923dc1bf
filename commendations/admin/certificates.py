"""Admin for certificates and revocations."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from commendations.actions.certificates import certificate_retry
from commendations.admin.base import ReadOnlyAdmin
from commendations.certificates.models import Certificate, CertificateState, Revocation


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = (
        "registry_number",
        "nomination",
        "honour",
        "decision",
        "state",
        "template",
        "error",
    )
    list_filter = ("state", "authority", "year")
    search_fields = ("registry_number", "nomination__nominee_name", "honour__person__full_name")
    list_select_related = (
        "nomination__award_type",
        "honour__award_type",
        "honour__person",
        "decision",
        "template",
    )
    readonly_fields = [f.name for f in Certificate._meta.fields]
    actions = ["retry_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Tạo lại các Bằng khen/Giấy khen bị lỗi"))
    def retry_selected(self, request, queryset) -> None:
        done = 0
        for certificate in queryset.filter(state=CertificateState.FAILED):
            try:
                certificate_retry(certificate=certificate, actor=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, f"{certificate.registry_number}: {exc}")
        messages.success(request, _("Đã gửi tạo lại %(count)s văn bản.") % {"count": done})


@admin.register(Revocation)
class RevocationAdmin(ReadOnlyAdmin):
    """Made by `actions.certificates.revocation_create`, with its audit event."""

    list_display = ("decision", "certificate", "revoked_by", "at")
