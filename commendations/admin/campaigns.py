"""Admin for campaigns and award types."""

from django.contrib import admin

from commendations.campaigns.models import (
    AuthorityProfile,
    AwardAuthority,
    AwardCriterion,
    AwardType,
    Campaign,
)


class AwardCriterionInline(admin.TabularInline):
    model = AwardCriterion
    fields = ("sort_order", "text", "mandatory", "legal_reference", "valid_from", "valid_to")
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "category",
        "decided_by",
        "authority",
        "accepts_collective",
        "accepts_individual",
        "vote_share_required",
    )
    list_filter = ("category", "decided_by", "authority")
    list_select_related = ("decided_by",)
    inlines = [AwardCriterionInline]


@admin.register(AwardAuthority)
class AwardAuthorityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "document_authority", "sort_order")
    list_filter = ("level",)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "opens_on", "closes_on")
    list_filter = ("year",)
    filter_horizontal = ("award_types",)
    search_fields = ("name",)


@admin.register(AuthorityProfile)
class AuthorityProfileAdmin(admin.ModelAdmin):
    list_display = (
        "authority",
        "title",
        "place",
        "document_code",
        "certificates_printed_here",
        "sealed_here",
    )
