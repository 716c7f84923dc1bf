"""Admin for council sessions with their votes and recusals."""

from django.contrib import admin

from commendations.committee.models import CommitteeSession, Recusal, Vote


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0
    readonly_fields = ("nomination", "member", "choice", "cast_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class RecusalInline(admin.TabularInline):
    model = Recusal
    extra = 0
    readonly_fields = ("nomination", "member", "reason", "at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CommitteeSession)
class CommitteeSessionAdmin(admin.ModelAdmin):
    """Votes and recusals are recorded through their services; the admin shows them."""

    list_display = ("title", "campaign", "held_on", "place", "chair", "secretary")
    filter_horizontal = ("members",)
    inlines = [VoteInline, RecusalInline]
