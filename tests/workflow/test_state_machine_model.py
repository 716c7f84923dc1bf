"""A model-based test: hypothesis drives random sequences of actions by random users of every role
(and of other units) through the real services, and after every step compares the database with
an independent model of the rules and re-checks the invariants.

The actions: create a nomination, run any transition with valid or invalid input, repeat the last
successful action with the state the user saw then (a double click, or a second person acting on
the same page: a concurrent duplicate as the service sees it), act on a stale copy, draft a
decision, issue a decision (also twice). Truly parallel writers on two connections are covered by
tests/workflow/test_concurrency.py on PostgreSQL.

Checked after every step:
- every state is one of the machine's, and equals the model's prediction;
- every successful action wrote exactly its audit rows, failed ones wrote nothing;
- replaying each object's audit history along the declared edges ends in its current state;
- a nomination is approved exactly when it is in an issued decision, with the decision's number
  recorded in its approval row; decision numbers are unique per authority and year.
"""

import datetime
import itertools
import os
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from commendations.access.roles import Role
from commendations.actions.decisions import decision_issue
from commendations.actions.registry import action_run
from commendations.campaigns.models import Authority, AuthorityProfile, NomineeKind
from commendations.certificates.models import Certificate
from commendations.committee.models import CommitteeSession, Vote
from commendations.decisions.models import Decision, DecisionState
from commendations.decisions.services import decision_create
from commendations.eligibility.models import QuotaKind, RuleSet
from commendations.nominations.models import Nomination, NominationState
from commendations.nominations.services import nomination_create
from tests.factories import make_user
from workflow.exceptions import ConcurrentChange, TransitionNotAllowed, TransitionPermissionDenied
from workflow.models import TransitionLog
from workflow.selectors import transition_definitions

pytestmark = pytest.mark.django_db

S = NominationState
NAMES = ["submit", "withdraw", "return_for_changes", "reject", "recommend", "forward"]
NAMES += ["decline", "approve", "consolidate", "return_from_consolidation", "restore"]
COMMENT_REQUIRED = {"return_for_changes", "reject", "decline", "return_from_consolidation"}
QUOTA = 2  # Giấy khen per unit per campaign, from the rule set the test installs
QUOTA_STATES = {
    "submit": set(Nomination.QUOTA_STATES["submission"]),
    "recommend": set(Nomination.QUOTA_STATES["recommendation"]),
}
REVIEW = {"return_for_changes", "reject", "recommend"}
AWAITING = {
    Authority.MINISTRY: S.AWAITING_MINISTRY,
    Authority.PROVINCIAL_DIRECTOR: S.AWAITING_DIRECTOR,
}
# For each move, the users most likely to be wrongly let through: the neighbouring roles and the
# officers of the unit above, below and beside.
NEAR_MISS = {
    "submit": ["officer", "commune_officer", "other_officer", "member", "nobody"],
    "withdraw": ["officer", "commune_officer", "other_officer", "secretary", "nobody"],
    "restore": ["officer", "commune_officer", "other_officer", "secretary", "nobody"],
    "return_for_changes": ["officer", "clerk", "director"],
    "reject": ["officer", "clerk", "ministry"],
    "recommend": ["member", "officer", "clerk", "director", "nobody"],
    "forward": ["member", "officer", "director"],
    "decline": ["director", "ministry", "secretary", "clerk"],
    "approve": ["director", "ministry", "admin"],
    "consolidate": ["officer", "admin"],
    "return_from_consolidation": ["officer", "admin"],
}
TERMINAL = {S.WITHDRAWN, S.REJECTED, S.APPROVED, S.DECLINED}
USER_KEYS = [
    "officer",  # unit officer of the district (acts for it and its commune)
    "commune_officer",  # unit officer of the commune (not for the district above it)
    "other_officer",  # unit officer of another district
    "member",
    "secretary",
    "director",
    "ministry",
    "clerk",
    "nobody",  # a logged-in user with no role
    "admin",
]


def _edges(model: type) -> set[tuple[str, str, str]]:
    edges = set()
    for tr in transition_definitions(model):
        targets = getattr(tr.target, "allowed_states", None) or [tr.target]
        edges |= {(str(tr.source), tr.name, str(target)) for target in targets}
    return edges


@dataclass
class Expected:
    state: str
    logs: int = 0
    seen: list[str] = field(default_factory=list)  # states a user has had on screen
    unit_id: int | None = None
    award_id: int | None = None
    withdrawn_from: str = ""  # a withdrawn draft (or returned one) may be restored (Undo)


