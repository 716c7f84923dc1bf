"""Admin for the Word templates: an upload is validated before it becomes the version in force."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commendations.documents.models import DocumentKind, DocumentTemplate
from commendations.documents.rendering import template_validate
from commendations.documents.services import document_template_upload


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

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def save_model(self, request, obj, form, change) -> None:
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
