"""Forms of the nomination pages: the nomination, attachments, filters, transitions, import."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.campaigns.models import Affiliation, AwardType, Campaign, NomineeKind
from commendations.eligibility.models import AttachmentKind
from commendations.eligibility.selectors import rule_set_for
from commendations.nominations.models import NominationState
from commendations.nominations.selectors import DECIDING, DECIDING_STATES, NOMINATION_SORTS
from commendations.units.models import Unit
from commendations.units.selectors import unit_tree_on
from commendations.web.forms import DATE_WIDGET, UnitChoiceField


class NominationForm(forms.Form):
    """Both nominee kinds share one form; the individual-only fields are shown or hidden by
    static JS (and ignored for a collective by the service)."""

    campaign = forms.ModelChoiceField(label=_("Đợt thi đua"), queryset=Campaign.objects.none())
    unit = UnitChoiceField(label=_("Đơn vị đề nghị"), queryset=Unit.objects.none())
    award_type = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng"), queryset=AwardType.objects.none()
    )
    nominee_kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=NomineeKind.choices, widget=forms.RadioSelect
    )
    nominee_unit = UnitChoiceField(
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
    affiliation = forms.ChoiceField(
        label=_("Thuộc lực lượng"),
        choices=Affiliation.choices,
        initial=Affiliation.FORCE,
        required=False,  # left out: in the force
        help_text=_(
            "Công dân, hộ gia đình, tổ an ninh nhân dân, cơ quan, tổ chức, người nước ngoài: "
            "không có cấp bậc, ghi địa chỉ; được gọi “Ông”/“Bà” hoặc theo tên trên văn bản."
        ),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    nationality = forms.CharField(
        label=_("Quốc tịch (người nước ngoài)"), max_length=64, required=False
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
    contains_state_secrets = forms.BooleanField(
        label=_("Hồ sơ chứa bí mật nhà nước"),
        required=False,
        help_text=_(
            "Đánh dấu khi hồ sơ có tài liệu mật: hồ sơ không được gửi bằng hồ sơ điện tử, chỉ "
            "gửi bản giấy (Nghị định 152/2025/NĐ-CP, Điều 42)."
        ),
    )
    state_secrets_note = forms.CharField(
        label=_("Ghi chú về bí mật nhà nước"), max_length=255, required=False
    )
    nominee_alias = forms.CharField(
        label=_("Bí danh"),
        max_length=255,
        required=False,
        help_text=_(
            "Chỉ cho người, tập thể ngoài lực lượng Công an trong hồ sơ có bí mật nhà nước: văn "
            "bản, Bằng khen/Giấy khen và giấy tờ buổi lễ ghi bí danh thay cho tên."
        ),
    )
    simplified_procedure = forms.BooleanField(
        label=_("Khen thưởng đột xuất (thủ tục đơn giản)"),
        required=False,
        help_text=_("Hồ sơ gồm Tờ trình và tóm tắt thành tích; được xử lý trước."),
    )
    feat_date = forms.DateField(
        label=_("Ngày lập thành tích"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    posthumous = forms.BooleanField(
        label=_("Truy tặng"),
        required=False,
        help_text=_("Người được khen đã hy sinh, từ trần: Bằng khen/Giấy khen in “TRUY TẶNG”."),
    )
    posthumous_receiver = forms.CharField(
        label=_("Thân nhân nhận thay"),
        max_length=255,
        required=False,
        help_text=_("VD: Bà Nguyễn Thị B (vợ)."),
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
        if not editing and not self.is_bound and not self.initial.get("campaign"):
            open_now = list(campaigns[:2])
            if len(open_now) == 1:  # only one campaign open: nothing to choose
                self.initial["campaign"] = open_now[0]
        campaign = self._chosen_campaign()
        award_types = AwardType.objects.all()
        if campaign is not None:
            award_types = campaign.award_types.all()
        self.fields["award_type"].queryset = award_types
        # One file input per document the rule set in force requires for this award.
        award_type = self._chosen(self.fields["award_type"].queryset, "award_type")
        self.document_kinds: list[str] = []
        if campaign is not None and award_type is not None:
            rule_set = rule_set_for(award_type, campaign)
            self.document_kinds = list(rule_set.required_documents) if rule_set else []
        for kind in self.document_kinds:
            self.fields[f"doc_{kind}"] = forms.FileField(
                label=AttachmentKind(kind).label, required=False
            )
        self.fields["attachment"].widget.attrs["accept"] = ",".join(
            f".{ext}" for ext in settings.ATTACHMENT_ALLOWED_EXTENSIONS
        )
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)
            if name in self.INDIVIDUAL_FIELDS:
                widget.attrs["data-kind"] = "individual"

    def _chosen(self, queryset: Any, name: str) -> Any:
        value = self.data.get(name) if self.is_bound else None
        value = value or self.initial.get(name)
        if value is None or value == "" or hasattr(value, "pk"):
            return value or None
        try:
            return queryset.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            return None

    @property
    def document_fields(self) -> list[Any]:
        return [self[f"doc_{kind}"] for kind in self.document_kinds]

    def file_fields(self) -> list[tuple[str, str]]:
        """(field name, attachment kind) of every file input of the form."""
        kind = (self.data.get("attachment_kind") if self.is_bound else "") or AttachmentKind.OTHER
        if kind not in AttachmentKind.values:
            kind = AttachmentKind.OTHER
        return [("attachment", kind)] + [(f"doc_{k}", k) for k in self.document_kinds]

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
        data["contains_state_secrets"] = bool(data.get("contains_state_secrets"))
        data["posthumous"] = bool(data.get("posthumous"))
        data["simplified_procedure"] = bool(data.get("simplified_procedure"))
        for name in (
            "rank",
            "position",
            "workplace",
            "gender",
            "state_secrets_note",
            "nominee_alias",
            "posthumous_receiver",
            "address",
            "nationality",
        ):
            data[name] = data.get(name) or ""
        data["affiliation"] = data.get("affiliation") or Affiliation.FORCE
        for kind in self.document_kinds:
            data.pop(f"doc_{kind}", None)
        if not creating:
            data.pop("campaign", None)
            data.pop("unit", None)
        return data

    def attachments(self) -> list[tuple[Any, str]]:
        found = []
        upload = self.cleaned_data.get("attachment")
        if upload:
            found.append((upload, self.cleaned_data.get("attachment_kind") or AttachmentKind.OTHER))
        for kind in self.document_kinds:
            upload = self.cleaned_data.get(f"doc_{kind}")
            if upload:
                found.append((upload, kind))
        return found


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
    # Set by the confirmation page of an action that cannot be undone (its second POST).
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


def unit_tree_choices() -> list[Any]:
    """The unit picker as a tree (issue #27 §8): the units in force today, each under its
    parent (indented, depth first), then, apart under a heading, those dissolved or merged (old
    nominations still name them). One query for the tree, one for the others."""
    tree = unit_tree_on()
    in_force = [
        (node.id, "\u00a0\u00a0" * depth + ("└ " if depth else "") + node.name)
        for depth, node in tree.ordered()
    ]
    gone = [
        (unit.pk, unit.name)
        for unit in Unit.objects.exclude(pk__in=list(tree.nodes)).order_by("name")
    ]
    choices: list[Any] = [("", _("Tất cả")), *in_force]
    if gone:
        choices.append((_("Đơn vị đã giải thể, sáp nhập"), gone))
    return choices


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
        choices=[("", _("Tất cả"))]
        + NominationState.choices
        + [(DECIDING, _("Chờ cấp có thẩm quyền quyết định (mọi cấp)"))],
        required=False,
    )
    q = forms.CharField(
        label=_("Tìm theo tên"),
        required=False,
        help_text=_("Không cần gõ dấu: “hung” tìm được “Hùng”."),
    )
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
        self.fields["unit"].choices = unit_tree_choices()
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
            "state": DECIDING_STATES if data.get("state") == DECIDING else data.get("state") or "",
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


class ImportForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Đợt thi đua"),
        queryset=Campaign.objects.order_by("-year", "name"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )
