"""The web UI's routes; each view lives in the `web` sub-package of the area it serves."""

from django.urls import path

from commendations.web import views as web_views
from commendations.web.annual_titles import views as annual_titles_views
from commendations.web.ceremonies import views as ceremonies_views
from commendations.web.certificates import replacement_views
from commendations.web.certificates import views as certificates_views
from commendations.web.committee import views as committee_views
from commendations.web.decisions import views as decisions_views
from commendations.web.due import views as due_views
from commendations.web.eligibility import views as eligibility_views
from commendations.web.long_service import views as long_service_views
from commendations.web.nominations import views as nominations_views
from commendations.web.reports import views as reports_views
from commendations.web.tokens import views as tokens_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("login/", web_views.LoginView.as_view(), name="login"),
    path("logout/", web_views.logout_view, name="logout"),
    path("notifications/read/", web_views.notifications_read, name="notifications_read"),
    path("nominations/", nominations_views.nomination_list, name="nomination_list"),
    path("nominations/new/", nominations_views.nomination_create, name="nomination_create"),
    path(
        "nominations/form-fields/",
        nominations_views.nomination_form_fields,
        name="nomination_form_fields",
    ),
    path("nominations/<int:pk>/", nominations_views.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", nominations_views.nomination_edit, name="nomination_edit"),
    path(
        "nominations/<int:pk>/do/<slug:name>/",
        nominations_views.nomination_transition,
        name="nomination_transition",
    ),
    path(
        "nominations/<int:pk>/attachments/",
        nominations_views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "attachments/<int:pk>/", nominations_views.attachment_download, name="attachment_download"
    ),
    path("review/", nominations_views.review_queue, name="review_queue"),
    path(
        "committee/sessions/", committee_views.committee_session_list, name="committee_session_list"
    ),
    path(
        "committee/sessions/new/",
        committee_views.committee_session_create,
        name="committee_session_create",
    ),
    path(
        "committee/sessions/<int:pk>/",
        committee_views.committee_session_detail,
        name="committee_session_detail",
    ),
    path(
        "committee/sessions/<int:pk>/vote/",
        committee_views.committee_session_vote,
        name="committee_session_vote",
    ),
    path(
        "committee/sessions/<int:pk>/recuse/",
        committee_views.committee_session_recuse,
        name="committee_session_recuse",
    ),
    path(
        "committee/sessions/<int:pk>/recommend/",
        committee_views.committee_session_recommend,
        name="committee_session_recommend",
    ),
    path("consolidation/", nominations_views.consolidation_list, name="consolidation_list"),
    path(
        "consolidation/forward/",
        nominations_views.consolidation_forward,
        name="consolidation_forward",
    ),
    path(
        "consolidation/<int:pk>/return/",
        nominations_views.consolidation_return,
        name="consolidation_return",
    ),
    path("forward/", nominations_views.forward_queue, name="forward_queue"),
    path("forward/send/", nominations_views.forward_bulk, name="forward_bulk"),
    path("director/", decisions_views.director_queue, name="director_queue"),
    path("ministry/", decisions_views.ministry_queue, name="ministry_queue"),
    path("decisions/", decisions_views.decision_list, name="decision_list"),
    path("decisions/<int:pk>/", decisions_views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/issue/", decisions_views.decision_issue, name="decision_issue"),
    path(
        "decisions/<int:pk>/delete/",
        decisions_views.decision_delete,
        name="decision_delete",
    ),
    path("decisions/<int:pk>/revoke/", decisions_views.decision_revoke, name="decision_revoke"),
    path(
        "decisions/<int:pk>/document/", decisions_views.decision_document, name="decision_document"
    ),
    path("decisions/<int:pk>/scan/", decisions_views.decision_scan, name="decision_scan"),
    path("decisions/<int:pk>/pdf/", decisions_views.decision_pdf, name="decision_pdf"),
    path(
        "decisions/<int:pk>/paper-original/",
        decisions_views.decision_sign_on_paper,
        name="decision_sign_on_paper",
    ),
    path("decisions/<int:pk>/seal/", decisions_views.decision_seal, name="decision_seal"),
    path(
        "decisions/<int:pk>/signed-pdf/",
        decisions_views.decision_signed_pdf,
        name="decision_signed_pdf",
    ),
    path(
        "decisions/<int:pk>/progress/",
        certificates_views.decision_progress,
        name="decision_progress",
    ),
    path(
        "decisions/<int:pk>/certificates/generate/",
        certificates_views.certificates_generate,
        name="certificates_generate",
    ),
    path("forward/submission-letter/", decisions_views.submission_letter, name="submission_letter"),
    path(
        "forward/submission-letters/",
        decisions_views.submission_letter_create,
        name="submission_letter_create",
    ),
    path(
        "submission-letters/<int:pk>/",
        decisions_views.submission_letter_detail,
        name="submission_letter_detail",
    ),
    path(
        "submission-letters/<int:pk>/pdf/",
        decisions_views.submission_letter_pdf,
        name="submission_letter_pdf",
    ),
    path(
        "submission-letters/<int:pk>/package/",
        decisions_views.submission_letter_package,
        name="submission_letter_package",
    ),
    path("certificates/mark/", certificates_views.certificates_mark, name="certificates_mark"),
    path(
        "certificates/<int:pk>/retry/",
        certificates_views.certificate_retry,
        name="certificate_retry",
    ),
    path(
        "certificates/<int:pk>/file/",
        certificates_views.certificate_download,
        name="certificate_download",
    ),
    path(
        "certificates/<int:pk>/pdf/",
        certificates_views.certificate_pdf_download,
        name="certificate_pdf_download",
    ),
    path("ceremonies/", ceremonies_views.ceremony_list, name="ceremony_list"),
    path("ceremonies/<int:pk>/", ceremonies_views.ceremony_detail, name="ceremony_detail"),
    path("ceremonies/<int:pk>/edit/", ceremonies_views.ceremony_edit, name="ceremony_edit"),
    path(
        "ceremonies/<int:pk>/presenters/",
        ceremonies_views.ceremony_presenter_set,
        name="ceremony_presenter_set",
    ),
    path(
        "ceremonies/<int:pk>/print-pack/",
        ceremonies_views.print_pack_request,
        name="print_pack_request",
    ),
    path(
        "print-packs/<int:pk>/status/", ceremonies_views.print_pack_status, name="print_pack_status"
    ),
    path(
        "print-packs/<int:pk>/<slug:kind>/",
        ceremonies_views.print_pack_download,
        name="print_pack_download",
    ),
    path(
        "nominations/<int:pk>/eligibility/<slug:code>/confirm/",
        eligibility_views.eligibility_confirm_view,
        name="eligibility_confirm",
    ),
    path(
        "ceremonies/<int:pk>/documents/<slug:kind>/",
        ceremonies_views.ceremony_document,
        name="ceremony_document",
    ),
    path(
        "printing/calibration/<slug:kind>/",
        ceremonies_views.calibration_page,
        name="calibration_page",
    ),
    path(
        "xac-minh/",
        certificates_views.certificate_verify_lookup,
        name="certificate_verify_lookup",
    ),
    path(
        "xac-minh/<str:token>/",
        certificates_views.certificate_verify,
        name="certificate_verify",
    ),
    path("excel/import/", nominations_views.import_page, name="excel_import"),
    path("excel/import/<int:pk>/", nominations_views.import_status, name="excel_import_status"),
    path(
        "excel/import/<int:pk>/submit/", nominations_views.import_submit, name="excel_import_submit"
    ),
    path(
        "excel/template/<int:campaign_pk>/",
        nominations_views.import_template,
        name="excel_import_template",
    ),
    path("excel/nominations.xlsx", reports_views.nominations_export, name="excel_nominations"),
    path(
        "decisions/<int:pk>/annex.xlsx", reports_views.decision_annex, name="excel_decision_annex"
    ),
    path("due/", due_views.due_list_page, name="due_list"),
    path("due/export.xlsx", due_views.due_list_export, name="due_list_export"),
    path("rating-lists/", annual_titles_views.rating_list_index, name="rating_list_index"),
    path("registrations/", annual_titles_views.registration_index, name="registration_index"),
    path(
        "registrations/import/",
        annual_titles_views.registration_import,
        name="registration_import",
    ),
    path(
        "registrations/template.xlsx",
        annual_titles_views.registration_template,
        name="registration_template",
    ),
    path(
        "registrations/export.xlsx",
        annual_titles_views.registration_export,
        name="registration_export",
    ),
    path(
        "rating-lists/<int:pk>/", annual_titles_views.rating_list_detail, name="rating_list_detail"
    ),
    path("rating-lists/<int:pk>/rows/", annual_titles_views.rating_row_add, name="rating_row_add"),
    path(
        "rating-lists/<int:pk>/annex.xlsx",
        annual_titles_views.rating_list_annex,
        name="rating_list_annex",
    ),
    path(
        "rating-lists/<int:pk>/rows/delete/",
        annual_titles_views.rating_row_delete,
        name="rating_row_delete",
    ),
    path(
        "rating-lists/<int:pk>/import/",
        annual_titles_views.rating_rows_import,
        name="rating_rows_import",
    ),
    path(
        "rating-lists/<int:pk>/transitions/<str:name>/",
        annual_titles_views.rating_list_transition,
        name="rating_list_transition",
    ),
    path(
        "long-service/propose/",
        long_service_views.long_service_proposal_create,
        name="long_service_proposal_create",
    ),
    path(
        "long-service/letters/<int:pk>/decision/",
        long_service_views.long_service_decision_record,
        name="long_service_decision_record",
    ),
    path("stats/", reports_views.dashboard, name="stats_dashboard"),
    path("stats/summary/", reports_views.summary, name="stats_summary"),
    path("stats/export.xlsx", reports_views.export, name="stats_export"),
    path("stats/titles/", reports_views.title_stats, name="stats_titles"),
    path("stats/titles/export.xlsx", reports_views.title_stats_export, name="stats_titles_export"),
    path("tai-khoan/", web_views.profile, name="profile"),
    path("tai-khoan/khoa-api/", tokens_views.api_tokens, name="api_tokens"),
    path(
        "tai-khoan/khoa-api/<int:pk>/thu-hoi/",
        tokens_views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("people/<int:pk>/history/", reports_views.person_history, name="person_history"),
    path(
        "people/<int:pk>/honours/ministry-certificate/",
        reports_views.honour_ministry_certificate,
        name="honour_ministry_certificate",
    ),
    path("units/<int:pk>/history/", reports_views.unit_history, name="unit_history"),
    path("replacements/", replacement_views.replacement_list, name="replacement_list"),
    path(
        "certificates/<int:pk>/replacement/",
        replacement_views.replacement_create,
        name="replacement_create",
    ),
    path(
        "replacements/<int:pk>/approve/",
        replacement_views.replacement_approve_view,
        name="replacement_approve",
    ),
    path(
        "replacements/<int:pk>/refuse/",
        replacement_views.replacement_refuse_view,
        name="replacement_refuse",
    ),
]
