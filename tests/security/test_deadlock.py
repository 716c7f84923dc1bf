"""On PostgreSQL two recommendations at once crossed the quota locks (the units'
rows) and the nominations' row locks: PostgreSQL reported `deadlock detected` and the API
answered a bare 500. Reproduced here with two secretaries' lists that each hold nominations of two
units ([a of U1, b of U2] and [c of U2, d of U1]: each took its rows, then the units in the order
of its nominations), and with the issue's own [a, b] and [b]. Locks are now taken in one global
order — the units' quota locks first, by primary key, then the rows by primary key — and a
deadlock or serialization failure that still happens is retried, then answered 409
`concurrent_change` (web: the same message)."""

import datetime
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from psycopg import errors as pg_errors

from commendations.actions.committee import nominations_recommend
from commendations.api.exceptions import api_exception_handler
from commendations.committee.models import CommitteeSession, Vote, VoteChoice
from commendations.eligibility.models import QuotaKind
from commendations.nominations.models import Nomination
from tests.factories import NominationFactory
from tests.helpers import advance
from tests.rule_fixtures import make_rule_set
from workflow.exceptions import ConcurrentChange
from workflow.retry import retry_on_conflict

ROUNDS = 8


@pytest.fixture
def world(campaign, district, other_district, director_award, officer, other_officer, member):
    make_rule_set(director_award, quota_kind=QuotaKind.ABSOLUTE, quota_value=1000, quorum=1)

    def submitted(unit, author, secretary):
        nomination = NominationFactory(campaign=campaign, unit=unit, award_type=director_award)
        return advance(nomination, "submitted", officer=author, member=member, secretary=secretary)

    def session(secretary, nominations) -> CommitteeSession:
        sitting = CommitteeSession.objects.create(
            campaign=campaign,
            held_on=datetime.date(2026, 12, 1),
            title="Phiên họp",
            created_by=secretary,
        )
        sitting.members.set([member])
        Vote.objects.bulk_create(
            Vote(session=sitting, nomination=n, member=member, choice=VoteChoice.FOR)
            for n in nominations
        )
        return sitting

    return {"U1": (district, officer), "U2": (other_district, other_officer)}, submitted, session


def _at_once(session, secretary, lists: list[list[int]], delays: list[float]) -> list[object]:
    results: list[object] = [None] * len(lists)
    barrier = threading.Barrier(len(lists))

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            time.sleep(delays[index])
            nominations_recommend(
                session=session,
                nominations=list(Nomination.objects.filter(pk__in=lists[index])),
                actor=secretary,
            )
            results[index] = "ok"
        except Exception as exc:  # what each side got is the result
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(lists))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _database_errors(results: list[object]) -> list[str]:
    return [f"{type(r).__name__}: {r}" for r in results if isinstance(r, OperationalError)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_lists_crossing_two_units_never_deadlock(postgres_only, world, secretary):
    units, submitted, session = world
    errors = []
    for _round in range(ROUNDS):
        a = submitted(*units["U1"], secretary)
        b = submitted(*units["U2"], secretary)
        c = submitted(*units["U2"], secretary)
        d = submitted(*units["U1"], secretary)
        sitting = session(secretary, [a, b, c, d])
        results = _at_once(sitting, secretary, [[a.pk, b.pk], [c.pk, d.pk]], [0.0, 0.0])
        errors += _database_errors(results)
        assert results == ["ok", "ok"] or errors, results
    assert errors == []
    assert Nomination.objects.filter(state="recommended").count() == 4 * ROUNDS


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_overlapping_lists_of_one_unit_give_one_winner_and_a_clear_refusal(
    postgres_only, world, secretary
):
    units, submitted, session = world
    for _round in range(ROUNDS):
        a = submitted(*units["U1"], secretary)
        b = submitted(*units["U1"], secretary)
        sitting = session(secretary, [a, b])
        results = _at_once(sitting, secretary, [[a.pk, b.pk], [b.pk]], [0.0, 0.02])
        assert _database_errors(results) == []
        assert "ok" in results, results
        for result in results:
            assert result == "ok" or not isinstance(result, OperationalError), result


def test_a_conflict_is_retried_then_reported_as_a_concurrent_change():
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("deadlock detected") from pg_errors.DeadlockDetected()
        return "done"

    assert retry_on_conflict(flaky) == "done" and len(calls) == 2

    def always() -> None:
        raise OperationalError("could not serialize access") from pg_errors.SerializationFailure()

    with pytest.raises(ConcurrentChange):
        retry_on_conflict(always)

    def other() -> None:
        raise OperationalError("server closed the connection")

    with pytest.raises(OperationalError):
        retry_on_conflict(other)


def test_the_api_answers_a_database_conflict_with_409():
    exc = OperationalError("deadlock detected")
    exc.__cause__ = pg_errors.DeadlockDetected()
    request = RequestFactory().post("/api/v1/committee-sessions/1/recommend/")
    response = api_exception_handler(exc, {"request": request})
    assert response is not None and response.status_code == 409
    assert response.data["code"] == "concurrent_change"


@pytest.mark.django_db
def test_a_page_that_meets_a_database_conflict_answers_409_not_500(client, secretary, monkeypatch):
    """Whatever view meets a conflict the workflow did not handle: a 409 page, nothing saved."""

    def deadlock(*args, **kwargs):
        raise OperationalError("deadlock detected") from pg_errors.DeadlockDetected()

    monkeypatch.setattr("commendations.web.views.home_summary", deadlock)
    client.force_login(secretary)
    response = client.get("/", HTTP_REFERER="http://testserver/review/")
    assert response.status_code == 409
    body = response.content.decode()
    assert "thử lại" in body and 'href="http://testserver/review/"' in body
