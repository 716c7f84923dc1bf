"""One's notifications through the API: the list is the caller's own, and marking read (all, or
the listed ones) calls the same service as the home page's button."""

import pytest
from rest_framework.test import APIClient

from commendations.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/"


def note(user, message: str) -> Notification:
    return Notification.objects.create(
        recipient=user, kind=NotificationKind.QUEUE, message=message, url="/nominations/1/"
    )


def test_the_list_is_the_callers_own_and_read_marks_the_listed_or_all(as_user, officer, member):
    first, second = note(officer, "Hồ sơ A"), note(officer, "Hồ sơ B")
    others = note(member, "Hồ sơ của người khác")
    api = as_user(officer)
    listed = api.get(URL)
    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert [row["id"] for row in rows] == [second.pk, first.pk]
    assert rows[0]["read_at"] is None and rows[0]["kind_label"]
    # The listed ones only; another user's id is ignored.
    response = api.post(f"{URL}read/", {"ids": [first.pk, others.pk]}, format="json")
    assert response.status_code == 200 and response.json() == {"marked": 1}
    first.refresh_from_db(), second.refresh_from_db(), others.refresh_from_db()
    assert first.read_at and second.read_at is None and others.read_at is None
    # No ids: every unread one of the caller's.
    assert api.post(f"{URL}read/", {}, format="json").json() == {"marked": 1}
    second.refresh_from_db()
    assert second.read_at is not None
    assert others.read_at is None


def test_an_anonymous_caller_is_refused(officer):
    note(officer, "Hồ sơ A")
    api = APIClient()
    for response in (api.get(URL), api.post(f"{URL}read/", {}, format="json")):
        assert response.status_code in (401, 403)
        assert response.json()["code"] == "not_authenticated"
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_ids_that_are_not_numbers_are_a_field_error(as_user, officer):
    unread = note(officer, "Hồ sơ A")
    response = as_user(officer).post(f"{URL}read/", {"ids": ["một"]}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error" and "ids" in body["fields"]
    unread.refresh_from_db()
    assert unread.read_at is None
