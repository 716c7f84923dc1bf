"""Admin for nominations and their attachments; transitions fire through the actions' registry."""

from django.contrib import admin

from commendations.actions.registry import action_run
from commendations.nominations.models import Attachment, Nomination
from commendations.nominations.selectors import nominations_matching
from workflow.admin import TransitionAdminMixin


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("kind", "file", "original_name", "size", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = ("original_name", "size", "content_type", "uploaded_by", "uploaded_at")


@admin.register(Nomination)
class NominationAdmin(TransitionAdminMixin):
    transition_run = staticmethod(action_run)
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
        "consolidation_heir",  # set by the handover of a dissolved unit (units.md)
    )
    inlines = [AttachmentInline]

    def get_search_results(self, request, queryset, search_term):
        """The same accent- and case-insensitive search as the lists and the API."""
        if not search_term.strip():
            return queryset, False
        return queryset.filter(nominations_matching(search_term)), False

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
