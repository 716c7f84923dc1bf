"""Admin for the caps as shares (dated data) and a read view of the year-end rating lists (their
transitions go through the actions, never through the admin's save)."""

from django.contrib import admin

from commendations.annual_titles.models import (
    RatingList,
    RatingRow,
    Registration,
    RegistrationRule,
    TitleCap,
)


@admin.register(TitleCap)
class TitleCapAdmin(admin.ModelAdmin):
    list_display = ("award_type", "percent", "base", "source", "verified", "valid_from", "valid_to")
    list_filter = ("verified",)
    list_select_related = ("award_type", "base")


class RatingRowInline(admin.TabularInline):
    model = RatingRow
    extra = 0
    fields = ("person", "unit", "award_type", "rating", "initiative", "excluded_reason")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RatingList)
class RatingListAdmin(admin.ModelAdmin):
    list_display = ("year", "unit", "submission_number", "state", "decision")
    list_filter = ("year", "state")
    list_select_related = ("unit", "decision")
    readonly_fields = (
        "unit",
        "year",
        "submission_number",
        "submission_date",
        "council_minutes",
        "note",
        "state",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "decision",
        "created_by",
    )
    inlines = [RatingRowInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RegistrationRule)
class RegistrationRuleAdmin(admin.ModelAdmin):
    list_display = ("award_type", "required", "source", "verified", "valid_from", "valid_to")
    list_filter = ("required", "verified")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("year", "unit", "person", "award_type")
    list_filter = ("year", "award_type")
    list_select_related = ("unit", "person", "award_type")
    raw_id_fields = ("unit", "person")
