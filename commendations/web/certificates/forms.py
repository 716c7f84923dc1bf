"""Forms of the clerk's certificate actions."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commendations.certificates.models import ReplacementKind
from commendations.files.safe import UnsafeFile, upload_read


class CertificateMarkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int)
    transition = forms.ChoiceField(
        choices=[("mark_printed", _("Đánh dấu đã in")), ("mark_presented", _("Đánh dấu đã trao"))]
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(pk, str(pk)) for pk in choices]
        self.fields["ids"].error_messages["required"] = _("Chưa chọn Bằng khen/Giấy khen nào.")


class ReplacementRequestForm(forms.Form):
    """An awardee's request for cấp đổi / cấp lại, recorded by the clerk."""

    applicant = forms.CharField(label=_("Người đề nghị"), max_length=255)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=[])
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("Tài liệu kèm theo"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ReplacementKind.choices


class ReplacementDecisionForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=2000)


class PdfCheckForm(forms.Form):
    """The public verification page's upload: a PDF to compare with our stored one. Its size is
    checked before it is read (the upload handler already stopped anything past
    UPLOAD_FILE_MAX_BYTES while it streamed in)."""

    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        error_messages={"required": _("Chọn tệp PDF cần kiểm tra."), "empty": _("Tệp rỗng.")},
    )

    def clean_file(self) -> bytes:
        try:
            return upload_read(self.cleaned_data["file"], limit=settings.SIGNATURE_UPLOAD_MAX_BYTES)
        except UnsafeFile as exc:
            raise forms.ValidationError(str(exc)) from exc
