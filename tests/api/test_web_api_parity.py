"""Every action has both doors: whatever a web page lets a person POST, the API lets an
integration do through the same service. A new web form without its API operation fails here:
there is no list of exceptions for actions on the domain."""

import inspect
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

# Infrastructure, not actions on the domain: signing in and out has the API's token instead.
EXCLUDED = {
    "login",  # the API authenticates with POST /api/v1/auth/token/ (api-token)
    "logout",  # tokens are not sessions
}

# web url name -> (API url name, method)
PARITY: dict[str, tuple[str, str]] = {
    "nomination_create": ("api-nomination-list", "post"),
    "nomination_edit": ("api-nomination-detail", "patch"),
    "nomination_transition": ("api-nomination-transition", "post"),
    "attachment_upload": ("api-nomination-attachments", "post"),
    "eligibility_confirm": ("api-nomination-eligibility-confirm", "post"),
    "committee_session_create": ("api-committee-session-list", "post"),
    "committee_session_vote": ("api-committee-session-votes", "post"),
    "committee_session_recuse": ("api-committee-session-recusals", "post"),
    "committee_session_recommend": ("api-committee-session-recommend", "post"),
    "consolidation_forward": ("api-nomination-transition", "post"),  # name=consolidate
    "consolidation_return": ("api-nomination-transition", "post"),  # return_from_consolidation
    "forward_bulk": ("api-nomination-transition", "post"),  # name=forward, per nomination
    "director_queue": ("api-decision-list", "post"),  # the queue's form drafts a decision
    "ministry_queue": ("api-decision-list", "post"),
    "decision_issue": ("api-decision-issue", "post"),
    "decision_signed_pdf": ("api-decision-signed-pdf", "post"),
    "decision_sign_on_paper": ("api-decision-paper-original", "post"),
    "decision_seal": ("api-decision-transition", "post"),
    "decision_delete": ("api-decision-detail", "delete"),  # a draft only
    "certificates_generate": ("api-decision-certificates-generate", "post"),
    "ceremony_list": ("api-ceremony-list", "post"),  # the list page's form creates one
    "ceremony_edit": ("api-ceremony-detail", "patch"),
    "print_pack_request": ("api-ceremony-print-pack", "post"),
    "ceremony_presenter_set": ("api-ceremony-presenters", "post"),
    "excel_import": ("api-nomination-import", "post"),
    "excel_import_submit": ("api-import-submit-ready", "post"),
    "notifications_read": ("api-notification-read", "post"),
    "decision_revoke": ("api-decision-revoke", "post"),  # the request is the confirmation
    "submission_letter": ("api-nomination-submission-letter", "post"),
    "submission_letter_create": ("api-submission-letter-list", "post"),
    "long_service_proposal_create": ("api-long-service-proposal-list", "post"),
    "long_service_decision_record": ("api-long-service-proposal-decision", "post"),
    "certificates_mark": ("api-certificate-mark", "post"),
    "certificate_retry": ("api-certificate-retry", "post"),
    "api_token_revoke": ("api-token-revoke", "post"),
    "replacement_create": ("api-replacement-list", "post"),
    "replacement_approve": ("api-replacement-approve", "post"),
    "replacement_refuse": ("api-replacement-refuse", "post"),
    "certificate_verify": ("api-certificate-verify", "post"),  # the public PDF check
    "rating_list_index": ("api-rating-list-list", "post"),  # the list page's form drafts one
    "rating_row_add": ("api-rating-list-rows", "post"),
    "rating_row_delete": ("api-rating-list-row-delete", "delete"),
    "rating_rows_import": ("api-rating-list-rows-import", "post"),
    "rating_list_transition": ("api-rating-list-transition", "post"),
    "registration_index": ("api-registration-list", "post"),  # the page's form registers
    "registration_import": ("api-registration-import", "post"),
    # the Ministry's certificate of a title it decided, received (the person's history page)
    "honour_ministry_certificate": ("api-person-honour-ministry-certificate", "post"),
}


def _patterns(patterns: list, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def accepts_post(pattern: URLPattern) -> bool:
    """Whether the view takes a POST. A class-based view says so with `http_method_names` and a
    `post` method. A function view has no such attribute (require_POST leaves none on the
    wrapper), so its source is read, decorators included: `require_POST`, or reading
    `request.POST` / `request.FILES`, or branching on the method. Reading beats probing with
    requests: a GET answers 200 for a form page that also takes POST, and a probe would need a
    user of every role and valid ids for every route."""
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None:
        return "post" in view_class.http_method_names and hasattr(view_class, "post")
    source = inspect.getsource(inspect.unwrap(pattern.callback))
    return any(
        marker in source for marker in ("require_POST", "request.POST", "request.FILES", '"POST"')
    )


def web_post_routes() -> dict[str, str]:
    """The web urlconf's POST routes by name. The web urlconf is `commendations.urls` (the
    project's urls add the API, the admin and i18n's set_language around it, none of them web
    pages of ours)."""
    return {
        pattern.name: route
        for route, pattern in _patterns(get_resolver("commendations.urls").url_patterns)
        if pattern.name not in EXCLUDED and accepts_post(pattern)
    }


def api_routes() -> dict[str, set[str]]:
    """API url name -> the methods it answers."""
    result: dict[str, set[str]] = {}
    for _route, pattern in _patterns(get_resolver("commendations.api.urls").url_patterns):
        actions = getattr(pattern.callback, "actions", None)
        view_class = getattr(pattern.callback, "cls", None)
        methods = set(actions) if actions else set(getattr(view_class, "http_method_names", []))
        result.setdefault(pattern.name, set()).update(methods)
    return result


def test_the_probe_finds_the_known_post_routes() -> None:
    """Guards the detection itself: forms of both kinds are found, a read-only page is not."""
    routes = web_post_routes()
    assert {"nomination_create", "eligibility_confirm", "committee_session_vote"} <= set(routes)
    assert "nomination_detail" not in routes and "stats_dashboard" not in routes


def test_every_web_post_route_has_an_api_operation() -> None:
    routes = web_post_routes()
    missing = sorted(set(routes) - set(PARITY))
    assert not missing, f"web POST routes without an API operation: {missing}"


def test_every_mapped_api_operation_exists() -> None:
    api = api_routes()
    wrong = {
        web: target
        for web, (target, method) in PARITY.items()
        if target not in api or method not in api[target]
    }
    assert not wrong, wrong


def test_mappings_name_real_web_post_routes() -> None:
    """A renamed or removed web route must leave the map, so it stays a true picture."""
    routes = web_post_routes()
    assert not set(PARITY) - set(routes)
