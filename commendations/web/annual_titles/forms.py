"""Forms of the year-end rating list's screens."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.annual_titles.models import Rating, RatingList
from commendations.campaigns.models import AwardCategory, AwardType
from commendations.units.models import Unit


class RatingListForm(forms.ModelForm):
    class Meta:
        model = RatingList
        fields = ["unit", "year", "submission_number", "submission_date", "council_minutes"]
        widgets = {"submission_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: object, units: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["year"].initial = timezone.localdate().year


class RatingRowForm(forms.Form):
    """One row: an officer by code for an individual title, or (code empty) a collective — the
    list's unit or a unit within it — for a collective title."""

    person_code = forms.CharField(
        label=_("Mã cán bộ"),
        max_length=32,
        required=False,
        help_text=_("Để trống khi đề nghị danh hiệu tập thể."),
    )
    unit = forms.ModelChoiceField(
        label=_("hoặc tập thể"), queryset=Unit.objects.none(), required=False
    )
    award_type = forms.ModelChoiceField(label=_("Danh hiệu"), queryset=AwardType.objects.none())
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    initiative = forms.IntegerField(
        label=_("Mã sáng kiến (nếu có)"), required=False, widget=forms.NumberInput
    )

    def __init__(
        self, *args: object, titles: object = None, units: object = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        if titles is not None:
            self.fields["award_type"].queryset = titles
        if units is not None:
            self.fields["unit"].queryset = units

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if bool(data.get("person_code")) == bool(data.get("unit")):
            raise forms.ValidationError(
                _("Nhập mã cán bộ hoặc chọn một tập thể (không chọn cả hai).")
            )
        return data


class RatingImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_(
            "Các cột: Mã cán bộ | Họ và tên | Danh hiệu | Xếp loại; với tập thể, để trống mã "
            "cán bộ và ghi Mã đơn vị (hoặc Tên đơn vị)."
        ),
    )


class RatingTransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Không tán thành"), min_value=0, required=False)
    votes_abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0, required=False)
    number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
    date = forms.DateField(
        label=_("Ngày quyết định"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=255, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=255, required=False)

    FIELDS_BY_TRANSITION = {
        "recommend": ("votes_for", "votes_against", "votes_abstain"),
        "decide": ("number", "date", "signer_name", "signer_title"),
    }

    def params(self, name: str) -> dict[str, object]:
        return {
            field: self.cleaned_data[field]
            for field in self.FIELDS_BY_TRANSITION.get(name, ())
            if self.cleaned_data.get(field) not in (None, "")
        }


class RegistrationForm(forms.Form):
    """Đăng ký thi đua: an officer by code, or (code empty) the unit itself."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    person_code = forms.CharField(
        label=_("Mã cán bộ"),
        max_length=32,
        required=False,
        help_text=_("Để trống khi đơn vị đăng ký cho chính mình."),
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu đăng ký"), queryset=AwardType.objects.none()
    )

    def __init__(self, *args: object, units: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["year"].initial = timezone.localdate().year
        self.fields["award_type"].queryset = AwardType.objects.filter(
            category=AwardCategory.EMULATION_TITLE
        ).order_by("sort_order", "code")


class RegistrationImportForm(forms.Form):
    """Đăng ký thi đua from Excel: for a unit (and the units below it) and a year."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_(
            "Các cột: Mã đơn vị | Mã cán bộ | Họ và tên | Danh hiệu đăng ký; để trống mã cán bộ "
            "khi đơn vị đăng ký cho chính mình."
        ),
    )

    def __init__(self, *args: object, units: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["year"].initial = timezone.localdate().year


class RegistrationFilterForm(forms.Form):
    """Which year, and optionally which unit's subtree, the page shows."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: object, units: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def chosen(self, default_year: int) -> tuple[int, Unit | None]:
        """(year, unit): `default_year` and every visible unit unless chosen."""
        if not self.is_valid():
            return default_year, None
        return self.cleaned_data.get("year") or default_year, self.cleaned_data.get("unit")
