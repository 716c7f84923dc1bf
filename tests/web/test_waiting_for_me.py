"""Each role's home lists its pending actions with counts and links opening the list already
filtered; a council member sees the votes waiting in a session; the session list says how many
are not yet voted; notifications about a step that is over are marked done."""

import pytest
from django.urls import reverse

from commendations.committee.services import vote_cast
from commendations.nominations.models import Nomination
from commendations.notifications.models import Notification, NotificationKind
from commendations.web.selectors import home_summary

pytestmark = pytest.mark.django_db


def card(user, key: str) -> dict:
    return next(row for row in home_summary(user) if row["key"] == key)


def test_awaiting_decision_card_opens_only_those(login, make_nomination, officer):
    make_nomination("draft")
    waiting = make_nomination("awaiting")
    row = card(officer, "deciding")
    assert row["count"] == 1
    page = login(officer).get(row["url"]).content.decode()
    assert waiting.nominee_name in page
    assert page.count('class="fw-semibold"') == 1  # the draft is not listed


def test_member_home_shows_the_vote_waiting_in_a_session(login, make_nomination, member, committee):
    first, second = make_nomination("submitted"), make_nomination("submitted")
    row = card(member, f"vote-{committee.pk}")
    assert row["count"] == 2
    assert row["url"] == reverse("committee_session_detail", args=[committee.pk])
    vote_cast(session=committee, nomination=first, member=member, choice="for")
    assert card(member, f"vote-{committee.pk}")["count"] == 1
    vote_cast(session=committee, nomination=second, member=member, choice="against")
    assert not [r for r in home_summary(member) if r["key"].startswith("vote-")]
    body = login(member).get(reverse("home")).content.decode()
    assert "Chờ anh/chị biểu quyết" not in body


def test_session_list_shows_not_yet_voted(login, make_nomination, member, secretary, committee):
    nomination = make_nomination("submitted")
    page = login(member).get(reverse("committee_session_list")).content.decode()
    assert "Chưa biểu quyết" in page and "1 hồ sơ" in page
    vote_cast(session=committee, nomination=nomination, member=member, choice="for")
    page = login(member).get(reverse("committee_session_list")).content.decode()
    assert "1 hồ sơ" not in page  # this member has voted on everything
    # The secretary still sees it waiting: other members have not voted.
    page = login(secretary).get(reverse("committee_session_list")).content.decode()
    assert "1 hồ sơ" in page


def test_director_and_clerk_cards_open_filtered_decision_lists(director, clerk):
    assert card(director, "draft_decisions")["url"].endswith("?state=draft")
    assert card(clerk, "decisions")["url"].endswith("?state=issued")


def test_notification_about_a_step_that_is_over_is_marked_done(
    login, make_nomination, member, officer
):
    nomination = make_nomination("submitted")
    waiting = Notification.objects.get(
        recipient=member, kind=NotificationKind.QUEUE, nomination=nomination
    )
    assert waiting.done_at is None
    login(member).post(
        reverse("nomination_transition", args=[nomination.pk, "return_for_changes"]),
        {"expected_state": "submitted", "comment": "Thiếu biên bản"},
    )
    waiting.refresh_from_db()
    assert waiting.done_at is not None
    body = login(member).get(reverse("home")).content.decode()
    assert "notification-done" in body and "Đã xong" in body
    assert Nomination.objects.get(pk=nomination.pk).state == "returned"
