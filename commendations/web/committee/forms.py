"""Forms of the council's pages."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.campaigns.models import Campaign
from commendations.committee.models import VoteChoice
from commendations.committee.services import VOTE_WITHDRAW
from commendations.web.forms import DATE_WIDGET
from commendations.web.nominations.forms import SelectionForm

# --- the committee's sessions ---------------------------------------------------------------


class CommitteeSessionForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Đợt thi đua"), queryset=Campaign.objects.all())
    held_on = forms.DateField(label=_("Ngày họp"), widget=DATE_WIDGET)
    title = forms.CharField(
        label=_("Tên phiên họp"),
        max_length=255,
        help_text=_("VD: Phiên họp Hội đồng Thi đua - Khen thưởng tháng 12"),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    starts_at = forms.TimeField(
        label=_("Giờ bắt đầu"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        label=_("Giờ kết thúc"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    chair = forms.ModelChoiceField(label=_("Chủ trì"), queryset=None, required=False)
    secretary = forms.ModelChoiceField(
        label=_("Thư ký (ghi biên bản)"), queryset=None, required=False
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên dự họp"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        def name(user: Any) -> str:
            return user.get_full_name() or user.username

        for field in ("members", "chair", "secretary"):
            self.fields[field].queryset = members
            self.fields[field].label_from_instance = name
        self.fields["held_on"].initial = timezone.localdate()
        for field in ("campaign", "held_on", "title", "place", "starts_at", "ends_at", "chair"):
            css = "form-select" if field in ("campaign", "chair") else "form-control"
            self.fields[field].widget.attrs["class"] = css
        self.fields["secretary"].widget.attrs["class"] = "form-select"


class VoteForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=[*VoteChoice.choices, (VOTE_WITHDRAW, _("Rút lại phiếu"))])


class RecusalForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do không tham gia xét"), max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("Cần ghi rõ lý do không tham gia xét.")


class SessionRecommendForm(SelectionForm):
    comment = forms.CharField(label=_("Ghi chú (biên bản phiên họp)"), required=False)
