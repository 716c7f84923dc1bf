"""Two lists of one unit sent up at the same moment for the last places of a cap (real
PostgreSQL): each holds alone, together they would not; exactly one goes up."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from commendations.actions.registry import action_run
from commendations.annual_titles.models import Rating, RatingList, RatingListState
from tests.annual_titles.helpers import officers, rating_list, rows_add

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_only_one_of_two_simultaneous_lists_takes_the_last_places(postgres_only, district, officer):
    people = officers(district, 20)
    base = rating_list(district, submission_number="1/TTr-PV05")
    rows_add(base, people, "CSTT")
    action_run(instance=base, name="submit", actor=officer)
    pks = []
    for n, chosen in enumerate((people[0:2], people[2:4])):
        rl = rating_list(district, submission_number=f"{n + 2}/TTr-PV05")
        rows_add(rl, chosen, "CSTDCS", Rating.EXCELLENT)
        pks.append(rl.pk)
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def submit(index: int) -> None:
        try:
            mine = RatingList.objects.get(pk=pks[index])
            barrier.wait(timeout=10)
            action_run(instance=mine, name="submit", actor=officer)
            results[index] = "ok"
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results.count("ok") == 1, results
    loser = next(r for r in results if r != "ok")
    assert isinstance(loser, ValidationError), loser
    assert "4 trên tối đa 3 (15 % của 20)" in " ".join(loser.messages)
    states = RatingList.objects.filter(pk__in=pks).values_list("state", flat=True)
    assert sorted(states) == [RatingListState.DRAFT, RatingListState.SUBMITTED]
