import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commendations.actions.decisions import decision_issue
from commendations.campaigns.models import Authority
from commendations.decisions.models import DecisionState
from commendations.decisions.services import decision_create
from commendations.nominations.models import Nomination, NominationState
from tests.factories import NominationFactory
from tests.helpers import advance, state_written_behind_the_workflow
from workflow.exceptions import ConcurrentChange, TransitionPermissionDenied
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(campaign, district, officer, member, secretary):
    def make(n: int, award_type=None):
        nominations = []
        for _ in range(n):
            kwargs = {"award_type": award_type} if award_type else {}
            nomination = NominationFactory(campaign=campaign, unit=district, **kwargs)
            advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
            nominations.append(nomination)
        return nominations

    return make


def _draft(actor, nominations, authority=Authority.PROVINCIAL_DIRECTOR, number="12/QĐ-CAT-PV05"):
    import datetime

    return decision_create(
        actor=actor,
        authority=authority,
        number=number,
        date=datetime.date(2023, 3, 1),
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="Phó Giám đốc",
        nomination_ids=[n.pk for n in nominations],
    )


def test_issuing_approves_every_nomination_and_audits_in_bulk(awaiting, director):
    nominations = awaiting(5)
    decision = _draft(director, nominations)
    assert decision.state == DecisionState.DRAFT
    before = TransitionLog.objects.count()
    decision_issue(decision=decision, actor=director)
    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED and decision.issued_at
    states = set(Nomination.objects.filter(decision=decision).values_list("state", flat=True))
    assert states == {NominationState.APPROVED}
    # 5 approvals + the decision's issue + 5 certificates created (numbered) by the issue hook
    # + the paper original recorded (dated 2023, entered after the fact: never sealed here)
    assert TransitionLog.objects.count() == before + 12
    assert decision.signature_state == "paper"
    assert TransitionLog.objects.filter(transition="create").count() == 5
    log = TransitionLog.objects.filter(transition="approve").first()
    assert (log.source_state, log.target_state, log.actor) == (
        "awaiting_director",
        "approved",
        director,
    )


def test_issue_is_all_or_nothing(awaiting, director, monkeypatch):
    decision = _draft(director, awaiting(3))

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # The notices are written last, after every approval, the issue and the certificates.
    monkeypatch.setattr("commendations.actions.decisions.notifications_for_decision_issued", fail)
    with pytest.raises(RuntimeError):
        decision_issue(decision=decision, actor=director)
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert not Nomination.objects.filter(state=NominationState.APPROVED).exists()
    assert not TransitionLog.objects.filter(transition__in=["approve", "issue"]).exists()


def test_nomination_that_moved_away_blocks_the_issue(awaiting, director):
    nominations = awaiting(2)
    decision = _draft(director, nominations)
    state_written_behind_the_workflow(nominations[0], NominationState.AWAITING_MINISTRY)
    with pytest.raises(ValidationError, match="không chờ cấp này"):
        decision_issue(decision=decision, actor=director)
    assert not Nomination.objects.filter(state=NominationState.APPROVED).exists()


def test_declined_nomination_leaves_the_draft_decision(awaiting, director):
    from commendations.actions.registry import action_run

    nominations = awaiting(3)
    decision = _draft(director, nominations)
    action_run(instance=nominations[1], name="decline", actor=director, comment="Sai")
    decision_issue(decision=decision, actor=director)
    assert Nomination.objects.filter(decision=decision, state="approved").count() == 2
    nominations[1].refresh_from_db()
    assert (nominations[1].state, nominations[1].decision) == ("declined", None)


def test_only_nominations_awaiting_that_authority_can_be_in_the_decision(
    awaiting, director, ministry_award
):
    bang_khen = awaiting(1, ministry_award)
    with pytest.raises(PermissionDenied):
        _draft(director, bang_khen, authority=Authority.MINISTRY)
    with pytest.raises(ValidationError, match="không chờ cấp này"):
        _draft(director, bang_khen)


def test_ministry_records_ministry_decision(awaiting, ministry, ministry_award):
    nominations = awaiting(2, ministry_award)
    decision = _draft(ministry, nominations, authority=Authority.MINISTRY, number="1234/QĐ-BCA-X01")
    decision_issue(decision=decision, actor=ministry)
    assert Nomination.objects.filter(state="approved").count() == 2


def test_director_cannot_issue_ministry_decision(awaiting, ministry, director, ministry_award):
    decision = _draft(
        ministry, awaiting(1, ministry_award), authority=Authority.MINISTRY, number="5/QĐ-BCA"
    )
    with pytest.raises(TransitionPermissionDenied):
        decision_issue(decision=decision, actor=director)


def test_a_nomination_is_in_one_decision_only(awaiting, director):
    nominations = awaiting(1)
    _draft(director, nominations)
    with pytest.raises(ValidationError, match="quyết định khác"):
        _draft(director, nominations, number="13/QĐ-CAT-PV05")


def test_decision_number_unique_per_authority_and_year(awaiting, director):
    _draft(director, awaiting(1))
    with pytest.raises(ValidationError, match="đã được dùng"):
        _draft(director, awaiting(1))


def test_decision_number_format_is_checked(awaiting, director):
    with pytest.raises(ValidationError, match="123/QĐ"):
        _draft(director, awaiting(1), number="abc")


def test_issuing_twice_is_refused(awaiting, director):
    decision = _draft(director, awaiting(1))
    decision_issue(decision=decision, actor=director)
    with pytest.raises(ConcurrentChange):
        decision_issue(decision=decision, actor=director)
    assert TransitionLog.objects.filter(transition="issue").count() == 1


def test_issue_query_count_does_not_grow_with_the_nominations(awaiting, director):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []  # the first issue warms the content-type and permission caches
    for n, number in ((1, "13/QĐ-CAT-PV05"), (2, "14/QĐ-CAT-PV05"), (6, "15/QĐ-CAT-PV05")):
        decision = _draft(director, awaiting(n), number=number)
        with CaptureQueriesContext(connection) as captured:
            decision_issue(decision=decision, actor=director)
        counts.append(len(captured))
    assert counts[1] == counts[2]
