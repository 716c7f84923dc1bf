import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, officer):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Đăng nhập" in page.content.decode()
    response = client.post(
        reverse("login"), {"username": "officer", "password": "matkhau-thu-nghiem"}
    )
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_keeps_username_and_says_so(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": "sai"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="officer"' in body
    assert "alert-danger" in body


def test_lockout_after_too_many_failures_shows_clear_message(client, officer, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "officer", "password": "sai"})
    response = client.post(
        reverse("login"), {"username": "officer", "password": "matkhau-thu-nghiem"}
    )
    body = response.content.decode()
    assert response.status_code == 429
    assert "tạm thời bị khóa" in body
    assert client.get(reverse("home")).status_code == 302  # still not logged in


def test_wrong_password_focuses_the_password(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": "sai"})
    body = response.content.decode()
    password_input = body.split('id="id_password"', 1)[1].split(">", 1)[0]
    username_input = body.split('id="id_username"', 1)[1].split(">", 1)[0]
    assert "autofocus" in password_input and "autofocus" not in username_input
    assert 'aria-invalid="true"' in password_input


def test_logout_says_so(client, officer):
    client.force_login(officer)
    response = client.post(reverse("logout"), follow=True)
    assert "đã đăng xuất" in response.content.decode()
