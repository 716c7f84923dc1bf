"""Registry numbers under real concurrency: PostgreSQL, one connection per thread."""

import threading

import pytest
from django.db import connection

from commendations.campaigns.models import Authority
from commendations.certificates.models import Certificate, RegistryCounter
from tests.certificate_fixtures import awaiting, draft, issue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

ROUNDS = 3
PER_DECISION = 4


def _issue_in_thread(decision, actor, barrier, errors):
    from django.db import connections

    try:
        barrier.wait(timeout=30)
        issue(decision, actor)
    except Exception as exc:
        errors.append(exc)
    finally:
        connections.close_all()


def test_two_connections_issuing_at_once_get_unique_gap_free_numbers(
    postgres_only, campaign, district, officer, member, secretary, director, director_award
):
    assert connection.vendor == "postgresql"
    number = 0
    for _round in range(ROUNDS):
        decisions = []
        for _ in range(2):
            number += 1
            specs = [
                (director_award, "collective", f"Công an xã Đồng Thời {number}-{i}", {})
                for i in range(PER_DECISION)
            ]
            nominations = awaiting(campaign, district, officer, member, secretary, specs)
            decisions.append(draft(director, nominations, number=f"{number}/QĐ-CAT-PV05"))
        barrier = threading.Barrier(2)
        errors: list[Exception] = []
        threads = [
            threading.Thread(target=_issue_in_thread, args=(d, director, barrier, errors))
            for d in decisions
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(t.is_alive() for t in threads)
        assert errors == []
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    total = ROUNDS * 2 * PER_DECISION
    assert serials == list(range(1, total + 1))
    assert RegistryCounter.objects.get(authority=Authority.PROVINCIAL_DIRECTOR).last_number == total
    # Each decision's numbers are one consecutive block (the lock is held for the whole issue).
    for decision_id in set(Certificate.objects.values_list("decision", flat=True)):
        block = sorted(
            Certificate.objects.filter(decision=decision_id).values_list("serial", flat=True)
        )
        assert block == list(range(block[0], block[0] + PER_DECISION))
