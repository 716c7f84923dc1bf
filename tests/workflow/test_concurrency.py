"""Two people act on the same nomination at the same moment, on two real PostgreSQL connections."""

import threading

import pytest
from django.db import connection

from commendations.actions.registry import action_run
from commendations.nominations.models import Nomination
from tests.factories import NominationFactory
from tests.helpers import advance, session_with_votes
from workflow.exceptions import ConcurrentChange
from workflow.models import TransitionLog

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def _race(pk: int, moves: list[tuple[str, object, dict]]) -> list[object]:
    """Each thread loads its own copy, waits for the other, then acts; returns results/errors."""
    barrier = threading.Barrier(len(moves))
    results: list[object] = [None] * len(moves)

    def act(index: int, name: str, actor, params: dict) -> None:
        try:
            mine = Nomination.objects.get(pk=pk)
            barrier.wait(timeout=10)
            action_run(instance=mine, name=name, actor=actor, **params)
            results[index] = "ok"
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(i, name, actor, params))
        for i, (name, actor, params) in enumerate(moves)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_reviewers_at_once_exactly_one_wins(
    postgres_only, campaign, district, officer, member, secretary
):
    nomination = NominationFactory(campaign=campaign, unit=district)
    advance(nomination, "submitted", officer=officer, member=member, secretary=secretary)
    session = session_with_votes(nomination, secretary=secretary)
    results = _race(
        nomination.pk,
        [
            ("recommend", secretary, {"session": session.pk}),
            ("return_for_changes", member, {"comment": "Thiếu biên bản"}),
        ],
    )
    assert results.count("ok") == 1
    loser = next(r for r in results if r != "ok")
    assert isinstance(loser, ConcurrentChange), loser
    assert "người khác" in str(loser)
    nomination.refresh_from_db()
    logs = TransitionLog.objects.for_object(nomination)
    assert logs.count() == 2  # submit + the single winner
    assert logs.last().target_state == nomination.state


def test_same_transition_twice_at_once_is_recorded_once(
    postgres_only, campaign, district, officer, member, secretary
):
    nomination = NominationFactory(campaign=campaign, unit=district)
    results = _race(nomination.pk, [("submit", officer, {}), ("submit", officer, {})])
    assert sorted(map(str, results)).count("ok") == 1
    assert TransitionLog.objects.for_object(nomination).count() == 1
