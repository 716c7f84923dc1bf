from django.urls import include, path

from . import verification_views, views
from .rules import views as rules_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("nominations/", views.nomination_list, name="nomination_list"),
    path("nominations/new/", views.nomination_create, name="nomination_create"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", views.nomination_edit, name="nomination_edit"),
    path(
        "nominations/<int:pk>/do/<slug:name>/",
        views.nomination_transition,
        name="nomination_transition",
    ),
    path("nominations/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("review/", views.review_queue, name="review_queue"),
    path("committee/sessions/", views.committee_session_list, name="committee_session_list"),
    path(
        "committee/sessions/new/", views.committee_session_create, name="committee_session_create"
    ),
    path(
        "committee/sessions/<int:pk>/",
        views.committee_session_detail,
        name="committee_session_detail",
    ),
    path(
        "committee/sessions/<int:pk>/vote/",
        views.committee_session_vote,
        name="committee_session_vote",
    ),
    path(
        "committee/sessions/<int:pk>/recuse/",
        views.committee_session_recuse,
        name="committee_session_recuse",
    ),
    path(
        "committee/sessions/<int:pk>/recommend/",
        views.committee_session_recommend,
        name="committee_session_recommend",
    ),
    path("consolidation/", views.consolidation_list, name="consolidation_list"),
    path("consolidation/forward/", views.consolidation_forward, name="consolidation_forward"),
    path("consolidation/<int:pk>/return/", views.consolidation_return, name="consolidation_return"),
    path("forward/", views.forward_queue, name="forward_queue"),
    path("forward/send/", views.forward_bulk, name="forward_bulk"),
    path("director/", views.director_queue, name="director_queue"),
    path("ministry/", views.ministry_queue, name="ministry_queue"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/issue/", views.decision_issue, name="decision_issue"),
    path("decisions/<int:pk>/revoke/", views.decision_revoke, name="decision_revoke"),
    path("decisions/<int:pk>/document/", views.decision_document, name="decision_document"),
    path("decisions/<int:pk>/scan/", views.decision_scan, name="decision_scan"),
    path("decisions/<int:pk>/progress/", views.decision_progress, name="decision_progress"),
    path(
        "decisions/<int:pk>/certificates/generate/",
        views.certificates_generate,
        name="certificates_generate",
    ),
    path("forward/submission-letter/", views.submission_letter, name="submission_letter"),
    path("certificates/mark/", views.certificates_mark, name="certificates_mark"),
    path("certificates/<int:pk>/retry/", views.certificate_retry, name="certificate_retry"),
    path("certificates/<int:pk>/file/", views.certificate_download, name="certificate_download"),
    path("ceremonies/", views.ceremony_list, name="ceremony_list"),
    path("ceremonies/<int:pk>/", views.ceremony_detail, name="ceremony_detail"),
    path("ceremonies/<int:pk>/print-pack/", views.print_pack_request, name="print_pack_request"),
    path("print-packs/<int:pk>/status/", views.print_pack_status, name="print_pack_status"),
    path(
        "print-packs/<int:pk>/<slug:kind>/", views.print_pack_download, name="print_pack_download"
    ),
    path(
        "nominations/<int:pk>/eligibility/<slug:code>/confirm/",
        rules_views.eligibility_confirm_view,
        name="eligibility_confirm",
    ),
    path(
        "ceremonies/<int:pk>/documents/<slug:kind>/",
        views.ceremony_document,
        name="ceremony_document",
    ),
    path("printing/calibration/<slug:kind>/", views.calibration_page, name="calibration_page"),
    path(
        "xac-minh/<str:token>/",
        verification_views.certificate_verify,
        name="certificate_verify",
    ),
    path("", include("commendations.urls_reports")),
]
