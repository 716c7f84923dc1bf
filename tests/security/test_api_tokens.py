"""API tokens never expired and survived a password change. Now a token
expires (API_TOKEN_LIFETIME_DAYS), is revoked when its user's password changes or the user is
deactivated (and stays revoked if they are reactivated), is stored only as a digest, and each
user lists and revokes their own tokens on a web page and through the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commendations.tokens.models import ApiToken, RevokedReason
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "matkhau-thu-nghiem"
ME = "/api/v1/nominations/"


def _issue(username: str = "officer") -> tuple[str, dict]:
    response = APIClient().post(
        reverse("api-token"), {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"], response.json()


def _get(key: str, url: str = ME) -> int:
    """200, or 401 for a refused token (403 from DRF when session auth is listed first)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get(url)
    if response.status_code in (401, 403):
        assert response.json()["code"] == "not_authenticated", response.json()
        return 401
    return response.status_code


def test_a_token_works_then_expires(officer, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    key, body = _issue()
    assert _get(key) == 200
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (timezone.now() + datetime.timedelta(days=30))) < datetime.timedelta(
        minutes=1
    )
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert _get(key) == 401


def test_a_password_change_revokes_every_token(officer):
    key, _body = _issue()
    officer.set_password("mat-khau-moi-2026")
    officer.save()
    assert _get(key) == 401
    assert ApiToken.objects.get().revoked_reason == RevokedReason.PASSWORD_CHANGED


def test_deactivation_revokes_and_reactivation_does_not_bring_tokens_back(officer):
    key, _body = _issue()
    officer.is_active = False
    officer.save()
    officer.is_active = True
    officer.save()
    assert _get(key) == 401
    assert ApiToken.objects.get().revoked_reason == RevokedReason.DEACTIVATED


def test_a_password_changed_behind_the_app_still_stops_the_token(officer):
    """Even a raw UPDATE of the password (no signal) stops the token at its next use."""
    key, _body = _issue()
    type(officer).objects.filter(pk=officer.pk).update(password="md5$x$y")
    assert _get(key) == 401


def test_tokens_are_stored_as_digests(officer):
    key, _body = _issue()
    token = ApiToken.objects.get()
    assert key not in {str(v) for v in token.__dict__.values()}
    assert token.prefix == key[:8]


def test_one_lists_and_revokes_ones_own_tokens_through_the_api(officer, other_officer):
    first, _body = _issue()
    second, _body = _issue()
    theirs, _body = _issue("other_officer")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    listed = client.get(reverse("api-token-list")).json()["results"]
    assert {row["prefix"] for row in listed} == {first[:8], second[:8]}
    current = next(row for row in listed if row["current"])
    assert current["prefix"] == first[:8]
    other = next(row for row in listed if not row["current"])
    response = client.post(reverse("api-token-revoke", args=[other["id"]]))
    assert response.status_code == 200 and response.json()["active"] is False
    assert _get(second) == 401 and _get(first) == 200
    their_id = ApiToken.objects.get(user=other_officer).pk
    assert client.post(reverse("api-token-revoke", args=[their_id])).status_code == 404
    assert _get(theirs) == 200


def test_one_lists_and_revokes_ones_own_tokens_on_the_web(client, officer, other_officer):
    mine, _body = _issue()
    theirs, _body = _issue("other_officer")
    client.force_login(officer)
    page = client.get(reverse("api_tokens"))
    assert page.status_code == 200
    assert mine[:8] in page.content.decode() and theirs[:8] not in page.content.decode()
    token = ApiToken.objects.get(user=officer)
    response = client.post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert _get(mine) == 401
    other = ApiToken.objects.get(user=other_officer)
    assert client.post(reverse("api_token_revoke", args=[other.pk])).status_code == 404
    assert _get(theirs) == 200


def test_an_administrator_sees_tokens_without_keys_and_revokes_them(client, officer):
    key, _body = _issue()
    admin_user = make_user(None, unit=None, is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    url = reverse("admin:commendations_apitoken_changelist")
    page = client.get(url)
    assert page.status_code == 200
    assert key[:8] in page.content.decode() and key not in page.content.decode()
    token = ApiToken.objects.get()
    response = client.post(url, {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    assert _get(key) == 401
