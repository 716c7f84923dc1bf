"""Access-control matrix, built from the URL resolver so that a new view cannot slip in unchecked:
every named URL of the site and the API must be listed in ACCESS below (an unknown name fails),
every non-public one must refuse an anonymous visitor (GET and POST), and every URL that acts on
one nomination must refuse an officer of another unit (403/404) while serving the nomination's
own officer.

What it does not yet cover (see docs/hardening.md): the per-role expectations of the
province-wide pages (review, forward, decision, certificate, statistics) are asserted by the
ui/api branches' own tests, not by this table."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # anyone, logged in or not
AUTH = "auth"  # any logged-in user; the view scopes what it shows
NOMINATION = "nomination"  # acts on one nomination: unit-scoped
OBJECT = "object"  # another object (decision, certificate, ...): role-scoped

ACCESS: dict[str, str] = {
    # site
    "home": AUTH,
    "healthz": PUBLIC,
    "login": PUBLIC,
    "logout": AUTH,
    "set_language": PUBLIC,
    "certificate_verify": PUBLIC,  # the QR code on a printed certificate
    "notifications_read": AUTH,
    "nomination_list": AUTH,
    "nomination_create": AUTH,
    "nomination_detail": NOMINATION,
    "nomination_edit": NOMINATION,
    "nomination_transition": NOMINATION,
    "attachment_upload": NOMINATION,
    "eligibility_confirm": NOMINATION,
    "attachment_download": OBJECT,
    "review_queue": AUTH,
    "review_bulk_recommend": AUTH,
    "forward_queue": AUTH,
    "forward_bulk": AUTH,
    "director_queue": AUTH,
    "ministry_queue": AUTH,
    "decision_list": AUTH,
    "decision_detail": OBJECT,
    "decision_issue": OBJECT,
    "decision_document": OBJECT,
    "decision_scan": OBJECT,
    "decision_progress": OBJECT,
    "certificates_generate": OBJECT,
    "submission_letter": AUTH,
    "certificates_mark": AUTH,
    "certificate_retry": OBJECT,
    "certificate_download": OBJECT,
    "ceremony_list": AUTH,
    "ceremony_detail": OBJECT,
    "print_pack_request": OBJECT,
    "print_pack_status": OBJECT,
    "print_pack_download": OBJECT,
    "ceremony_document": OBJECT,
    "calibration_page": AUTH,
    "excel_import": AUTH,
    "excel_import_template": OBJECT,
    "excel_nominations": AUTH,
    "excel_decision_annex": OBJECT,
    "stats_dashboard": AUTH,
    "stats_summary": AUTH,
    "stats_export": AUTH,
    # API
    "api-token": PUBLIC,  # exchanges a username and password for a token
    "api-schema": PUBLIC,  # the OpenAPI description: no data
    "api-swagger": PUBLIC,
    "api-redoc": PUBLIC,
    "api-statistics": AUTH,
    "api-statistics-export": AUTH,
    "api-unit-list": AUTH,
    "api-unit-detail": OBJECT,
    "api-campaign-list": AUTH,
    "api-campaign-detail": OBJECT,
    "api-award-type-list": AUTH,
    "api-award-type-detail": OBJECT,
    "api-nomination-list": AUTH,
    "api-nomination-export": AUTH,
    "api-nomination-import": AUTH,
    "api-nomination-import-template": AUTH,
    "api-nomination-detail": NOMINATION,
    "api-nomination-attachments": NOMINATION,
    "api-nomination-eligibility": NOMINATION,
    "api-nomination-history": NOMINATION,
    "api-nomination-transition": NOMINATION,
    "api-nomination-transitions": NOMINATION,
    "api-decision-list": AUTH,
    "api-decision-detail": OBJECT,
    "api-decision-annex": OBJECT,
    "api-decision-certificates": OBJECT,
    "api-decision-certificates-generate": OBJECT,
    "api-decision-document": OBJECT,
    "api-decision-issue": OBJECT,
    "api-decision-progress": OBJECT,
    "api-ceremony-list": AUTH,
    "api-ceremony-detail": OBJECT,
    "api-ceremony-print-pack": OBJECT,
    "api-print-pack-detail": OBJECT,
    "api-print-pack-download": OBJECT,
    "api-certificate-list": AUTH,
    "api-certificate-detail": OBJECT,
    "api-certificate-download": OBJECT,
}
DENIED = {302, 401, 403, 404, 405}  # 302 only to the login page (checked below)
KWARG_VALUES = {"name": "submit", "kind": "pdf", "code": "x", "token": "x"}


def _patterns(patterns=None, namespace: str | None = None):  # noqa: ANN001, ANN202
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # Django's admin checks is_staff itself
                continue
            yield from _patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern


def _url_names() -> dict[str, list[str]]:
    """name -> its keyword arguments (the format-suffix variants left out)."""
    names: dict[str, list[str]] = {}
    for pattern in _patterns():
        kwargs = [k for k in pattern.pattern.regex.groupindex if k != "format"]
        names.setdefault(pattern.name, kwargs)
    return names


def _url(name: str, kwargs: list[str], pk: int) -> str:
    values = {k: KWARG_VALUES.get(k, pk) for k in kwargs}
    return reverse(name, kwargs=values)


def test_every_url_is_in_the_access_table():
    names = set(_url_names())
    assert names - set(ACCESS) == set(), "new URL without an access rule: add it to ACCESS"
    assert set(ACCESS) - names == set(), "ACCESS lists URLs that no longer exist"


def _refused(response, url: str) -> bool:  # noqa: ANN001
    if response.status_code == 302:
        return "login" in response["Location"]
    return response.status_code in DENIED


def test_anonymous_visitors_are_refused_everywhere_but_public_pages(client, campaign, district):
    nomination = NominationFactory(campaign=campaign, unit=district)
    for name, kwargs in _url_names().items():
        if ACCESS.get(name) == PUBLIC:
            continue
        url = _url(name, kwargs, nomination.pk)
        for method in (client.get, client.post):
            response = method(url)
            assert _refused(response, url), (method.__name__, url, response.status_code)


def test_another_units_officer_is_refused_every_nomination_url(
    client, campaign, district, officer, other_officer
):
    nomination = NominationFactory(campaign=campaign, unit=district, created_by=officer)
    scoped = {n: k for n, k in _url_names().items() if ACCESS[n] == NOMINATION}
    assert len(scoped) >= 10
    client.force_login(other_officer)
    for name, kwargs in scoped.items():
        url = _url(name, kwargs, nomination.pk)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in {403, 404, 405}, (method.__name__, url, response)
    nomination.refresh_from_db()
    assert nomination.state == "draft"
    # ... while the nomination's own officer reaches the ones that show it.
    client.force_login(officer)
    for name, kwargs in scoped.items():
        if re.search(r"(detail|history|transitions|eligibility)$", name):
            url = _url(name, kwargs, nomination.pk)
            assert client.get(url).status_code == 200, url
