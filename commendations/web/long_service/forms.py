"""Forms of the long-service batch: the proposal (the ticked people, the Tờ trình's number, date
and signer) and the recorded decision (who decided, number, date, signer, who got it)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commendations.decisions.models import SignerMode
from commendations.documents.signer import Signer
from commendations.web.forms import DATE_WIDGET


class SignerFields(forms.Form):
    signer_mode = forms.ChoiceField(
        label=_("Hình thức ký"), choices=SignerMode.choices, required=False
    )
    signer_principal_title = forms.CharField(
        label=_("Chức vụ người đứng đầu"), max_length=120, required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=255)
    signer_rank = forms.CharField(label=_("Cấp bậc người ký"), max_length=64, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.startswith("signer_"):  # the fieldset's inputs look like the page's others
                select = isinstance(field.widget, forms.Select)
                field.widget.attrs.setdefault("class", "form-select" if select else "form-control")

    def signer(self) -> Signer:
        data = self.cleaned_data
        return Signer(
            mode=data["signer_mode"],
            principal_title=data["signer_principal_title"],
            title=data["signer_title"],
            rank=data["signer_rank"],
            name=data["signer_name"],
        )


class ProposalForm(SignerFields):
    year = forms.IntegerField(widget=forms.HiddenInput)
    people = forms.TypedMultipleChoiceField(coerce=int, label=_("Người được đề nghị"))
    number = forms.CharField(label=_("Số Tờ trình"), max_length=64)
    date = forms.DateField(label=_("Ngày Tờ trình"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, people: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(pk, pk) for pk in people]
        self.fields["signer_title"].initial = "GIÁM ĐỐC"


class DecisionRecordForm(SignerFields):
    decided_by = forms.ChoiceField(label=_("Cấp quyết định"))
    number = forms.CharField(label=_("Số quyết định"), max_length=64)
    date = forms.DateField(label=_("Ngày ký"), widget=DATE_WIDGET)
    nominations = forms.TypedMultipleChoiceField(coerce=int, label=_("Người được khen thưởng"))

    def __init__(
        self, *args: Any, authorities: list[tuple[int, str]], nominations: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].choices = authorities
        self.fields["nominations"].choices = [(pk, pk) for pk in nominations]
