"""Error pages in development: the project's designed 404 unless a developer asks for Django's
debug page."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=False)
def test_designed_404_in_development(client, officer):
    client.force_login(officer)
    response = client.get("/khong-co-trang-nay/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body
    assert "URLconf" not in body  # not Django's debug page listing every URL


@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=True)
def test_the_debug_page_when_a_developer_asks(client, officer):
    client.force_login(officer)
    assert "URLconf" in client.get("/khong-co-trang-nay/").content.decode()
