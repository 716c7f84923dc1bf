"""Forms of the ceremony pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commendations.web.forms import DATE_WIDGET


class CeremonyForm(forms.Form):
    name = forms.CharField(label=_("Tên buổi lễ"), max_length=255)
    date = forms.DateField(label=_("Ngày tổ chức"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    group_size = forms.IntegerField(
        label=_("Số người mỗi tốp"),
        min_value=1,
        max_value=50,
        initial=10,
        help_text=_("Số tập thể, cá nhân được mời lên sân khấu mỗi lượt trao."),
    )
    decisions = forms.ModelMultipleChoiceField(
        label=_("Quyết định"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, decisions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decisions"].queryset = decisions
        for name in ("name", "date", "place", "group_size"):
            self.fields[name].widget.attrs["class"] = "form-control"


class PresenterForm(forms.Form):
    """Who hands over one decision's awards (rank, title, name), separate from its signer."""

    decision = forms.IntegerField(widget=forms.HiddenInput)
    rank = forms.CharField(label=_("Cấp bậc"), max_length=64, required=False)
    title = forms.CharField(label=_("Chức vụ"), max_length=160)
    name = forms.CharField(label=_("Họ tên người trao"), max_length=120)
