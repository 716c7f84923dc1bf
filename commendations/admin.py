from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from workflow.admin import TransitionAdminMixin
from workflow.exceptions import WorkflowError

from .models import Attachment, AwardType, Campaign, Decision, Nomination, Unit, UserProfile
from .services.decisions import decision_issue


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "headcount")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "authority",
        "accepts_collective",
        "accepts_individual",
        "vote_share_required",
    )
    list_filter = ("authority",)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "opens_on", "closes_on")
    list_filter = ("year",)
    filter_horizontal = ("award_types",)
    search_fields = ("name",)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("kind", "file", "original_name", "size", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = ("original_name", "size", "content_type", "uploaded_by", "uploaded_at")


@admin.register(Nomination)
class NominationAdmin(TransitionAdminMixin):
    list_display = (
        "nominee_name",
        "nominee_kind",
        "award_type",
        "unit",
        "campaign",
        "state",
        "created_at",
    )
    list_filter = ("state", "award_type", "nominee_kind", "campaign")
    search_fields = ("nominee_name", "unit__name")
    list_select_related = ("award_type", "unit", "campaign")
    autocomplete_fields = ("unit", "nominee_unit")
    readonly_fields = (
        "votes_for",
        "votes_against",
        "votes_abstain",
        "decision",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "decided_at",
    )
    inlines = [AttachmentInline]

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class DecisionNominationInline(admin.TabularInline):
    model = Nomination
    fk_name = "decision"
    extra = 0
    can_delete = False
    fields = ("nominee_name", "award_type", "unit", "state")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "authority", "date", "signer_name", "state")
    list_filter = ("authority", "state", "year")
    search_fields = ("number", "signer_name")
    readonly_fields = ("state", "year", "issued_at", "created_by", "created_at")
    inlines = [DecisionNominationInline]
    actions = ["issue_selected"]

    @admin.action(description=_("Ban hành các quyết định đã chọn"))
    def issue_selected(self, request, queryset) -> None:  # noqa: ANN001
        for decision in queryset:
            try:
                decision_issue(decision=decision, actor=request.user)
                messages.success(request, _("Đã ban hành %(d)s.") % {"d": decision})
            except ValidationError as exc:
                messages.error(request, f"{decision}: {'; '.join(exc.messages)}")
            except (WorkflowError, PermissionDenied) as exc:
                messages.error(request, f"{decision}: {exc}")

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class UserProfileInline(admin.StackedInline):
    model = UserProfile
    can_delete = False
    autocomplete_fields = ("unit",)


admin.site.unregister(User)


@admin.register(User)
class KhenThuongUserAdmin(UserAdmin):
    inlines = [UserProfileInline]


from . import admin_certificates  # noqa: E402, F401 - certificates, templates, print packs
from .rules import admin as rules_admin  # noqa: E402, F401  (registers rule sets and history)
