"""Notifications: created when work lands in a queue or an outcome reaches the author, shown on
the home page, e-mailed once by the task."""

import pytest
from django.core import mail
from django.urls import reverse

from commendations.notifications.models import Notification
from commendations.notifications.services import notifications_email_send
from commendations.tasks import notifications as notifications_tasks
from commendations.tasks.notifications import notifications_email_send as email_task
from tests.helpers import advance

pytestmark = pytest.mark.django_db


def test_submission_lands_in_committee_queue(make_nomination, member, secretary, officer):
    nomination = make_nomination("submitted")
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        member.username,
        secretary.username,
    }
    assert not Notification.objects.filter(recipient=officer).exists()  # not told of own act
    note = Notification.objects.get(recipient=member)
    assert nomination.nominee_name in note.text
    assert note.url == nomination.get_absolute_url()


def test_author_hears_of_return_and_sees_it_on_home(login, make_nomination, officer):
    nomination = make_nomination("returned")
    note = Notification.objects.get(recipient=officer)
    assert note.kind == "returned"
    body = login(officer).get(reverse("home")).content.decode()
    assert nomination.nominee_name in body and "unread" in body
    login(officer).post(reverse("notifications_read"))
    note.refresh_from_db()
    assert note.read_at is not None


def test_issuing_a_decision_tells_authors_and_clerks(
    make_nomination, officer, director, clerk, member, secretary
):
    from django.utils import timezone

    from commendations.actions.decisions import decision_issue
    from commendations.decisions.services import decision_create

    nomination = make_nomination("awaiting")
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="7/QĐ-CAT",
        date=timezone.localdate(),
        signer_name="A",
        signer_title="Giám đốc",
        nomination_ids=[nomination.pk],
    )
    decision_issue(decision=decision, actor=director)
    assert Notification.objects.filter(recipient=officer, kind="approved").count() == 1
    assert Notification.objects.filter(recipient=clerk, kind="decision").count() == 1


def test_a_conflicting_transition_leaves_no_notification(
    make_nomination, officer, member, secretary
):
    from commendations.actions.registry import action_run
    from workflow.exceptions import ConcurrentChange

    nomination = make_nomination("draft")
    with pytest.raises(ConcurrentChange):
        action_run(instance=nomination, name="submit", actor=officer, expected_state="returned")
    assert not Notification.objects.exists()


def test_email_is_sent_once_even_if_the_task_runs_twice(make_nomination, member):
    make_nomination("submitted")
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert email_task.run(ids) == len(ids)
    assert notifications_email_send(ids=ids) == 0  # a retry sends nothing again
    assert len(mail.outbox) == len(ids)
    assert member.email in {m.to[0] for m in mail.outbox}
    assert all(n.emailed_at for n in Notification.objects.all())


def test_email_task_is_enqueued_after_commit(
    django_capture_on_commit_callbacks, campaign, district, officer, member, secretary, monkeypatch
):
    pass
    from tests.factories import NominationFactory

    queued = []
    monkeypatch.setattr(
        notifications_tasks.notifications_email_send, "delay", lambda ids: queued.append(ids)
    )
    nomination = NominationFactory(campaign=campaign, unit=district, created_by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)
    assert sorted(sum(queued, [])) == sorted(Notification.objects.values_list("pk", flat=True))


def test_email_links_to_the_nomination_on_the_public_site(make_nomination, member, settings):
    settings.PUBLIC_BASE_URL = "https://khenthuong.congan.example/"
    nomination = make_nomination("submitted")
    ids = list(Notification.objects.filter(recipient=member).values_list("pk", flat=True))
    notifications_email_send(ids=ids)
    expected = "https://khenthuong.congan.example" + nomination.get_absolute_url()
    assert any(expected in message.body for message in mail.outbox)
