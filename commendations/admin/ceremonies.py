"""Admin for ceremonies, print packs, printer calibrations and blank layouts."""

from django.contrib import admin

from commendations.ceremonies.models import (
    BlankLayout,
    Ceremony,
    CeremonyPresenter,
    PrinterCalibration,
    PrintPack,
)


class CeremonyPresenterInline(admin.TabularInline):
    model = CeremonyPresenter
    extra = 0


@admin.register(Ceremony)
class CeremonyAdmin(admin.ModelAdmin):
    list_display = ("name", "date", "place", "group_size")
    filter_horizontal = ("decisions",)
    inlines = [CeremonyPresenterInline]


@admin.register(PrintPack)
class PrintPackAdmin(admin.ModelAdmin):
    list_display = ("ceremony", "status", "certificate_count", "page_count", "created_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in PrintPack._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PrinterCalibration)
class PrinterCalibrationAdmin(admin.ModelAdmin):
    list_display = ("name", "offset_x_mm", "offset_y_mm")


@admin.register(BlankLayout)
class BlankLayoutAdmin(admin.ModelAdmin):
    list_display = ("kind", "page_width_mm", "page_height_mm")
