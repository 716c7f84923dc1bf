"""Notifications are stored as a code and its parameters and worded in the reader's language
when shown (issue #27 §9); rows written before as Vietnamese sentences get their code."""

import importlib

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from commendations.notifications.models import Notification, NotificationCode

pytestmark = pytest.mark.django_db
migration = importlib.import_module("commendations.migrations.0012_i27_notification_codes")


def test_a_waiting_notice_is_stored_as_a_code_and_worded_per_reader(make_nomination, member):
    nomination = make_nomination("submitted")
    note = Notification.objects.get(recipient=member)
    assert note.code == NotificationCode.WAITING and note.message == ""
    assert note.params == {
        "name": nomination.nominee_name,
        "unit": nomination.unit.name,
        "state": "submitted",
    }
    with translation.override("en"):
        assert note.text.startswith(f"The nomination “{nomination.nominee_name}”")
        assert "is waiting for you" in note.text and "đang chờ" not in note.text
    with translation.override("vi"):
        assert "đang chờ anh/chị xử lý: Chờ thẩm định." in note.text


def test_the_home_page_in_english_shows_english_notifications(client, make_nomination, member):
    make_nomination("submitted")
    client.force_login(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("home")).content.decode()
    assert "is waiting for you" in body
    assert "đang chờ anh/chị xử lý" not in body


def test_the_api_words_them_in_the_requests_language(client, make_nomination, member):
    make_nomination("submitted")
    client.force_login(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = client.get("/api/v1/notifications/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows[0]["code"] == "waiting" and "is waiting for you" in rows[0]["message"]


@pytest.mark.parametrize(
    ("message", "code", "params"),
    [
        (
            "Hồ sơ “Đội A” (Công an huyện Một) đang chờ anh/chị xử lý: Hội đồng đề nghị.",
            "waiting",
            {"name": "Đội A", "unit": "Công an huyện Một", "state": "recommended"},
        ),
        ("Hồ sơ “Đội A”: Trả lại để bổ sung.", "outcome", {"name": "Đội A", "state": "returned"}),
        (
            "Hồ sơ “Đội A” được khen thưởng theo Quyết định số 12/QĐ-CAT ngày 06/03/2023.",
            "awarded",
            {"name": "Đội A", "decision_number": "12/QĐ-CAT", "decision_date": "2023-03-06"},
        ),
        (
            "Quyết định số 12/QĐ-CAT ngày 06/03/2023 đã ban hành (3 hồ sơ): "
            "cần in Bằng khen/Giấy khen.",
            "decision_issued",
            {"decision_number": "12/QĐ-CAT", "decision_date": "2023-03-06", "count": 3},
        ),
    ],
)
def test_the_migration_gives_old_sentences_their_code(message, code, params):
    assert migration.parsed(message) == (code, params)
    note = Notification(code=code, params=params)
    with translation.override("vi"):
        assert note.text == message
    with translation.override("en"):
        assert note.text != message


def test_an_unknown_old_sentence_is_kept_as_written():
    assert migration.parsed("Hồ sơ cần bổ sung.") is None
    assert Notification(message="Hồ sơ cần bổ sung.").text == "Hồ sơ cần bổ sung."
