"""Admin for certificates, template versions, ceremonies and print packs (imported by admin.py).
Uploading a template goes through `document_template_upload`, which validates it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Ceremony, Certificate, DocumentKind, DocumentTemplate, PrintPack
from .services.certificates import certificate_retry, document_template_upload


class DocumentTemplateUploadForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ("kind", "file", "note")

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        kind = data.get("kind")
        if upload and kind:
            if not upload.name.lower().endswith(".docx"):
                raise ValidationError({"file": _("Mẫu phải là tệp Word .docx.")})
            self.content = upload.read()
            from .documents import template_validate

            try:
                template_validate(kind, self.content)
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from exc
        return data


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """New versions only: a stored version is never edited, so a reprint looks the same."""

    form = DocumentTemplateUploadForm
    list_display = ("kind", "version", "note", "uploaded_by", "uploaded_at")
    list_filter = ("kind",)

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return request.user.is_superuser

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        saved = document_template_upload(
            kind=form.cleaned_data["kind"],
            content=form.content,
            actor=request.user,
            note=form.cleaned_data.get("note", ""),
        )
        obj.pk, obj.version, obj.file = saved.pk, saved.version, saved.file
        messages.success(
            request,
            _("Đã lưu %(kind)s phiên bản %(version)s.")
            % {"kind": DocumentKind(saved.kind).label, "version": saved.version},
        )


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("registry_number", "nomination", "decision", "state", "template", "error")
    list_filter = ("state", "authority", "year")
    search_fields = ("registry_number", "nomination__nominee_name")
    list_select_related = ("nomination__award_type", "decision", "template")
    readonly_fields = [f.name for f in Certificate._meta.fields]
    actions = ["retry_selected"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    @admin.action(description=_("Tạo lại các Bằng khen/Giấy khen bị lỗi"))
    def retry_selected(self, request, queryset) -> None:  # noqa: ANN001
        done = 0
        for certificate in queryset.filter(state="failed"):
            try:
                certificate_retry(certificate=certificate, actor=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, f"{certificate.registry_number}: {exc}")
        messages.success(request, _("Đã gửi tạo lại %(count)s văn bản.") % {"count": done})


@admin.register(Ceremony)
class CeremonyAdmin(admin.ModelAdmin):
    list_display = ("name", "date", "place")
    filter_horizontal = ("decisions",)


@admin.register(PrintPack)
class PrintPackAdmin(admin.ModelAdmin):
    list_display = ("ceremony", "status", "certificate_count", "page_count", "created_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in PrintPack._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False
