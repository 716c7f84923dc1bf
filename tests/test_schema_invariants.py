"""The invariants live in the schema: a write that bypasses the services is refused by the database
itself (CheckConstraint on every engine, a deferred constraint trigger on PostgreSQL)."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from commendations.actions.decisions import decision_issue
from commendations.campaigns.models import Authority
from commendations.decisions.models import Decision, DecisionState
from commendations.decisions.services import decision_create
from commendations.nominations.models import Nomination, NominationState
from tests.factories import DecisionFactory, NominationFactory
from tests.helpers import advance

S = NominationState


def _awaiting(campaign, district, officer, member, secretary) -> Nomination:
    nomination = NominationFactory(campaign=campaign, unit=district)
    return advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)


def _refused(queryset, **changes) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**changes)


@pytest.mark.django_db
def test_state_outside_the_machine_is_refused(campaign, district):
    nomination = NominationFactory(campaign=campaign, unit=district)
    _refused(Nomination.objects.filter(pk=nomination.pk), state="published")
    decision = DecisionFactory()
    _refused(Decision.objects.filter(pk=decision.pk), state="cancelled")


@pytest.mark.django_db
def test_approved_without_decision_or_date_is_refused(campaign, district):
    nomination = NominationFactory(campaign=campaign, unit=district)
    qs = Nomination.objects.filter(pk=nomination.pk)
    _refused(qs, state=S.APPROVED, decided_at=timezone.now())
    _refused(qs, state=S.DECLINED)


@pytest.mark.django_db
def test_a_nomination_is_listed_in_a_decision_only_while_awaiting_or_approved(
    campaign, district, officer, member, secretary
):
    nomination = _awaiting(campaign, district, officer, member, secretary)
    decision = DecisionFactory()
    for state in (S.DRAFT, S.SUBMITTED, S.RETURNED, S.WITHDRAWN, S.REJECTED, S.RECOMMENDED):
        _refused(Nomination.objects.filter(pk=nomination.pk), state=state, decision=decision)
    Nomination.objects.filter(pk=nomination.pk).update(decision=decision)  # awaiting: allowed


@pytest.mark.django_db
def test_issued_decision_without_time_is_refused():
    decision = DecisionFactory()
    _refused(Decision.objects.filter(pk=decision.pk), state=DecisionState.ISSUED)


@pytest.mark.django_db
def test_decision_number_is_unique_per_authority_and_year():
    DecisionFactory(number="7/QĐ-CAT-PV05", date=datetime.date(2023, 3, 1))
    DecisionFactory(number="7/QĐ-CAT-PV05", date=datetime.date(2024, 3, 1))  # another year
    DecisionFactory(
        number="7/QĐ-CAT-PV05", date=datetime.date(2023, 3, 1), authority=Authority.MINISTRY
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory(number="7/QĐ-CAT-PV05", date=datetime.date(2023, 5, 1))


@pytest.mark.django_db(transaction=True)
def test_postgres_refuses_approval_without_an_issued_decision_at_commit(
    postgres_only, campaign, district, officer, member, secretary, director
):
    nomination = _awaiting(campaign, district, officer, member, secretary)
    decision = decision_create(
        actor=director,
        authority=Authority.PROVINCIAL_DIRECTOR,
        number="9/QĐ-CAT-PV05",
        date=datetime.date(2023, 3, 1),
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="Phó Giám đốc",
        nomination_ids=[nomination.pk],
    )
    # Approving behind the decision's back: the deferred trigger refuses it at COMMIT.
    with pytest.raises(IntegrityError, match="decision"), transaction.atomic():
        Nomination.objects.filter(pk=nomination.pk).update(
            state=S.APPROVED, decided_at=timezone.now()
        )
    nomination.refresh_from_db()
    assert nomination.state == S.AWAITING_DIRECTOR
    # Marking the decision issued while its nomination still waits: refused too.
    with pytest.raises(IntegrityError, match="decision"), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(
            state=DecisionState.ISSUED, issued_at=timezone.now()
        )
    # The service writes both tables in one transaction: accepted.
    decision_issue(decision=decision, actor=director)
    nomination.refresh_from_db()
    assert nomination.state == S.APPROVED
    assert connection.vendor == "postgresql"
