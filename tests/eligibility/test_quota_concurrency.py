"""Two officers submit for the last place of a quota at the same moment (real PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from commendations.actions.registry import action_run
from commendations.eligibility.models import QuotaKind
from commendations.nominations.models import Nomination
from tests.factories import NominationFactory
from tests.rule_fixtures import make_rule_set

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_only_one_of_two_simultaneous_submissions_takes_the_last_place(
    postgres_only, campaign, district, director_award, officer
):
    make_rule_set(director_award, quota_kind=QuotaKind.ABSOLUTE, quota_value=1)
    pks = [
        NominationFactory(campaign=campaign, unit=district, award_type=director_award).pk
        for _ in range(2)
    ]
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def submit(index: int) -> None:
        try:
            mine = Nomination.objects.get(pk=pks[index])
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
    assert isinstance(loser, ValidationError) and "hết chỉ tiêu" in " ".join(loser.messages)
    assert Nomination.objects.filter(pk__in=pks, state="submitted").count() == 1
