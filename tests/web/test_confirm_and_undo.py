"""Actions that cannot be undone show a confirmation page naming their consequence (plain HTML,
no JavaScript) and run only on the confirmed POST; withdrawing a draft runs at once and can be
undone for UNDO_MINUTES through the audited `restore` transition."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commendations.committee.models import Vote
from commendations.decisions.models import Decision
from commendations.decisions.services import decision_create
from commendations.nominations.models import UNDO_MINUTES, Nomination
from workflow.models import AuditEvent, TransitionLog

pytestmark = pytest.mark.django_db


def post(client, nomination, name, follow=False, **data):
    data.setdefault("expected_state", nomination.state)
    return client.post(
        reverse("nomination_transition", args=[nomination.pk, name]), data, follow=follow
    )


def test_withdrawing_a_submitted_nomination_behaves_as_a_draft_immediate_with_undo(
    login, make_nomination, officer, member
):
    """One behaviour for "Rút hồ sơ" (issue #27 §7): submitted or draft, it runs at once and can
    be undone for UNDO_MINUTES; the restored nomination is back with the committee, told again."""
    nomination = make_nomination("submitted")
    client = login(officer)
    response = post(client, nomination, "withdraw", comment="Nộp nhầm đợt", follow=True)
    body = response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "withdrawn"
    assert 'name="confirmed"' not in body  # no confirmation page
    assert "Hoàn tác" in body and "undo-banner" in body
    assert nomination.withdrawal_undoable

    response = post(client, nomination, "restore", follow=True)
    nomination.refresh_from_db()
    assert nomination.state == "submitted"
    from commendations.notifications.models import Notification

    waiting = Notification.objects.filter(recipient=member, nomination=nomination)
    assert waiting.filter(done_at__isnull=True).count() == 1  # told again, once


def test_a_restored_submission_is_checked_as_a_submission(
    login, make_nomination, officer, monkeypatch
):
    nomination = make_nomination("submitted")
    client = login(officer)
    post(client, nomination, "withdraw")
    nomination.refresh_from_db()
    campaign = nomination.campaign
    campaign.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.opens_on = min(campaign.opens_on, campaign.closes_on)
    campaign.save()
    post(client, nomination, "restore", follow=True)
    nomination.refresh_from_db()
    assert nomination.state == "withdrawn"  # the campaign closed meanwhile: refused


def test_reject_and_decline_ask_for_confirmation(login, make_nomination, member, director):
    submitted = make_nomination("submitted")
    response = post(login(member), submitted, "reject", comment="Không đạt")
    assert "không được Hội đồng đề nghị" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == "submitted"
    awaiting = make_nomination("awaiting")
    response = post(login(director), awaiting, "decline", comment="Trùng thành tích")
    assert "không được khen thưởng" in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.state == "awaiting_director"


def test_withdrawing_a_draft_is_immediate_and_can_be_undone(login, make_nomination, officer):
    nomination = make_nomination("draft")
    client = login(officer)
    response = client.post(
        reverse("nomination_transition", args=[nomination.pk, "withdraw"]),
        {"expected_state": "draft"},
        follow=True,
    )
    body = response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "withdrawn"
    assert "Hoàn tác" in body and "undo-banner" in body

    response = post(client, nomination, "restore", follow=True)
    nomination.refresh_from_db()
    assert nomination.state == "draft"
    # Audited like any transition: who undid it, from which state to which.
    log = TransitionLog.objects.for_object(nomination).order_by("-pk").first()
    assert (log.transition, log.source_state, log.target_state, log.actor) == (
        "restore",
        "withdrawn",
        "draft",
        officer,
    )


def test_undo_is_refused_after_the_window(login, make_nomination, officer):
    nomination = make_nomination("draft")
    client = login(officer)
    post(client, nomination, "withdraw")
    Nomination.objects.filter(pk=nomination.pk).update(
        withdrawn_at=timezone.now() - datetime.timedelta(minutes=UNDO_MINUTES + 1)
    )
    page = client.get(nomination.get_absolute_url()).content.decode()
    assert "undo-banner" not in page
    response = client.post(
        reverse("nomination_transition", args=[nomination.pk, "restore"]),
        {"expected_state": "withdrawn"},
        follow=True,
    )
    assert "không thể thực hiện" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == "withdrawn"


def test_issuing_a_decision_is_confirmed_with_the_count(login, make_nomination, director):
    nominations = [make_nomination("awaiting") for _ in range(3)]
    decision = decision_create(
        authority="PROVINCIAL_DIRECTOR",
        number="18/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 20),
        signer_name="Rah Lan Chung",
        signer_title="Giám đốc",
        nomination_ids=[n.pk for n in nominations],
        actor=director,
    )
    client = login(director)
    response = client.post(reverse("decision_issue", args=[decision.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 khen thưởng sẽ được phê duyệt, cấp số vào sổ" in body
    decision.refresh_from_db()
    assert decision.state == "draft"
    client.post(reverse("decision_issue", args=[decision.pk]), {"confirmed": "True"})
    assert Decision.objects.get().state == "issued"


def test_a_draft_decision_is_deleted_after_confirming_and_its_list_goes_back(
    login, make_nomination, director
):
    nominations = [make_nomination("awaiting") for _ in range(2)]
    decision = decision_create(
        authority="PROVINCIAL_DIRECTOR",
        number="19/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 20),
        signer_name="Rah Lan Chung",
        signer_title="Giám đốc",
        nomination_ids=[n.pk for n in nominations],
        actor=director,
    )
    client = login(director)
    assert "Xóa dự thảo" in client.get(decision.get_absolute_url()).content.decode()
    asked = client.post(reverse("decision_delete", args=[decision.pk]))
    assert "2 hồ sơ trong danh sách trở lại danh sách chờ" in asked.content.decode()
    assert Decision.objects.filter(pk=decision.pk).exists()
    client.post(reverse("decision_delete", args=[decision.pk]), {"confirmed": "True"})
    assert not Decision.objects.filter(pk=decision.pk).exists()
    for nomination in nominations:
        nomination.refresh_from_db()
        assert (nomination.state, nomination.decision_id) == ("awaiting_director", None)
        event = AuditEvent.objects.for_object(nomination).get()
        assert event.kind == "delete_draft_decision"
        assert event.data["decision_number"] == "19/QĐ-CAT-PV05"
    queue = client.get(reverse("director_queue")).content.decode()
    assert nominations[0].nominee_name in queue


def test_an_issued_decision_is_not_deleted(login, make_nomination, director):
    decision = decision_create(
        authority="PROVINCIAL_DIRECTOR",
        number="20/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 20),
        signer_name="Rah Lan Chung",
        signer_title="Giám đốc",
        nomination_ids=[make_nomination("awaiting").pk],
        actor=director,
    )
    client = login(director)
    client.post(reverse("decision_issue", args=[decision.pk]), {"confirmed": "True"})
    client.post(reverse("decision_delete", args=[decision.pk]), {"confirmed": "True"})
    assert Decision.objects.get(pk=decision.pk).state == "issued"
    api = APIClient()
    api.force_authenticate(director)
    assert api.delete(f"/api/v1/decisions/{decision.pk}/").status_code == 400


def test_a_vote_is_marked_and_can_be_undone_until_the_recommendation(
    login, make_nomination, member, committee
):
    nomination = make_nomination("submitted")
    client = login(member)
    url = reverse("committee_session_vote", args=[committee.pk])
    client.post(url, {"nomination": nomination.pk, "choice": "for"})
    page = client.get(reverse("committee_session_detail", args=[committee.pk])).content.decode()
    chosen = page.split('value="for"', 1)[1].split("</button>", 1)[0]
    assert 'aria-pressed="true"' in chosen and "✓" in chosen  # not shown by colour only
    assert "vote-undo" in page
    client.post(url, {"nomination": nomination.pk, "choice": "withdraw"})
    assert not Vote.objects.filter(session=committee, member=member).exists()
    event = AuditEvent.objects.for_object(committee).order_by("-pk").first()
    assert (event.kind, event.data["previous"]) == ("vote_withdrawn", "for")
    # The API does the same.
    api = APIClient()
    api.force_authenticate(member)
    votes = f"/api/v1/committee-sessions/{committee.pk}/votes/"
    assert api.post(votes, {"nomination": nomination.pk, "choice": "against"}).status_code == 200
    assert api.post(votes, {"nomination": nomination.pk, "choice": "withdraw"}).status_code == 200
    assert not Vote.objects.filter(session=committee, member=member).exists()
