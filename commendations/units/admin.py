"""Admin for units, users with their unit, people and their records."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from commendations.units.models import (
    DisciplinaryRecord,
    HonourRecord,
    Initiative,
    Person,
    Unit,
    UserProfile,
)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "headcount")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


class UserProfileInline(admin.StackedInline):
    model = UserProfile
    can_delete = False
    autocomplete_fields = ("unit",)


admin.site.unregister(User)


@admin.register(User)
class KhenThuongUserAdmin(UserAdmin):
    inlines = [UserProfileInline]


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
