"""Forms of the decision pages: drafting one, recording the Ministry's, annulling."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.decisions.models import SignerMode
from commendations.documents.signer import Signer
from commendations.nominations.attachments import validate_upload
from commendations.web.forms import DATE_WIDGET
from commendations.web.nominations.forms import BulkForwardForm, SelectionForm


class DecisionForm(SelectionForm):
    number = forms.CharField(
        label=_("Số quyết định"), max_length=64, help_text=_("VD: 123/QĐ-CAT-PV05")
    )
    date = forms.DateField(label=_("Ngày ký"), widget=DATE_WIDGET)
    signer_mode = forms.ChoiceField(
        label=_("Hình thức ký"), choices=SignerMode.choices, required=False
    )
    signer_principal_title = forms.CharField(
        label=_("Chức vụ người đứng đầu (sau KT./TM./TL.)"),
        max_length=120,
        required=False,
        help_text=_("VD: GIÁM ĐỐC — để trống khi ký trực tiếp"),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=255, help_text=_("VD: PHÓ GIÁM ĐỐC")
    )
    signer_rank = forms.CharField(
        label=_("Cấp bậc người ký"), max_length=64, required=False, help_text=_("VD: Đại tá")
    )
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=255)

    SERVICE_FIELDS = (
        "number",
        "date",
        "signer_mode",
        "signer_principal_title",
        "signer_title",
        "signer_rank",
        "signer_name",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        for name in self.SERVICE_FIELDS:
            widget = self.fields[name].widget
            widget.attrs["class"] = "form-select" if name == "signer_mode" else "form-control"

    def service_kwargs(self) -> dict[str, Any]:
        """What decision_create takes from this form."""
        return {name: self.cleaned_data[name] for name in self.SERVICE_FIELDS}


class SubmissionLetterForm(BulkForwardForm):
    """The ticked nominations plus the Tờ trình's own number, date and signer (left blank, the
    letter keeps room for the văn thư to write them in)."""

    letter_number = forms.CharField(label=_("Số Tờ trình"), max_length=64, required=False)
    letter_date = forms.DateField(label=_("Ngày Tờ trình"), required=False, widget=DATE_WIDGET)
    signer_mode = forms.ChoiceField(
        label=_("Hình thức ký"), choices=SignerMode.choices, required=False
    )
    signer_principal_title = forms.CharField(max_length=120, required=False)
    signer_title = forms.CharField(max_length=255, required=False)
    signer_rank = forms.CharField(max_length=64, required=False)
    signer_name = forms.CharField(max_length=255, required=False)

    def letter_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "number": data["letter_number"],
            "date": data["letter_date"],
            "signer": Signer(
                mode=data["signer_mode"],
                principal_title=data["signer_principal_title"],
                title=data["signer_title"] or "GIÁM ĐỐC",
                rank=data["signer_rank"],
                name=data["signer_name"],
            ),
        }


class MinistryDecisionForm(DecisionForm):
    scan = forms.FileField(
        label=_("Bản quét quyết định (PDF)"), required=True, widget=forms.ClearableFileInput
    )
    registry_first_number = forms.IntegerField(
        label=_("Số vào sổ của Bộ trên Bằng khen đầu tiên"),
        min_value=1,
        required=False,
        help_text=_("Bằng khen do Bộ in: các Bằng khen sau nối tiếp theo thứ tự danh sách."),
    )
    registry_prefix = forms.CharField(
        label=_("Tiền tố số vào sổ của Bộ"),
        max_length=32,
        required=False,
        help_text=_("VD: BK-BCA-"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scan"].widget.attrs.update({"class": "form-control", "accept": ".pdf"})
        for name in ("registry_first_number", "registry_prefix"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["signer_title"].initial = _("BỘ TRƯỞNG")
        self.fields["number"].help_text = _("VD: 1234/QĐ-BCA-X01 (số Quyết định của Bộ Công an)")

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **super().service_kwargs(),
            "registry_first_number": self.cleaned_data["registry_first_number"],
            "registry_prefix": self.cleaned_data["registry_prefix"],
        }

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
        field.label_from_instance = lambda c: f"{c.registry_number} — {c.recipient_name}"
        field.widget.attrs["class"] = "form-select"
        self.fields["reason"].widget.attrs["class"] = "form-control"
        self.fields["reason"].error_messages["required"] = _("Cần ghi rõ lý do thu hồi, hủy bỏ.")


class PaperOriginalForm(forms.Form):
    """The paper original the signer signed by hand: its scan (a PDF, for the văn thư to seal
    over), optional when it is attached later."""

    scan = forms.FileField(
        label=_("Bản quét bản gốc đã ký tay (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".pdf"}),
    )
    comment = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class SealForm(forms.Form):
    """The văn thư's seal: nothing to enter but a note; the time is the real time."""

    comment = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class SignedPdfForm(forms.Form):
    """The decision's PDF as the signer signed it with their own token."""

    file = forms.FileField(
        label=_("Tệp PDF đã ký số"),
        help_text=_(
            "Tải bản PDF của quyết định về, ký bằng thiết bị ký số của người ký, rồi tải lên tại "
            "đây. Hệ thống kiểm tra đúng văn bản đã ban hành và chữ ký hợp lệ."
        ),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".pdf"}),
    )
    comment = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
