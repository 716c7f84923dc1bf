"""Forms of the clerk's certificate actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class CertificateMarkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int)
    transition = forms.ChoiceField(
        choices=[("mark_printed", _("Đánh dấu đã in")), ("mark_presented", _("Đánh dấu đã trao"))]
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(pk, str(pk)) for pk in choices]
        self.fields["ids"].error_messages["required"] = _("Chưa chọn Bằng khen/Giấy khen nào.")
