"""The server-rendered web UI. Each view reads through a selector and writes through one service;
workflow errors become messages (see `actions.py`), never stack traces."""

from .auth import LoginView, logout_view
from .certificates import (
    calibration_page,
    ceremony_detail,
    ceremony_document,
    ceremony_list,
    certificate_download,
    certificate_retry,
    certificates_generate,
    certificates_mark,
    decision_document,
    decision_progress,
    decision_scan,
    print_pack_download,
    print_pack_request,
    print_pack_status,
    submission_letter,
)
from .decisions import (
    decision_detail,
    decision_issue,
    decision_list,
    director_queue,
    ministry_queue,
)
from .errors import bad_request, page_not_found, permission_denied, server_error
from .home import healthz, home, notifications_read
from .nominations import (
    attachment_download,
    attachment_upload,
    nomination_create,
    nomination_detail,
    nomination_edit,
    nomination_list,
    nomination_transition,
)
from .review import forward_bulk, forward_queue, review_bulk_recommend, review_queue

__all__ = [
    "calibration_page",
    "ceremony_document",
    "ceremony_detail",
    "ceremony_list",
    "certificate_download",
    "certificate_retry",
    "certificates_generate",
    "certificates_mark",
    "decision_document",
    "decision_progress",
    "decision_scan",
    "print_pack_download",
    "print_pack_request",
    "print_pack_status",
    "submission_letter",
    "LoginView",
    "attachment_download",
    "attachment_upload",
    "bad_request",
    "decision_detail",
    "decision_issue",
    "decision_list",
    "director_queue",
    "forward_bulk",
    "forward_queue",
    "healthz",
    "home",
    "logout_view",
    "ministry_queue",
    "nomination_create",
    "nomination_detail",
    "nomination_edit",
    "nomination_list",
    "nomination_transition",
    "notifications_read",
    "page_not_found",
    "permission_denied",
    "review_bulk_recommend",
    "review_queue",
    "server_error",
]
