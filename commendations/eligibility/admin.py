"""Admin for rule sets, public holidays, nominee links, evidence and confirmations."""

from django.contrib import admin

from commendations.eligibility.models import (
    EligibilityConfirmation,
    NominationEvidence,
    NomineeLink,
    PublicHoliday,
    RuleSet,
)


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ("name", "award_type", "valid_from", "valid_to", "quota_kind", "quota_value")
    list_filter = ("award_type",)


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")


@admin.register(NomineeLink)
class NomineeLinkAdmin(admin.ModelAdmin):
    list_display = ("nomination", "person")


@admin.register(NominationEvidence)
class NominationEvidenceAdmin(admin.ModelAdmin):
    list_display = ("nomination", "honour", "initiative")


@admin.register(EligibilityConfirmation)
class EligibilityConfirmationAdmin(admin.ModelAdmin):
    """Read-only: a confirmation is made through its audited service, never edited."""

    list_display = ("nomination", "code", "confirmed_by", "at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
