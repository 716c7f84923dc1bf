"""Admin for the chains of titles (dated data)."""

from django.contrib import admin

from commendations.due.models import ChainRule


@admin.register(ChainRule)
class ChainRuleAdmin(admin.ModelAdmin):
    list_display = (
        "subject_kind",
        "source",
        "years",
        "target",
        "initiative_level",
        "legal_reference",
        "verified",
        "valid_from",
        "valid_to",
    )
    list_filter = ("subject_kind", "verified")
    list_select_related = ("source", "target")
