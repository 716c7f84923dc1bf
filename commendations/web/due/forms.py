"""The due list's filters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.campaigns.models import AwardType, NomineeKind
from commendations.units.models import Unit


class DueFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2999, required=False)
    award_type = forms.ModelChoiceField(
        label=_("Đề nghị"),
        queryset=AwardType.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả"),
    )
    subject_kind = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[("", _("Tất cả")), *NomineeKind.choices],
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), required=False, empty_label=_("Tất cả")
    )

    def __init__(self, *args: object, units: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units

    def filters(self) -> dict[str, object]:
        data = self.cleaned_data if self.is_valid() else {}
        award_type = data.get("award_type")
        unit = data.get("unit")
        return {
            "year": data.get("year") or timezone.localdate().year,
            "award_type": award_type.code if award_type else "",
            "subject_kind": data.get("subject_kind") or "",
            "unit_id": unit.pk if unit else None,
        }
