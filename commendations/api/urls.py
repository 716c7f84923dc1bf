from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", views.UnitViewSet, basename="api-unit")
router.register("campaigns", views.CampaignViewSet, basename="api-campaign")
router.register("award-types", views.AwardTypeViewSet, basename="api-award-type")
router.register("nominations", views.NominationViewSet, basename="api-nomination")
router.register("decisions", views.DecisionViewSet, basename="api-decision")
router.register("ceremonies", views.CeremonyViewSet, basename="api-ceremony")
router.register("print-packs", views.PrintPackViewSet, basename="api-print-pack")
router.register("certificates", views.CertificateViewSet, basename="api-certificate")
router.register(
    "committee-sessions", views.CommitteeSessionViewSet, basename="api-committee-session"
)

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    re_path(
        r"^certificates/(?P<pk>[^/.]+)/download/$",
        views.CertificateDownloadView.as_view(),
        name="api-certificate-download",
    ),
    path("statistics/", views.StatisticsView.as_view(), name="api-statistics"),
    path("statistics/export/", views.StatisticsExportView.as_view(), name="api-statistics-export"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "schema/swagger/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-swagger",
    ),
    path("schema/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
