"""Excel import/export and statistics pages."""

from django.urls import path

from .views import excel, stats

urlpatterns = [
    path("excel/import/", excel.import_page, name="excel_import"),
    path("excel/template/<int:campaign_pk>/", excel.import_template, name="excel_import_template"),
    path("excel/nominations.xlsx", excel.nominations_export, name="excel_nominations"),
    path("decisions/<int:pk>/annex.xlsx", excel.decision_annex, name="excel_decision_annex"),
    path("stats/", stats.dashboard, name="stats_dashboard"),
    path("stats/summary/", stats.summary, name="stats_summary"),
    path("stats/export.xlsx", stats.export, name="stats_export"),
]
