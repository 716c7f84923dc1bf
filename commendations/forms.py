"""Forms of the web UI. They validate input shape; the rules live in models and services, whose
ValidationErrors are put back on the form (`add_service_errors`) so the user keeps their input."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    AttachmentKind,
    AwardType,
    Campaign,
    NominationState,
    NomineeKind,
    Unit,
    VoteChoice,
)
from .selectors import NOMINATION_SORTS

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form as a whole)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"), widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class NominationForm(forms.Form):
    """Both nominee kinds share one form; the individual-only fields are shown or hidden by
    static JS (and ignored for a collective by the service)."""

    campaign = forms.ModelChoiceField(label=_("Đợt thi đua"), queryset=Campaign.objects.none())
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=Unit.objects.none())
    award_type = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng"), queryset=AwardType.objects.none()
    )
    nominee_kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=NomineeKind.choices, widget=forms.RadioSelect
    )
    nominee_unit = forms.ModelChoiceField(
        label=_("Tập thể là đơn vị trong danh mục (nếu có)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    nominee_name = forms.CharField(
        label=_("Tên tập thể / họ và tên"),
        max_length=255,
        required=False,
        help_text=_("Với tập thể chọn từ danh mục, để trống sẽ dùng tên đơn vị."),
    )
    rank = forms.CharField(label=_("Cấp bậc"), max_length=64, required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    workplace = forms.CharField(
        label=_("Đơn vị công tác / nơi cư trú"), max_length=255, required=False
    )
    date_of_birth = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE_WIDGET)
    gender = forms.ChoiceField(
        label=_("Giới tính"),
        choices=[("", "—"), ("male", _("Nam")), ("female", _("Nữ"))],
        required=False,
    )
    achievement_summary = forms.CharField(
        label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 5})
    )
    citation = forms.CharField(
        label=_("Nội dung in trên Bằng khen/Giấy khen"),
        max_length=500,
        required=False,
        help_text=_("Để trống để dùng nội dung chung của đợt thi đua."),
    )
    attachment = forms.FileField(
        label=_("Tài liệu kèm theo"),
        required=False,
        help_text=_("PDF, DOCX, DOC, JPG, PNG, XLSX; tối đa 10 MB."),
    )
    attachment_kind = forms.ChoiceField(
        label=_("Loại tài liệu"),
        choices=AttachmentKind.choices,
        initial=AttachmentKind.ACHIEVEMENT_REPORT,
        required=False,
    )

    INDIVIDUAL_FIELDS = ("rank", "position", "date_of_birth", "gender")
    COLLECTIVE_FIELDS = ("nominee_unit",)

    def __init__(self, *args: Any, units: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        campaigns = Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today)
        if editing:
            campaigns = Campaign.objects.all()
            self.fields["campaign"].disabled = True
            self.fields["unit"].disabled = True
        self.fields["campaign"].queryset = campaigns
        self.fields["unit"].queryset = units
        self.fields["nominee_unit"].queryset = units
        campaign = self._chosen_campaign()
        award_types = AwardType.objects.all()
        if campaign is not None:
            award_types = campaign.award_types.all()
        self.fields["award_type"].queryset = award_types
        from django.conf import settings

        self.fields["attachment"].widget.attrs["accept"] = ",".join(
            f".{ext}" for ext in settings.ATTACHMENT_ALLOWED_EXTENSIONS
        )
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
            if name in self.INDIVIDUAL_FIELDS:
                widget.attrs["data-kind"] = "individual"

    def _chosen_campaign(self) -> Campaign | None:
        value = self.data.get("campaign") if self.is_bound else None
        value = value or self.initial.get("campaign")
        if isinstance(value, Campaign):
            return value
        try:
            return self.fields["campaign"].queryset.filter(pk=int(value)).first() if value else None
        except (TypeError, ValueError):
            return None

    def service_fields(self, *, creating: bool) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("attachment", None)
        data.pop("attachment_kind", None)
        data["citation"] = data.get("citation") or ""
        for name in ("rank", "position", "workplace", "gender"):
            data[name] = data.get(name) or ""
        if not creating:
            data.pop("campaign", None)
            data.pop("unit", None)
        return data

    def attachments(self) -> list[tuple[Any, str]]:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return []
        return [(upload, self.cleaned_data.get("attachment_kind") or AttachmentKind.OTHER)]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp"))
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)


class TransitionForm(forms.Form):
    """The form behind every action button: a comment and the state the user saw. (The
    committee's recommendation is not here: it is recorded from a session, its tally computed
    from the members' votes.)"""

    comment = forms.CharField(
        label=_("Ý kiến / lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_state = forms.ChoiceField(choices=NominationState.choices, widget=forms.HiddenInput)


class ReviewFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Đợt thi đua"), queryset=Campaign.objects.all(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.all(), required=False)
    award_type = forms.ModelChoiceField(
        label=_("Hình thức"), queryset=AwardType.objects.all(), required=False
    )
    nominee_kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=[("", _("Tất cả"))] + NomineeKind.choices, required=False
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả"))] + NominationState.choices,
        required=False,
    )
    q = forms.CharField(label=_("Tìm theo tên"), required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("-submitted", _("Gửi gần đây nhất")),
            ("submitted", _("Gửi sớm nhất")),
            ("name", _("Tên A→Z")),
            ("-name", _("Tên Z→A")),
            ("unit", _("Theo đơn vị")),
            ("-created", _("Lập gần đây nhất")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("campaign", "unit", "award_type"):
            self.fields[name].empty_label = _("Tất cả")
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-select-sm"
            if css == "form-control":
                field.widget.attrs["class"] = "form-control form-control-sm"

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "campaign": data.get("campaign"),
            "unit": data.get("unit"),
            "award_type": data.get("award_type"),
            "nominee_kind": data.get("nominee_kind") or "",
            "state": data.get("state") or "",
            "q": data.get("q") or "",
            "sort": data.get("sort") if data.get("sort") in NOMINATION_SORTS else "",
        }


class SelectionForm(forms.Form):
    """Nominations ticked in a list; the view checks they are visible to the user."""

    ids = forms.TypedMultipleChoiceField(coerce=int, required=True)

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(pk, str(pk)) for pk in choices]
        self.fields["ids"].error_messages["required"] = _("Chưa chọn hồ sơ nào.")
        self.fields["ids"].error_messages["invalid_choice"] = _(
            "Có hồ sơ đã được người khác xử lý; hãy tải lại trang."
        )


class BulkForwardForm(SelectionForm):
    comment = forms.CharField(label=_("Ghi chú"), required=False)


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

    def clean_scan(self) -> Any:
        from .services.attachments import validate_upload

        scan = self.cleaned_data["scan"]
        if validate_upload(scan) != "application/pdf":
            raise ValidationError(_("Bản quét quyết định phải là tệp PDF."))
        return scan


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


class CertificateMarkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int)
    transition = forms.ChoiceField(
        choices=[("mark_printed", _("Đánh dấu đã in")), ("mark_presented", _("Đánh dấu đã trao"))]
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(pk, str(pk)) for pk in choices]
        self.fields["ids"].error_messages["required"] = _("Chưa chọn Bằng khen/Giấy khen nào.")


# --- the committee's sessions ---------------------------------------------------------------


class CommitteeSessionForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Đợt thi đua"), queryset=Campaign.objects.all())
    held_on = forms.DateField(label=_("Ngày họp"), widget=DATE_WIDGET)
    title = forms.CharField(
        label=_("Tên phiên họp"),
        max_length=255,
        help_text=_("VD: Phiên họp Hội đồng Thi đua - Khen thưởng tháng 12"),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên dự họp"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["held_on"].initial = timezone.localdate()
        for name in ("campaign", "held_on", "title"):
            css = "form-select" if name == "campaign" else "form-control"
            self.fields[name].widget.attrs["class"] = css


class VoteForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=VoteChoice.choices)


class RecusalForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do không tham gia xét"), max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("Cần ghi rõ lý do không tham gia xét.")


class SessionRecommendForm(SelectionForm):
    comment = forms.CharField(label=_("Ghi chú (biên bản phiên họp)"), required=False)


# --- consolidation and revocation -----------------------------------------------------------


class ConsolidateForm(forms.Form):
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.all())
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    scope = forms.ChoiceField(choices=[("all", "all"), ("selected", "selected")])
    comment = forms.CharField(label=_("Ý kiến của đơn vị tổng hợp"), required=False)

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(pk, str(pk)) for pk in choices]
        self.fields["ids"].error_messages["invalid_choice"] = _(
            "Có hồ sơ đã được người khác xử lý; hãy tải lại trang."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("scope") == "selected" and not data.get("ids"):
            raise ValidationError(_("Chưa chọn hồ sơ nào."))
        return data


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Lý do trả lại"), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].error_messages["required"] = _("Cần ghi rõ lý do trả lại.")


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
