import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from commendations.eligibility.models import PublicHoliday
from commendations.nominations.deadlines import add_working_days, deadline_for, overdue
from commendations.notifications.models import OverdueDigest
from commendations.notifications.services import overdue_digest_send
from commendations.tasks.notifications import overdue_digest
from tests.factories import NominationFactory
from tests.helpers import advance
from tests.rule_fixtures import make_rule_set

FRIDAY = datetime.date(2026, 11, 27)


def test_working_days_skip_weekends():
    assert add_working_days(FRIDAY, 1, holidays=[]) == datetime.date(2026, 11, 30)
    assert add_working_days(FRIDAY, 10, holidays=[]) == datetime.date(2026, 12, 11)


@pytest.mark.django_db
def test_working_days_skip_public_holidays():
    PublicHoliday.objects.create(date=datetime.date(2026, 11, 30), name="Nghỉ bù")
    assert add_working_days(FRIDAY, 1) == datetime.date(2026, 12, 1)


@pytest.fixture
def submitted(campaign, district, director_award, officer, member, secretary):
    make_rule_set(director_award, review_days=10, forward_days=5, decision_days=10)
    nomination = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    return advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)


def test_deadline_counts_from_entering_the_state(submitted):
    deadline = deadline_for(submitted)
    today = timezone.localdate()
    assert deadline.entered_on == today
    assert deadline.due_on == add_working_days(today, 10)
    assert deadline.roles == ("committee_member", "committee_secretary")


def test_overdue_lists_items_past_their_deadline_only(
    submitted, campaign, district, director_award
):
    due = deadline_for(submitted).due_on
    assert overdue(today=due) == []
    rows = overdue(today=due + datetime.timedelta(days=1))
    assert [n.pk for n, _deadline in rows] == [submitted.pk]
    NominationFactory(campaign=campaign, unit=district, award_type=director_award)  # a draft
    assert len(overdue(today=due + datetime.timedelta(days=1))) == 1


def test_no_deadline_without_a_rule_for_the_step(submitted, director_award):
    director_award.rule_sets.update(review_days=None)
    assert deadline_for(submitted) is None
    assert overdue(today=timezone.localdate() + datetime.timedelta(days=400)) == []


def test_daily_digest_mails_each_role_once_a_day(submitted, member, secretary, officer, director):
    late = deadline_for(submitted).due_on + datetime.timedelta(days=3)
    assert overdue_digest_send(day=late) == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([member.email, secretary.email])
    assert submitted.nominee_name in mail.outbox[0].body
    assert "1 hồ sơ quá hạn" in mail.outbox[0].subject
    assert overdue_digest_send(day=late) == 0  # a retry the same day sends nothing more
    assert len(mail.outbox) == 2 and OverdueDigest.objects.count() == 2


def test_digest_task_is_scheduled_daily(db):
    entry = settings.CELERY_BEAT_SCHEDULE["overdue-digest"]
    assert entry["task"] == overdue_digest.name
    assert overdue_digest() == 0  # nothing overdue today
