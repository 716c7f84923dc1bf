"""Admin for units (with their dated timeline and lineage), users with their unit, people and
their records."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commendations.nominations.handover import handover_apply, handover_plan
from commendations.units.models import (
    DisciplinaryRecord,
    HonourRecord,
    Initiative,
    Person,
    ServiceRecord,
    Unit,
    UnitEvent,
    UnitLink,
    UnitVersion,
    UserProfile,
)
from commendations.units.selectors import unit_lineage


class UnitVersionInline(admin.TabularInline):
    """The unit's timeline: what it was called and where it sat, from when to when, and by
    which event. Changes are events (apply_reorganisation), so the timeline is read-only."""

    model = UnitVersion
    fk_name = "unit"
    verbose_name_plural = _("Lịch sử tổ chức (các phiên bản theo thời gian)")
    fields = ("valid_from", "valid_to", "code", "name", "kind", "parent", "event")
    readonly_fields = fields
    ordering = ("valid_from",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class InForceFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", _("Đang hoạt động")), ("no", _("Đã chấm dứt"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.in_force(today)
        if self.value() == "no":
            return queryset.filter(valid_to__lte=today)
        return queryset


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "headcount", "valid_from", "valid_to")
    list_filter = (InForceFilter, "kind")
    search_fields = ("code", "name", "versions__name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("valid_from", "valid_to", "lineage")
    inlines = [UnitVersionInline]
    actions = ["hand_over"]

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):  # a picker offers only units in force
            queryset = queryset.in_force(timezone.localdate())
        return queryset, True  # searching old names joins the versions

    @admin.display(description=_("Tiền thân / kế thừa"))
    def lineage(self, obj: Unit) -> str:
        if obj.pk is None:
            return "-"
        lineage = unit_lineage(obj)

        def step(s) -> str:
            return f"{s.unit.name} ({s.event.get_kind_display()}, {s.event.date:%d/%m/%Y})"

        parts = []
        if lineage.predecessors:
            parts.append(_("Tiền thân: ") + "; ".join(step(s) for s in lineage.predecessors))
        if lineage.successors:
            parts.append(_("Kế thừa: ") + "; ".join(step(s) for s in lineage.successors))
        return " — ".join(parts) or "-"

    @admin.action(description=_("Chuyển giao hồ sơ, tài khoản sang đơn vị kế thừa (xem trước)"))
    def hand_over(self, request: HttpRequest, queryset: QuerySet[Unit]) -> HttpResponse | None:
        """First a preview of what moves; the confirmation posts back with `apply`."""
        plans = [handover_plan(unit) for unit in queryset]
        if request.POST.get("apply") != "1":
            return TemplateResponse(
                request,
                "admin/commendations/unit/handover_preview.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Chuyển giao cho đơn vị kế thừa"),
                    "plans": plans,
                    "units": queryset,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                    "opts": self.model._meta,
                },
            )
        for plan in plans:
            if plan.heir is None or plan.is_empty:
                continue
            try:
                done = handover_apply(
                    unit=plan.unit, actor=request.user, comment=request.POST.get("comment", "")
                )
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
                continue
            self.message_user(request, done.summary())
        return None


class UnitLinkInline(admin.TabularInline):
    model = UnitLink
    fields = ("predecessor", "successor", "inherits")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(UnitEvent)
class UnitEventAdmin(admin.ModelAdmin):
    """The registry's events with their legal documents; recorded by apply_reorganisation."""

    list_display = ("date", "kind", "document_number", "document_title")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("document_number", "document_title", "note")
    readonly_fields = ("kind", "date", "key")
    inlines = [UnitLinkInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class UserProfileInline(admin.StackedInline):
    model = UserProfile
    can_delete = False
    autocomplete_fields = ("unit",)


admin.site.unregister(User)


@admin.register(User)
class KhenThuongUserAdmin(UserAdmin):
    inlines = [UserProfileInline]


class ServiceRecordInline(admin.TabularInline):
    """Read-only: a transfer is `units.services.person_transfer`, which keeps the history."""

    model = ServiceRecord
    fields = (
        "valid_from",
        "valid_to",
        "unit",
        "rank",
        "position",
        "force",
        "leading_post",
        "difficult_area",
        "note",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


# Recorded through history.services.honour_ministry_certificate_record (the person's history
# page, the API), audited; shown read-only here. The recognition decision is set by the rating.
HONOUR_READ_ONLY = ("decision", "ministry_certificate_number", "ministry_certificate_received_on")


class HonourInline(admin.TabularInline):
    model = HonourRecord
    fk_name = "person"
    extra = 0
    exclude = ("kind",)
    readonly_fields = HONOUR_READ_ONLY


class InitiativeInline(admin.TabularInline):
    model = Initiative
    extra = 0


class DisciplinaryInline(admin.TabularInline):
    model = DisciplinaryRecord
    fk_name = "person"
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("code", "full_name", "date_of_birth", "sex", "unit")
    search_fields = ("code", "full_name")
    inlines = [ServiceRecordInline, HonourInline, InitiativeInline, DisciplinaryInline]


@admin.register(HonourRecord)
class HonourRecordAdmin(admin.ModelAdmin):
    list_display = (
        "year",
        "award_type",
        "person",
        "unit",
        "reference",
        "decided_on",
        "ministry_certificate_number",
    )
    list_filter = ("award_type__category", "award_type", "year")
    list_select_related = ("award_type", "person", "unit")
    exclude = ("kind",)
    readonly_fields = HONOUR_READ_ONLY


@admin.register(DisciplinaryRecord)
class DisciplinaryRecordAdmin(admin.ModelAdmin):
    list_display = ("kind", "person", "unit", "started_on", "ended_on")
    list_filter = ("kind",)