@dataclass
class World:
    units: dict
    users: dict
    campaign: object
    awards: dict
    session: CommitteeSession  # where the committee votes: `recommend` computes its tally
    council: list  # enough members (of no unit) for any tally the machine draws (3 x 9)


def _may(world: World, user_key: str, name: str, nomination: Nomination) -> bool:
    """The rules, written independently of commendations.permissions."""
    if user_key == "admin":
        return True
    if name in {"submit", "withdraw", "restore"}:
        scope = {
            "officer": {"district", "commune"},
            "commune_officer": {"commune"},
            "other_officer": {"other_district"},
        }.get(user_key, set())
        return any(world.units[key].pk == nomination.unit_id for key in scope)
    if name == "recommend":
        return user_key == "secretary"  # members vote in the session; the secretary records
    if name in REVIEW:
        return user_key in {"member", "secretary"}
    if name == "forward":
        return user_key == "secretary"
    if name in {"decline", "approve"}:
        return user_key == _decider(nomination.award_type.authority)
    return False


def _decider(authority: str) -> str:
    return "ministry" if authority == Authority.MINISTRY else "director"


def _votes_valid(votes: tuple[int, int, int], share: Decimal) -> bool:
    present = sum(votes)
    return present > 0 and votes[0] > share * present


class WorkflowMachine(RuleBasedStateMachine):
    world: World  # set by the test before the machine runs
    nominations = Bundle("nominations")
    decisions = Bundle("decisions")
    NOMINATION_EDGES: set = set()
    DECISION_EDGES: set = set()

    def __init__(self) -> None:
        super().__init__()
        # Each example runs inside a savepoint of the test's transaction, rolled back at teardown.
        self.savepoint = transaction.savepoint()
        self.expected: dict[int, Expected] = {}
        self.expected_decisions: dict[int, Expected] = {}
        self.decision_members: dict[int, set[int]] = {}
        self.last_success: tuple | None = None
        self.probes = 0
        self.numbers = itertools.count(1)

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)

    # --- actions -----------------------------------------------------------------------------

    @initialize(
        target=nominations,
        plan=st.lists(
            st.tuples(
                st.sampled_from(["district", "commune", "other_district"]),
                st.sampled_from(["director", "ministry"]),
                st.sampled_from(["awaiting", S.RECOMMENDED, S.SUBMITTED, "awaiting", S.DRAFT]),
            ),
            min_size=3,
            max_size=6,
        ),
    )
    def seed(self, plan: list[tuple[str, str, str]]) -> object:
        """Start every run with nominations of several units spread along the workflow."""
        owner = {"district": "officer", "commune": "commune_officer"}
        pks = []
        for unit_key, award, stop in plan:
            pk = self._create(owner.get(unit_key, "other_officer"), unit_key, award)
            self.push_along(pk, stop)
            pks.append(pk)
        return multiple(*pks)

    @rule(
        target=nominations,
        user_key=st.sampled_from(USER_KEYS),
        unit_key=st.sampled_from(["district", "commune", "other_district"]),
        award=st.sampled_from(["director", "ministry"]),
    )
    def create(self, user_key: str, unit_key: str, award: str) -> object:
        allowed = user_key == "admin" or (user_key, unit_key) in {
            ("officer", "district"),
            ("officer", "commune"),
            ("commune_officer", "commune"),
            ("other_officer", "other_district"),
        }
        if not allowed:
            with pytest.raises(PermissionDenied):
                self._create(user_key, unit_key, award)
            return multiple()
        return self._create(user_key, unit_key, award)

    def _create(self, user_key: str, unit_key: str, award: str) -> int:
        nomination = nomination_create(
            actor=self.world.users[user_key],
            campaign=self.world.campaign,
            unit=self.world.units[unit_key],
            award_type=self.world.awards[award],
            nominee_kind=NomineeKind.COLLECTIVE,
            nominee_name=f"Tập thể {len(self.expected) + 1}",
            achievement_summary="Thành tích {{ 1|add:1 }} {% now 'Y' %}",
        )
        self.expected[nomination.pk] = Expected(
            state=S.DRAFT,
            seen=[S.DRAFT],
            unit_id=nomination.unit_id,
            award_id=nomination.award_type_id,
        )
        return nomination.pk

    @rule(data=st.data())
    def act(self, data: st.DataObject) -> None:
        """Mostly on a nomination still in play; half the time a move its state offers; by the
        right person, a near miss or anyone."""
        live = [pk for pk, e in self.expected.items() if e.state not in TERMINAL]
        everything = st.sampled_from(sorted(self.expected))
        pk = data.draw(st.one_of(st.sampled_from(live), everything) if live else everything)
        current = self.expected[pk].state
        # the long-service batch's and the simplified procedure's own paths have their tests
        # (tests/long_service, tests/actions/test_simplified_path.py); this machine models the
        # campaign's path
        other_paths = {"approve", "propose_to_authority", "recommend_simplified"}
        offered = sorted({n for (s, n, _t) in self.NOMINATION_EDGES if s == current} - other_paths)
        names = st.sampled_from(NAMES)
        name = data.draw(st.one_of(st.sampled_from(offered), names) if offered else names)
        users = st.sampled_from(USER_KEYS)
        near = st.sampled_from(NEAR_MISS[name])
        user_key = data.draw(st.one_of(st.just(self._legitimate(pk, name)), near, users))
        with_comment = data.draw(st.sampled_from([True, True, True, False]))
        votes = data.draw(
            st.one_of(st.just((7, 1, 1)), st.tuples(*(st.integers(min_value=0, max_value=9),) * 3))
        )
        self._attempt(pk, user_key, name, with_comment, votes, seen=current)

    def _legitimate(self, pk: int, name: str) -> str:
        """The user whose role is meant for this move on this nomination."""
        nomination = Nomination.objects.select_related("unit", "award_type").get(pk=pk)
        if name in {"submit", "withdraw", "restore"}:
            by_unit = {self.world.units[k].pk: k for k in ("district", "commune", "other_district")}
            return {"district": "officer", "commune": "commune_officer"}.get(
                by_unit[nomination.unit_id], "other_officer"
            )
        if name in {"decline", "approve"}:
            return _decider(nomination.award_type.authority)
        return "secretary" if name in {"forward", "recommend"} else "member"

    @rule(
        pk=nominations,
        user_key=st.sampled_from(USER_KEYS),
        name=st.sampled_from(NAMES),
        data=st.data(),
    )
    def act_on_stale_page(self, pk: int, user_key: str, name: str, data: st.DataObject) -> None:
        seen = data.draw(st.sampled_from(self.expected[pk].seen))
        self._attempt(pk, user_key, name, True, (7, 1, 1), seen=seen)

    @rule(
        pk=nominations, stop=st.sampled_from([S.SUBMITTED, S.RECOMMENDED, "awaiting", "awaiting"])
    )
    def push_along(self, pk: int, stop: str) -> None:
        """The happy path by the right people, up to `stop`: keeps the runs deep."""
        happy = {S.DRAFT: "submit", S.RETURNED: "submit", S.SUBMITTED: "recommend"}
        happy[S.RECOMMENDED] = "forward"
        while self.expected[pk].state in happy and self.expected[pk].state != stop:
            before = self.expected[pk].state
            name = happy[before]
            user_key = self._legitimate(pk, name)
            self._attempt(pk, user_key, name, True, (7, 1, 1), seen=before)
            if self.expected[pk].state == before:  # refused (a full quota): stop here
                break

    @precondition(lambda self: self.probes < 2)
    @rule(data=st.data())
    def everyone_tries_everything(self, data: st.DataObject) -> None:
        """Every user tries every move the model says they must NOT get, on one nomination in
        play: each must be refused with the right error and leave nothing behind."""
        self.probes += 1
        live = [pk for pk, e in self.expected.items() if e.state not in TERMINAL]
        if not live:
            return
        pk = data.draw(st.sampled_from(live))
        nomination = Nomination.objects.select_related("award_type").get(pk=pk)
        for name in NAMES:
            for user_key in USER_KEYS:
                if self._predict(nomination, user_key, name, True, (7, 1, 1), seen=None):
                    self._attempt(pk, user_key, name, True, (7, 1, 1), seen=None)

    @precondition(lambda self: self.last_success is not None)
    @rule()
    def repeat_last_success(self) -> None:
        """The same request again (double click, or a colleague on the same page)."""
        pk, user_key, name, with_comment, votes, seen = self.last_success
        self._attempt(pk, user_key, name, with_comment, votes, seen=seen)

    def _session_with(self, nomination: Nomination, votes: tuple) -> CommitteeSession:
        """The world's session, holding exactly `votes` for this nomination (cast by the first
        members): the tally `recommend` computes. Written directly, as a fixture: the vote
        service's own rules are tested elsewhere."""
        session = self.world.session
        Vote.objects.filter(session=session, nomination=nomination).delete()
        choices = ["for"] * votes[0] + ["against"] * votes[1] + ["abstain"] * votes[2]
        Vote.objects.bulk_create(
            Vote(session=session, nomination=nomination, member=member, choice=choice)
            for member, choice in zip(self.world.council, choices, strict=False)
        )
        return session

    def _targets(self, nomination: Nomination, name: str) -> set[str]:
        current = self.expected[nomination.pk].state
        targets = {t for (s, n, t) in self.NOMINATION_EDGES if s == current and n == name}
        if name == "forward":
            targets = {AWAITING[nomination.award_type.authority]} & targets
        if name == "submit":  # no consolidation level configured: straight to the committee
            targets &= {S.SUBMITTED}
        if name == "restore":  # Undo: back where it was withdrawn from, a draft or returned one
            withdrawn_from = self.expected[nomination.pk].withdrawn_from
            targets &= {withdrawn_from} if withdrawn_from in (S.DRAFT, S.RETURNED) else set()
        return targets

    def _quota_full(self, nomination: Nomination, name: str) -> bool:
        if name not in QUOTA_STATES or nomination.award_type_id != self.world.awards["director"].pk:
            return False
        used = sum(
            1
            for pk, e in self.expected.items()
            if pk != nomination.pk
            and e.unit_id == nomination.unit_id
            and e.award_id == nomination.award_type_id
            and e.state in QUOTA_STATES[name]
        )
        return used >= QUOTA

    def _predict(
        self,
        nomination: Nomination,
        user_key: str,
        name: str,
        with_comment: bool,
        votes: tuple,
        *,
        seen: str | None,
    ) -> type[Exception] | None:
        """The error the rules call for (in the order the service checks), or None."""
        current = self.expected[nomination.pk].state
        targets = self._targets(nomination, name)
        if seen is not None and seen != current:
            outcome: type[Exception] | None = ConcurrentChange
            outcome: type[Exception] | None = ConcurrentChange
        elif name == "approve" or not targets:
            outcome = TransitionNotAllowed
        elif name in COMMENT_REQUIRED and not with_comment:
            outcome = ValidationError  # asked before the permission, once the edge exists
        elif not _may(self.world, user_key, name, nomination):
            outcome = TransitionPermissionDenied
        elif (name == "recommend" and not _votes_valid(votes, Decimal("0.5"))) or self._quota_full(
            nomination, name
        ):
            outcome = ValidationError  # the tally, then the rule set's quota
        else:
            outcome = None
        return outcome

    def _attempt(
        self,
        pk: int,
        user_key: str,
        name: str,
        with_comment: bool,
        votes: tuple,
        *,
        seen: str | None,
    ) -> None:
        nomination = Nomination.objects.select_related("award_type").get(pk=pk)
        expected = self.expected[pk]
        current = expected.state
        seen = current if seen is None else seen
        targets = self._targets(nomination, name)
        params = {}
        if name == "recommend":
            params = {"session": self._session_with(nomination, votes).pk}
        comment = "Ý kiến của người xử lý" if with_comment else ""
        outcome = self._predict(nomination, user_key, name, with_comment, votes, seen=seen)
        logs_before = TransitionLog.objects.count()
        actor = self.world.users[user_key]
        if outcome is None:
            action_run(
                instance=nomination,
                name=name,
                actor=actor,
                comment=comment,
                expected_state=seen,
                **params,
            )
            (target,) = targets
            assert nomination.state == target
            expected.state = target
            expected.logs += 1
            expected.seen.append(target)
            expected.withdrawn_from = current if name == "withdraw" else ""
            if name == "decline":
                for members in self.decision_members.values():
                    members.discard(pk)
            self.last_success = (pk, user_key, name, with_comment, votes, seen)
            assert TransitionLog.objects.count() == logs_before + 1
        else:
            with pytest.raises(outcome):
                action_run(
                    instance=Nomination.objects.get(pk=pk),
                    name=name,
                    actor=actor,
                    comment=comment,
                    expected_state=seen,
                    **params,
                )
            assert TransitionLog.objects.count() == logs_before

    @precondition(lambda self: any(e.state in AWAITING.values() for e in self.expected.values()))
    @rule(
        target=decisions,
        authority=st.sampled_from(Authority.values),
        data=st.data(),
        reuse_number=st.sampled_from([False, False, True]),
    )
    def draft_decision(self, authority: str, data: st.DataObject, reuse_number: bool) -> object:
        user_key = data.draw(st.one_of(st.just(_decider(authority)), st.sampled_from(USER_KEYS)))
        waiting = [pk for pk, e in self.expected.items() if e.state == AWAITING[authority]]
        anything = st.lists(st.sampled_from(sorted(self.expected)), max_size=4, unique=True)
        picks = data.draw(
            st.one_of(
                *[st.lists(st.sampled_from(waiting), min_size=1, max_size=4, unique=True)] * 3,
                anything,
            )
            if waiting
            else anything
        )
        numbers = list(
            Decision.objects.filter(authority=authority).values_list("number", flat=True)
        )
        number = numbers[0] if reuse_number and numbers else f"{next(self.numbers)}/QĐ-TEST"
        listed = set().union(*self.decision_members.values())
        may = user_key == "admin" or user_key == _decider(authority)
        valid = (
            picks
            and all(self.expected[pk].state == AWAITING[authority] for pk in picks)
            and not listed & set(picks)
            and number not in numbers
        )

        def create() -> Decision:
            return decision_create(
                actor=self.world.users[user_key],
                authority=authority,
                number=number,
                date=datetime.date(2023, 3, 1),
                signer_name="Nguyễn Văn A",
                signer_title="Giám đốc",
                nomination_ids=picks,
            )

        if may and valid:
            decision = create()
            self.expected_decisions[decision.pk] = Expected(state=DecisionState.DRAFT)
            self.decision_members[decision.pk] = set(picks)
            return decision.pk
        with pytest.raises(PermissionDenied if not may else ValidationError):
            create()
        return multiple()

    @rule(
        pk=decisions,
        user_key=st.one_of(st.sampled_from(["director", "ministry"]), st.sampled_from(USER_KEYS)),
    )
    def issue(self, pk: int, user_key: str) -> None:
        decision = Decision.objects.get(pk=pk)
        expected = self.expected_decisions[pk]
        members = self.decision_members[pk]
        may = user_key == "admin" or user_key == _decider(decision.authority)
        logs_before = TransitionLog.objects.count()
        if expected.state != DecisionState.DRAFT:
            outcome: type[Exception] | None = ConcurrentChange
        elif not may:
            outcome = TransitionPermissionDenied
        elif not members:
            outcome = ValidationError
        else:
            outcome = None
        if outcome is not None:
            with pytest.raises(outcome):
                decision_issue(decision=decision, actor=self.world.users[user_key])
            assert TransitionLog.objects.count() == logs_before
            return
        decision_issue(decision=decision, actor=self.world.users[user_key])
        expected.state = DecisionState.ISSUED
        # dated 2023 and signed here: recorded as a paper original in the same transaction
        paper = int(AuthorityProfile.for_authority(decision.authority).sealed_here)
        expected.logs += 1 + paper
        for member in members:
            self.expected[member].state = S.APPROVED
            self.expected[member].logs += 1
            self.expected[member].seen.append(S.APPROVED)
        # the decision (and its paper original), each approval, and each certificate numbered in
        # the same transaction
        assert TransitionLog.objects.count() == logs_before + 1 + paper + 2 * len(members)

    # --- invariants ---------------------------------------------------------------------------

    @invariant()
    def states_are_the_models_and_legal(self) -> None:
        states = dict(Nomination.objects.values_list("pk", "state"))
        assert set(states.values()) <= set(S.values)
        assert states == {pk: e.state for pk, e in self.expected.items()}
        decisions = dict(Decision.objects.values_list("pk", "state"))
        assert set(decisions.values()) <= set(DecisionState.values)
        assert decisions == {pk: e.state for pk, e in self.expected_decisions.items()}

    @invariant()
    def audit_history_replays_to_the_current_state(self) -> None:
        for model, expected, edges, start in (
            (Nomination, self.expected, self.NOMINATION_EDGES, S.DRAFT),
            (Decision, self.expected_decisions, self.DECISION_EDGES, DecisionState.DRAFT),
        ):
            logs: dict[int, list[TransitionLog]] = {}
            for log in TransitionLog.objects.filter(
                content_type__model=model._meta.model_name
            ).order_by("at", "id"):
                logs.setdefault(log.object_id, []).append(log)
            names = {name for (_source, name, _target) in edges}
            for pk, exp in expected.items():
                state = start
                for log in logs.get(pk, []):
                    if log.transition not in names:
                        continue  # the row's other machine: a decision's signature (paper, seal)
                    assert log.source_state == state, (pk, log)
                    assert (log.source_state, log.transition, log.target_state) in edges, log
                    state = log.target_state
                assert state == exp.state, (model, pk)
                assert len(logs.get(pk, [])) == exp.logs, (model, pk)

    @invariant()
    def approved_exactly_when_in_an_issued_decision(self) -> None:
        rows = Nomination.objects.values_list("pk", "state", "decision_id", "decision__state")
        for pk, state, decision_id, decision_state in rows:
            assert (state == S.APPROVED) == (decision_state == DecisionState.ISSUED), pk
            if decision_id is not None:
                assert pk in self.decision_members[decision_id]
        for log in TransitionLog.objects.filter(transition="approve"):
            nomination = Nomination.objects.get(pk=log.object_id)
            assert log.data["decision"] == nomination.decision_id
            assert log.data["decision_number"] == nomination.decision.number
        keys = list(Decision.objects.values_list("authority", "year", "number"))
        assert len(keys) == len(set(keys))

    @invariant()
    def registry_numbers_and_quotas_hold(self) -> None:
        """One certificate per approved nomination, numbered 1..n per authority and year with
        no gap or repeat; no unit over its Giấy khen quota at any stage."""
        approved = set(Nomination.objects.filter(state=S.APPROVED).values_list("pk", flat=True))
        certificates = list(
            Certificate.objects.values_list("nomination_id", "authority", "year", "serial")
        )
        assert sorted(c[0] for c in certificates) == sorted(approved)
        by_book: dict[tuple, list[int]] = {}
        for _nomination, authority, year, serial in certificates:
            by_book.setdefault((authority, year), []).append(serial)
        for serials in by_book.values():
            assert sorted(serials) == list(range(1, len(serials) + 1))
        for states in QUOTA_STATES.values():
            used: dict[int, int] = {}
            for e in self.expected.values():
                if e.award_id == self.world.awards["director"].pk and e.state in states:
                    used[e.unit_id] = used.get(e.unit_id, 0) + 1
            assert all(count <= QUOTA for count in used.values()), used


