"""Forms of the decision pages: drafting one, recording the Ministry's, annulling."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.nominations.attachments import validate_upload
from commendations.nominations.forms import SelectionForm
from commendations.web.forms import DATE_WIDGET


class DecisionForm(SelectionForm):
    number = forms.CharField(
        label=_("Số quyết định"), max_length=64, help_text=_("VD: 123/QĐ-CAT-PV05")
    )
    date = forms.DateField(label=_("Ngày ký"), widget=DATE_WIDGET)
    signer_name = forms.CharField(label=_("Người ký"), max_length=255)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        for name in ("number", "date", "signer_name", "signer_title"):
            self.fields[name].widget.attrs["class"] = "form-control"


class MinistryDecisionForm(DecisionForm):
    scan = forms.FileField(
        label=_("Bản quét quyết định (PDF)"), required=True, widget=forms.ClearableFileInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scan"].widget.attrs.update({"class": "form-control", "accept": ".pdf"})
        self.fields["signer_title"].initial = _("Bộ trưởng")
        self.fields["number"].help_text = _("VD: 1234/QĐ-BCA-X01 (số Quyết định của Bộ Công an)")

    def clean_scan(self) -> Any:
        scan = self.cleaned_data["scan"]
        if validate_upload(scan) != "application/pdf":
            raise ValidationError(_("Bản quét quyết định phải là tệp PDF."))
        return scan


class RevocationForm(forms.Form):
    """Step one names what is annulled and why; step two (confirmed) does it."""

    certificate = forms.ModelChoiceField(label=_("Phạm vi thu hồi"), queryset=None, required=False)
    reason = forms.CharField(
        label=_("Lý do thu hồi, hủy bỏ"), widget=forms.Textarea(attrs={"rows": 3})
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, certificates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["certificate"]
        field.queryset = certificates
        field.empty_label = _("Hủy bỏ toàn bộ quyết định")
        field.label_from_instance = lambda c: f"{c.registry_number} — {c.nomination.nominee_name}"
        field.widget.attrs["class"] = "form-select"
        self.fields["reason"].widget.attrs["class"] = "form-control"
        self.fields["reason"].error_messages["required"] = _("Cần ghi rõ lý do thu hồi, hủy bỏ.")
