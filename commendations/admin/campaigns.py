"""Admin for campaigns and award types."""

from django.contrib import admin

from commendations.campaigns.models import AuthorityProfile, AwardType, Campaign


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