@pytest.fixture
def world(district, commune, other_district, province, campaign, director_award, ministry_award):
    users = {
        "officer": make_user(Role.UNIT_OFFICER, district, username="sm_officer"),
        "commune_officer": make_user(Role.UNIT_OFFICER, commune, username="sm_commune"),
        "other_officer": make_user(Role.UNIT_OFFICER, other_district, username="sm_other"),
        "member": make_user(Role.COMMITTEE_MEMBER, province, username="sm_member"),
        "secretary": make_user(Role.COMMITTEE_SECRETARY, province, username="sm_secretary"),
        "director": make_user(Role.PROVINCIAL_DIRECTOR, province, username="sm_director"),
        "ministry": make_user(Role.MINISTRY, province, username="sm_ministry"),
        "clerk": make_user(Role.CLERK, province, username="sm_clerk"),
        "nobody": make_user(None, district, username="sm_nobody"),
        "admin": make_user(None, None, username="sm_admin", is_superuser=True, is_staff=True),
    }
    assert User.objects.get(username="sm_admin").is_superuser
    RuleSet.objects.create(
        award_type=director_award,
        name="Giấy khen: chỉ tiêu 2 hồ sơ mỗi đơn vị",
        valid_from=campaign.opens_on - datetime.timedelta(days=365),
        legal_reference="Thông tư 04/2024/TT-BCA",
        quota_kind=QuotaKind.ABSOLUTE,
        quota_value=Decimal(QUOTA),
    )
    council = [make_user(Role.COMMITTEE_MEMBER, None, username=f"sm_tv{i}") for i in range(27)]
    session = CommitteeSession.objects.create(
        campaign=campaign, held_on=campaign.opens_on, title="Phiên họp", created_by=users["admin"]
    )
    session.members.set(council)
    return World(
        units={"district": district, "commune": commune, "other_district": other_district},
        users=users,
        campaign=campaign,
        awards={"director": director_award, "ministry": ministry_award},
        session=session,
        council=council,
    )


def test_random_actions_by_every_role_keep_every_invariant(world):
    WorkflowMachine.world = world
    WorkflowMachine.NOMINATION_EDGES = _edges(Nomination)
    WorkflowMachine.DECISION_EDGES = _edges(Decision)
    run_state_machine_as_test(
        WorkflowMachine,
        settings=settings(
            max_examples=int(os.environ.get("SM_EXAMPLES", "8")),
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            # No shrinking: a failure prints its (longer) sequence at once instead of minutes later.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
        ),
    )
