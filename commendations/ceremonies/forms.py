"""Forms of the ceremony pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commendations.web.forms import DATE_WIDGET


class CeremonyForm(forms.Form):
    name = forms.CharField(label=_("Tên buổi lễ"), max_length=255)
    date = forms.DateField(label=_("Ngày tổ chức"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    decisions = forms.ModelMultipleChoiceField(
        label=_("Quyết định"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, decisions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decisions"].queryset = decisions
        for name in ("name", "date", "place"):
            self.fields[name].widget.attrs["class"] = "form-control"
