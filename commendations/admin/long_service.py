"""Admin for the long-service thresholds (dated data: a new circular is a new row)."""

from django.contrib import admin

from commendations.long_service.models import LongServiceThreshold


@admin.register(LongServiceThreshold)
class LongServiceThresholdAdmin(admin.ModelAdmin):
    list_display = (
        "award",
        "basis",
        "sex",
        "years",
        "difficult_area_counts_double",
        "valid_from",
        "valid_to",
        "source",
        "verified",
    )
    list_filter = ("award", "verified")
