"""The login lockout counts failures per username and per client address
separately. A success resets only the succeeding user's own counter; a username is locked after
AXES_FAILURE_LIMIT failures from anywhere; an address is throttled only past the higher
AXES_IP_FAILURE_LIMIT (an office behind one NAT). The API's token endpoint obeys the same rule."""

import pytest
from django.test import Client
from django.urls import reverse

from commendations.access.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.make_user's


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_IP_FAILURE_LIMIT = 30
    return settings


@pytest.fixture
def director_and_officer(province, district):
    director = make_user(Role.PROVINCIAL_DIRECTOR, province, username="director")
    officer = make_user(Role.UNIT_OFFICER, district, username="unit_officer")
    return director, officer


def _login(client: Client, username: str, password: str) -> int:
    response = client.post(reverse("login"), {"username": username, "password": password})
    logged_in = "_auth_user_id" in client.session
    if logged_in:
        client.post(reverse("logout"))
    return 200 if logged_in else response.status_code


def _token(client: Client, username: str, password: str):
    return client.post(
        reverse("api-token"),
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_another_users_success_does_not_reset_a_targets_failures(lockout, director_and_officer):
    """The attack: 4 wrong passwords for `director`, then the attacker's own good login as
    `unit_officer` from the same address, four times over: 16 guesses. Now the fifth failure
    locks `director`, and the right password is refused too."""
    client = Client(REMOTE_ADDR="10.1.1.1")
    guesses = 0
    locked_at = None
    for _round in range(4):
        for _ in range(4):
            status = _login(client, "director", "doan-sai")
            guesses += 1
            if status == 429 and locked_at is None:
                locked_at = guesses
        assert _login(client, "unit_officer", PASSWORD) in (200, 429)
    assert locked_at == 5, f"director locked only after {locked_at} guesses"
    assert _login(client, "director", PASSWORD) == 429


def test_a_username_is_locked_after_failures_from_many_addresses(lockout, director_and_officer):
    for i in range(5):
        _login(Client(REMOTE_ADDR=f"10.2.0.{i}"), "director", "doan-sai")
    assert _login(Client(REMOTE_ADDR="10.2.0.99"), "director", PASSWORD) == 429


def test_failures_with_made_up_usernames_do_not_lock_out_the_office(lockout, director_and_officer):
    """The opposite attack: five failures with made-up names behind one NAT address used to
    lock every colleague behind it out for 15 minutes."""
    for i in range(5):
        _login(Client(REMOTE_ADDR="10.3.3.3"), f"khong-co-{i}", "doan-sai")
    assert _login(Client(REMOTE_ADDR="10.3.3.3"), "director", PASSWORD) == 200
    assert _login(Client(REMOTE_ADDR="10.3.3.3"), "unit_officer", PASSWORD) == 200


def test_an_address_is_throttled_past_its_own_higher_limit(lockout, director_and_officer):
    lockout.AXES_IP_FAILURE_LIMIT = 12
    client = Client(REMOTE_ADDR="10.4.4.4")
    for i in range(12):
        _login(client, f"ten-doan-{i}", "doan-sai")
    assert _login(client, "unit_officer", PASSWORD) == 429
    # The same person from another address is not affected (only that address is throttled).
    assert _login(Client(REMOTE_ADDR="10.4.4.5"), "unit_officer", PASSWORD) == 200


def test_own_success_resets_own_counter(lockout, director_and_officer):
    client = Client(REMOTE_ADDR="10.5.5.5")
    for _ in range(4):
        _login(client, "director", "doan-sai")
    assert _login(client, "director", PASSWORD) == 200
    for _ in range(4):
        _login(client, "director", "doan-sai")
    assert _login(client, "director", PASSWORD) == 200


def test_token_endpoint_resists_the_reset_by_another_user(lockout, director_and_officer):
    client = Client(REMOTE_ADDR="10.6.6.6")
    for _round in range(2):
        for _ in range(4):
            assert _token(client, "director", "doan-sai").status_code in (400, 429)
        assert _token(client, "unit_officer", PASSWORD).status_code == 200
    response = _token(client, "director", PASSWORD)
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert "token" not in response.json()


def test_token_endpoint_is_not_locked_by_made_up_usernames(lockout, director_and_officer):
    client = Client(REMOTE_ADDR="10.7.7.7")
    for i in range(6):
        _token(client, f"khong-co-{i}", "doan-sai")
    assert _token(client, "director", PASSWORD).status_code == 200
