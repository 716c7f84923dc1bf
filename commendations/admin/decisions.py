"""Admin for decisions."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from commendations.actions.decisions import decision_issue
from commendations.decisions.models import AuthoritySigner, BaseSalary, Decision, PrizeRule
from commendations.nominations.models import Nomination
from workflow.exceptions import WorkflowError


class DecisionNominationInline(admin.TabularInline):
    model = Nomination
    fk_name = "decision"
    extra = 0
    can_delete = False
    fields = ("nominee_name", "award_type", "unit", "state")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "authority", "date", "signer_name", "state")
    list_filter = ("authority", "state", "year")
    search_fields = ("number", "signer_name")
    readonly_fields = (
        "state",
        "year",
        "issued_at",
        "created_by",
        "created_at",
        "signature_state",
        "sealed_pdf",
        "sealed_pdf_sha256",
        "sealed_at",
    )
    inlines = [DecisionNominationInline]
    actions = ["issue_selected"]

    @admin.action(description=_("Ban hành các quyết định đã chọn"))
    def issue_selected(self, request, queryset) -> None:
        for decision in queryset:
            try:
                decision_issue(decision=decision, actor=request.user)
                messages.success(request, _("Đã ban hành %(d)s.") % {"d": decision})
            except ValidationError as exc:
                messages.error(request, f"{decision}: {'; '.join(exc.messages)}")
            except (WorkflowError, PermissionDenied) as exc:
                messages.error(request, f"{decision}: {exc}")

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "valid_to", "amount", "source")


@admin.register(AuthoritySigner)
class AuthoritySignerAdmin(admin.ModelAdmin):
    """Who signs for each authority from when to when: a re-issued certificate carries the one
    in force on its re-issue date."""

    list_display = ("authority", "signer_name", "signer_title", "valid_from", "valid_to")
    list_filter = ("authority",)


@admin.register(PrizeRule)
class PrizeRuleAdmin(admin.ModelAdmin):
    list_display = (
        "authority",
        "award_type",
        "valid_from",
        "valid_to",
        "coefficient",
        "collective_multiplier",
        "rounding_unit",
        "source",
        "verified",
    )
    list_filter = ("authority", "verified")
