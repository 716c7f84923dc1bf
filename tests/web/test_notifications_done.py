"""The director's "waiting for you" notifications are over once the decision is issued (issue
#27 §6): the home page shows them done, as the committee's are."""

import datetime

import pytest
from django.urls import reverse

from commendations.actions.decisions import decision_issue
from commendations.decisions.services import decision_create
from commendations.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_directors_notifications_are_done_after_the_decision_is_issued(
    login, make_nomination, director
):
    nominations = [make_nomination("awaiting") for _ in range(2)]
    waiting = Notification.objects.filter(recipient=director, kind="queue")
    assert waiting.exists() and waiting.filter(done_at__isnull=True).exists()
    decision = decision_create(
        actor=director, authority="PROVINCIAL_DIRECTOR", number="88/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 1), signer_name="Rah Lan Chung", signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in nominations],
    )  # fmt: skip
    decision_issue(decision=decision, actor=director)
    assert not waiting.filter(done_at__isnull=True).exists()
    home = login(director).get(reverse("home")).content.decode()
    assert "đang chờ anh/chị xử lý" not in home or "✓" in home
