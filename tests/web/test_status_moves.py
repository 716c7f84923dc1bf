"""Status that moves (issue #27 §6): the director's "waiting for you" notifications are over once
the decision is issued; the decision page polls its PDF status while the PDF is made."""

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


def test_the_decision_page_refreshes_its_pdf_status_while_it_is_made(
    login, make_nomination, director
):
    from commendations.decisions.models import Decision

    decision = decision_create(
        actor=director, authority="PROVINCIAL_DIRECTOR", number="89/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 1), signer_name="Rah Lan Chung", signer_title="GIÁM ĐỐC",
        nomination_ids=[make_nomination("awaiting").pk],
    )  # fmt: skip
    decision_issue(decision=decision, actor=director)
    client = login(director)
    Decision.objects.filter(pk=decision.pk).update(pdf_status="pending")
    body = client.get(decision.get_absolute_url()).content.decode()
    card = body[body.index('id="decision-pdf-card"') :][:400]
    assert 'hx-trigger="every 2s"' in card and 'hx-select="#decision-pdf-card"' in card
    Decision.objects.filter(pk=decision.pk).update(pdf_status="failed", pdf_error="x")
    body = client.get(decision.get_absolute_url()).content.decode()
    card = body[body.index('id="decision-pdf-card"') :][:400]
    assert "hx-trigger" not in card  # polling stops once the status is final
