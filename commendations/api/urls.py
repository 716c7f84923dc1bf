from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", views.UnitViewSet, basename="api-unit")
router.register("campaigns", views.CampaignViewSet, basename="api-campaign")
router.register("award-types", views.AwardTypeViewSet, basename="api-award-type")
router.register("nominations", views.NominationViewSet, basename="api-nomination")
router.register("decisions", views.DecisionViewSet, basename="api-decision")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("statistics/", views.StatisticsView.as_view(), name="api-statistics"),
    path("statistics/export/", views.StatisticsExportView.as_view(), name="api-statistics-export"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "schema/swagger/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-swagger"
    ),
    path("schema/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
