"""Routes of the REST API v1 (`/api/v1/`)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from commendations.api import auth as api_auth
from commendations.api import schema as api_schema
from commendations.api.annual_titles import views as annual_titles_api
from commendations.api.campaigns import views as campaigns_api
from commendations.api.ceremonies import views as ceremonies_api
from commendations.api.certificates import replacement_views as replacement_api
from commendations.api.certificates import views as certificates_api
from commendations.api.committee import views as committee_api
from commendations.api.decisions import views as decisions_api
from commendations.api.due import views as due_api
from commendations.api.long_service import views as long_service_api
from commendations.api.me import views as me_api
from commendations.api.nominations import views as nominations_api
from commendations.api.notifications import views as notifications_api
from commendations.api.people import views as people_api
from commendations.api.reports import views as reports_api
from commendations.api.tokens import views as tokens_api
from commendations.api.units import views as units_api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", units_api.UnitViewSet, basename="api-unit")
router.register("people", people_api.PersonViewSet, basename="api-person")
router.register("rating-lists", annual_titles_api.RatingListViewSet, basename="api-rating-list")
router.register("registrations", annual_titles_api.RegistrationViewSet, basename="api-registration")
router.register("campaigns", campaigns_api.CampaignViewSet, basename="api-campaign")
router.register("award-types", campaigns_api.AwardTypeViewSet, basename="api-award-type")
router.register("nominations", nominations_api.NominationViewSet, basename="api-nomination")
router.register("imports", nominations_api.NominationImportViewSet, basename="api-import")
router.register("decisions", decisions_api.DecisionViewSet, basename="api-decision")
router.register(
    "submission-letters",
    decisions_api.SubmissionLetterViewSet,
    basename="api-submission-letter",
)
router.register(
    "long-service-proposals",
    long_service_api.LongServiceProposalViewSet,
    basename="api-long-service-proposal",
)
router.register("ceremonies", ceremonies_api.CeremonyViewSet, basename="api-ceremony")
router.register("print-packs", ceremonies_api.PrintPackViewSet, basename="api-print-pack")
router.register("certificates", certificates_api.CertificateViewSet, basename="api-certificate")
router.register("notifications", notifications_api.NotificationViewSet, basename="api-notification")
router.register("auth/tokens", tokens_api.ApiTokenViewSet, basename="api-token")
router.register(
    "committee-sessions", committee_api.CommitteeSessionViewSet, basename="api-committee-session"
)
router.register("users", me_api.UserViewSet, basename="api-user")
router.register(
    "replacements", replacement_api.ReplacementRequestViewSet, basename="api-replacement"
)

urlpatterns = [
    path("auth/token/", api_auth.TokenView.as_view(), name="api-token"),
    path("me/", me_api.MeView.as_view(), name="api-me"),
    re_path(
        r"^certificates/(?P<pk>[^/.]+)/download/$",
        certificates_api.CertificateDownloadView.as_view(),
        name="api-certificate-download",
    ),
    re_path(
        r"^certificates/(?P<pk>[^/.]+)/pdf/$",
        certificates_api.CertificatePdfView.as_view(),
        name="api-certificate-pdf",
    ),
    re_path(
        r"^verify/(?P<token>[^/]+)/$",
        certificates_api.CertificateVerifyView.as_view(),
        name="api-certificate-verify",
    ),
    re_path(
        r"^units/(?P<pk>[^/.]+)/honours/$",
        people_api.UnitHonoursView.as_view(),
        name="api-unit-honours",
    ),
    path("due/", due_api.DueListView.as_view(), name="api-due"),
    path("due/export/", due_api.DueExportView.as_view(), name="api-due-export"),
    path("statistics/", reports_api.StatisticsView.as_view(), name="api-statistics"),
    path(
        "statistics/export/",
        reports_api.StatisticsExportView.as_view(),
        name="api-statistics-export",
    ),
    path(
        "statistics/titles/",
        reports_api.TitleStatisticsView.as_view(),
        name="api-title-statistics",
    ),
    path(
        "statistics/titles/export/",
        reports_api.TitleStatisticsExportView.as_view(),
        name="api-title-statistics-export",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "schema/swagger/",
        api_schema.SwaggerView.as_view(url_name="api-schema"),
        name="api-swagger",
    ),
    path("schema/redoc/", api_schema.RedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
