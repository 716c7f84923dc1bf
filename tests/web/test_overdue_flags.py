"""Overdue items are flagged in the queues ("Quá hạn" with the due date) and counted on the
statistics dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commendations.nominations import deadlines
from commendations.nominations.deadlines import deadline_for
from tests.rule_fixtures import make_rule_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def days_later(monkeypatch):
    """Move the deadlines' "today" forward (the audit trail's dates cannot be edited)."""

    def move(days: int) -> None:
        later = timezone.localdate() + datetime.timedelta(days=days)

        class Clock:
            @staticmethod
            def localdate(value=None):
                return timezone.localdate(value) if value is not None else later

        monkeypatch.setattr(deadlines, "timezone", Clock)

    return move


@pytest.mark.parametrize(
    ("user_fixture", "url_name", "state", "award"),
    [
        ("member", "review_queue", "submitted", "director_award"),
        ("secretary", "forward_queue", "recommended", "director_award"),
        ("director", "director_queue", "awaiting", "director_award"),
        ("ministry", "ministry_queue", "awaiting", "ministry_award"),
    ],
)
def test_queue_flags_overdue_items_with_their_due_date(
    request, login, make_nomination, days_later, user_fixture, url_name, state, award
):
    award_type = request.getfixturevalue(award)
    make_rule_set(award_type, review_days=10, forward_days=5, decision_days=10)
    nomination = make_nomination(state, award_type=award_type)
    client = login(request.getfixturevalue(user_fixture))
    due = deadline_for(nomination).due_on
    page = client.get(reverse(url_name)).content.decode()
    assert nomination.nominee_name in page
    assert "Quá hạn" not in page  # due today or later: no flag yet
    days_later((due - timezone.localdate()).days + 1)
    page = client.get(reverse(url_name)).content.decode()
    assert f'data-overdue="{nomination.pk}"' in page
    assert f"Quá hạn {due:%d/%m/%Y}" in page


def test_english_badge(login, member, make_nomination, director_award, days_later):
    make_rule_set(director_award, review_days=1)
    make_nomination("submitted")
    days_later(30)
    client = login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Overdue" in client.get(reverse("review_queue")).content.decode()


def test_dashboard_counts_overdue_items(
    login, member, campaign, make_nomination, director_award, days_later
):
    make_rule_set(director_award, review_days=10)
    make_nomination("submitted")
    make_nomination("submitted")
    make_nomination("draft")
    client = login(member)
    url = f"{reverse('stats_dashboard')}?campaign={campaign.pk}"
    assert 'data-figure="overdue">0<' in client.get(url).content.decode()
    days_later(60)
    assert 'data-figure="overdue">2<' in client.get(url).content.decode()
