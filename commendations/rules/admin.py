"""Admin for rule sets and the nominee's history (imported from commendations.admin)."""

from django.contrib import admin

from ..models import (
    BlankLayout,
    CommitteeSession,
    DisciplinaryRecord,
    EligibilityConfirmation,
    HonourRecord,
    Initiative,
    NominationEvidence,
    NomineeLink,
    Person,
    PrinterCalibration,
    PublicHoliday,
    Recusal,
    Revocation,
    RuleSet,
    Vote,
)


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ("name", "award_type", "valid_from", "valid_to", "quota_kind", "quota_value")
    list_filter = ("award_type",)


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")


class HonourInline(admin.TabularInline):
    model = HonourRecord
    fk_name = "person"
    extra = 0


class InitiativeInline(admin.TabularInline):
    model = Initiative
    extra = 0


class DisciplinaryInline(admin.TabularInline):
    model = DisciplinaryRecord
    fk_name = "person"
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("code", "full_name", "date_of_birth", "unit")
    search_fields = ("code", "full_name")
    inlines = [HonourInline, InitiativeInline, DisciplinaryInline]


@admin.register(HonourRecord)
class HonourRecordAdmin(admin.ModelAdmin):
    list_display = ("year", "kind", "person", "unit", "reference")
    list_filter = ("kind", "year")


@admin.register(DisciplinaryRecord)
class DisciplinaryRecordAdmin(admin.ModelAdmin):
    list_display = ("kind", "person", "unit", "started_on", "ended_on")
    list_filter = ("kind",)


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

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0
    readonly_fields = ("nomination", "member", "choice", "cast_at")

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


class RecusalInline(admin.TabularInline):
    model = Recusal
    extra = 0
    readonly_fields = ("nomination", "member", "reason", "at")

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(CommitteeSession)
class CommitteeSessionAdmin(admin.ModelAdmin):
    """Votes and recusals are recorded through their services; the admin shows them."""

    list_display = ("title", "campaign", "held_on")
    filter_horizontal = ("members",)
    inlines = [VoteInline, RecusalInline]


@admin.register(Revocation)
class RevocationAdmin(admin.ModelAdmin):
    """Read-only: a revocation is made by its audited service (services.revocations)."""

    list_display = ("decision", "certificate", "revoked_by", "at")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(PrinterCalibration)
class PrinterCalibrationAdmin(admin.ModelAdmin):
    list_display = ("name", "offset_x_mm", "offset_y_mm")


@admin.register(BlankLayout)
class BlankLayoutAdmin(admin.ModelAdmin):
    list_display = ("kind", "page_width_mm", "page_height_mm")
