"""Admin for rule sets, public holidays, nominee links, evidence and confirmations."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from commendations.admin.base import ReadOnlyAdmin
from commendations.eligibility.models import (
    EligibilityConfirmation,
    LegalBasis,
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
class NomineeLinkAdmin(ReadOnlyAdmin):
    """Linked by `nominations.dossier.nominee_link_set` (the unit's officer, while editable)."""

    list_display = ("nomination", "person")


@admin.register(NominationEvidence)
class NominationEvidenceAdmin(ReadOnlyAdmin):
    """Added by `nominations.dossier.evidence_add` (the unit's officer, while editable)."""

    list_display = ("nomination", "honour", "initiative")


@admin.register(EligibilityConfirmation)
class EligibilityConfirmationAdmin(ReadOnlyAdmin):
    """Made by `nominations.dossier.eligibility_confirm`, with its audit event."""

    list_display = ("nomination", "code", "confirmed_by", "at")


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    """Texts whose dates are not checked against the original are listed first in the
    changelist's warning and marked in their column, so the administrator checks them."""

    list_display = (
        "short_name",
        "kind",
        "issued_on",
        "date_verified",
        "valid_from",
        "valid_to",
        "authority",
        "sort_order",
    )
    list_filter = ("date_verified", "kind", "authority")

    def changelist_view(self, request, extra_context=None):
        unverified = list(
            LegalBasis.objects.filter(date_verified=False).values_list("short_name", flat=True)
        )
        if unverified:
            messages.warning(
                request,
                _("Ngày của các văn bản sau chưa đối chiếu bản gốc, cần kiểm tra: %(texts)s.")
                % {"texts": ", ".join(unverified)},
            )
        return super().changelist_view(request, extra_context)

    search_fields = ("short_name", "citation")
    filter_horizontal = ("award_types",)
