"""Every django-fsm transition of every model, run through the one transition API, writes exactly
one audit row with the right source, target and actor. A transition added without a driver
here fails `test_every_declared_transition_is_driven`, so none escapes the audit."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import django_fsm
import pytest
from django.apps import apps
from django.db import models

from commendations.actions.registry import action_run, actions_of
from commendations.certificates import documents as certificates_documents
from commendations.certificates.models import Certificate, ReplacementRequest
from commendations.decisions.models import Decision
from commendations.documents import rendering as documents_rendering
from commendations.nominations.models import Nomination
from tests.certificate_fixtures import draft, issue, media  # noqa: F401
from tests.factories import NominationFactory
from tests.helpers import advance, session_with_votes
from tests.rule_fixtures import make_rule_set
from workflow.actors import SYSTEM
from workflow.models import TransitionLog
from workflow.selectors import transition_definitions
from workflow.services import transition_perform

pytestmark = pytest.mark.django_db


@dataclass
class Run:
    """What a driver prepared: the object in its source state and how to run the transition."""

    instance: models.Model
    actor: Any
    target: str
    comment: str = ""
    internal_ok: bool = False
    params: dict[str, Any] = field(default_factory=dict)
    # Run after the transition when the database's deferred invariants need a companion change
    # (an approved nomination's decision must be issued by the end of the transaction).
    after: Callable[[], Any] | None = None


def _fsm_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if any(isinstance(f, django_fsm.FSMFieldMixin) for f in model._meta.fields)
    ]


def _declared() -> set[tuple[str, str]]:
    return {
        (model.__name__, tr.name) for model in _fsm_models() for tr in transition_definitions(model)
    }


class World:
    """Lazily built objects for the drivers, from the shared fixtures."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.request = request

    def __getattr__(self, name: str) -> Any:
        return self.request.getfixturevalue(name)

    def nomination(self, to: str = "draft", **kwargs: Any) -> Nomination:
        nomination = NominationFactory(campaign=self.campaign, unit=self.district, **kwargs)
        return advance(
            nomination, to, officer=self.officer, member=self.member, secretary=self.secretary
        )

    def awaiting_consolidation(self) -> Nomination:
        self.by_district  # noqa: B018 - the campaign consolidates by districts
        nomination = NominationFactory(campaign=self.campaign, unit=self.commune)
        action_run(instance=nomination, name="submit", actor=self.commune_officer)
        assert nomination.state == "awaiting_consolidation"
        return nomination

    def certificate(self, to: str = "pending") -> Certificate:
        self.media  # noqa: B018
        issue(draft(self.director, [self.nomination("awaiting")]), self.director)
        certificate = Certificate.objects.get()
        steps = {
            "pending": [],
            "failed": ["fail"],
            "rendered": ["render_done"],
            "printed": ["render_done", "mark_printed"],
        }[to]
        for step in steps:
            run = DRIVERS[("Certificate", step)](self, certificate)
            transition_perform(instance=certificate, name=step, actor=run.actor, **run.params)
        return certificate


def _render_params(certificate: Certificate) -> dict[str, Any]:
    template = documents_rendering.template_current(
        certificates_documents.certificate_template_kind(certificate)
    )
    return {"template": template, "file_name": certificate.storage_name}


Driver = Callable[..., Run]


def _recommend(w: "World") -> Run:
    nomination = w.nomination("submitted")
    session = session_with_votes(nomination, secretary=w.secretary)
    return Run(nomination, w.secretary, "recommended", params={"session": session.pk})


def _recommend_simplified(w: "World") -> Run:
    make_rule_set(w.director_award, simplified_steps=["designated_review", "decision"])
    nomination = w.nomination("submitted", award_type=w.director_award, simplified_procedure=True)
    return Run(nomination, w.secretary, "recommended", comment="Đồng ý")


# (model, transition) → a driver. The certificate drivers may be called with the certificate
# already built (to chain steps).
DRIVERS: dict[tuple[str, str], Driver] = {
    ("Nomination", "submit"): lambda w: Run(w.nomination(), w.officer, "submitted"),
    ("Nomination", "consolidate"): lambda w: Run(
        w.awaiting_consolidation(), w.officer, "submitted"
    ),
    ("Nomination", "return_from_consolidation"): lambda w: Run(
        w.awaiting_consolidation(), w.officer, "returned", comment="Thiếu báo cáo"
    ),
    ("Nomination", "withdraw"): lambda w: Run(w.nomination(), w.officer, "withdrawn"),
    ("Nomination", "restore"): lambda w: _restore(w),
    ("Nomination", "return_for_changes"): lambda w: Run(
        w.nomination("submitted"), w.member, "returned", comment="Bổ sung"
    ),
    ("Nomination", "reject"): lambda w: Run(
        w.nomination("submitted"), w.member, "rejected", comment="Không đạt"
    ),
    ("Nomination", "recommend"): lambda w: _recommend(w),
    ("Nomination", "forward"): lambda w: Run(
        w.nomination("recommended"), w.secretary, "awaiting_director"
    ),
    ("Nomination", "recommend_simplified"): lambda w: _recommend_simplified(w),
    ("Nomination", "propose_to_authority"): lambda w: Run(
        w.nomination(award_type=w.director_award),
        w.secretary,
        "awaiting_director",
        internal_ok=True,
        params={"path": "long_service"},
    ),
    ("Nomination", "decline"): lambda w: Run(
        w.nomination("awaiting"), w.director, "declined", comment="Chưa đủ"
    ),
    ("Nomination", "approve"): lambda w: _approve(w),
    ("Decision", "issue"): lambda w: _issue(w),
    ("Certificate", "render_done"): lambda w, c=None: _render_done(c or w.certificate()),
    ("Certificate", "fail"): lambda w, c=None: Run(
        c or w.certificate(), SYSTEM, "failed", params={"error": "Mẫu hỏng"}
    ),
    ("Certificate", "retry"): lambda w: Run(w.certificate("failed"), w.clerk, "pending"),
    ("Certificate", "mark_printed"): lambda w, c=None: Run(
        c or w.certificate("rendered"), w.clerk, "printed"
    ),
    ("Certificate", "mark_presented"): lambda w: Run(
        w.certificate("printed"), w.clerk, "presented"
    ),
    ("Certificate", "revoke"): lambda w: Run(
        w.certificate(), w.director, "revoked", comment="Giả mạo", internal_ok=True
    ),
    ("Certificate", "replace"): lambda w: Run(
        w.certificate("rendered"),
        w.director,
        "replaced",
        internal_ok=True,
        params={"request_id": 1},
    ),
    ("ReplacementRequest", "approve"): lambda w: Run(
        _replacement(w), w.director, "approved", internal_ok=True
    ),
    ("ReplacementRequest", "refuse"): lambda w: Run(
        _replacement(w), w.director, "refused", comment="Không đủ căn cứ"
    ),
    ("RatingList", "submit"): lambda w: Run(_rating_list(w), w.officer, "submitted"),
    ("RatingList", "return_to_unit"): lambda w: Run(
        _rating_list(w, "submitted"), w.secretary, "draft", comment="Bổ sung biên bản"
    ),
    ("RatingList", "recommend"): lambda w: Run(
        _rating_list(w, "submitted"),
        w.secretary,
        "recommended",
        params={"votes_for": 7, "votes_against": 1},
    ),
    ("RatingList", "decide"): lambda w: Run(
        _rating_list(w, "recommended"),
        w.director,
        "decided",
        comment="Công nhận theo đề nghị của Hội đồng",  # else the decision's number and date
        params={
            "number": "9/QĐ-CAT-PV05",
            "date": "2026-01-10",
            "signer_name": "Nguyễn Văn Giám",
            "signer_title": "Giám đốc",
        },
    ),
}


def _rating_list(w: World, to: str = "draft"):
    """A unit's year-end list of two officers rated for Chiến sĩ tiên tiến, taken to `to`."""
    from tests.annual_titles.helpers import officers, rating_list, rows_add

    rl = rating_list(w.district)
    rows_add(rl, officers(w.district, 2), "CSTT")
    if to in ("submitted", "recommended"):
        action_run(instance=rl, name="submit", actor=w.officer)
    if to == "recommended":
        action_run(instance=rl, name="recommend", actor=w.secretary, votes_for=7, votes_against=1)
    rl.refresh_from_db()
    return rl


def _restore(w: World) -> Run:
    """Undo of a draft withdrawn a moment ago."""
    nomination = w.nomination()
    action_run(instance=nomination, name="withdraw", actor=w.officer)
    return Run(nomination, w.officer, "draft")


def _replacement(w: World) -> ReplacementRequest:
    return ReplacementRequest.objects.create(
        certificate=w.certificate("rendered"),
        applicant="Nguyễn Văn Hùng",
        kind="cap_lai",
        reason="Bị mất khi chuyển nhà",
        requested_by=w.clerk,
    )


def _render_done(certificate: Certificate) -> Run:
    return Run(certificate, SYSTEM, "rendered", params=_render_params(certificate))


def _approve(w: World) -> Run:
    nomination = w.nomination("awaiting")
    decision = draft(w.director, [nomination])

    def issue_decision() -> None:
        transition_perform(instance=decision, name="issue", actor=w.director, internal_ok=True)

    return Run(
        nomination,
        w.director,
        "approved",
        internal_ok=True,
        params={"decision": decision},
        after=issue_decision,
    )


def _issue(w: World) -> Run:
    """A draft decision whose only nomination was declined (so it left the list): issuing it
    alone keeps every invariant."""
    nomination = w.nomination("awaiting")
    decision = draft(w.director, [nomination])
    action_run(instance=nomination, name="decline", actor=w.director, comment="Chưa đủ")
    return Run(decision, w.director, "issued", internal_ok=True)


def test_every_declared_transition_is_driven() -> None:
    assert {Nomination.__name__, Decision.__name__, Certificate.__name__} <= {
        m.__name__ for m in _fsm_models()
    }
    assert _declared() == set(DRIVERS)


def _fire(*, instance, name: str, actor, comment: str, internal_ok: bool, **params) -> None:
    """Through the transition's registered action, as every screen fires it; the transitions
    only a service runs (a worker's render, a decision's issue) through the engine."""
    if name in actions_of(type(instance)):
        action_run(instance=instance, name=name, actor=actor, comment=comment, **params)
    else:
        transition_perform(
            instance=instance,
            name=name,
            actor=actor,
            comment=comment,
            internal_ok=internal_ok,
            **params,
        )


@pytest.mark.parametrize("key", sorted(DRIVERS), ids=lambda key: ".".join(key))
def test_the_transition_writes_exactly_one_audit_row(
    key: tuple[str, str], request: pytest.FixtureRequest
) -> None:
    run = DRIVERS[key](World(request))
    instance = run.instance
    source = instance.state
    before = set(TransitionLog.objects.for_object(instance).values_list("pk", flat=True))
    _fire(
        instance=instance,
        name=key[1],
        actor=run.actor,
        comment=run.comment,
        internal_ok=run.internal_ok,
        **run.params,
    )
    if run.after is not None:
        run.after()
    instance.refresh_from_db()
    assert instance.state == run.target
    rows = list(TransitionLog.objects.for_object(instance).exclude(pk__in=before))
    assert len(rows) == 1
    row = rows[0]
    assert (row.transition, row.source_state, row.target_state) == (key[1], source, run.target)
    if run.actor is SYSTEM:
        assert (row.actor, row.system) == (None, True)
    else:
        assert (row.actor, row.system) == (run.actor, False)
    assert row.comment == run.comment


def test_no_actor_is_refused(request: pytest.FixtureRequest) -> None:
    run = DRIVERS[("Nomination", "submit")](World(request))
    with pytest.raises(TypeError):
        action_run(instance=run.instance, name="submit", actor=None)
    assert not TransitionLog.objects.for_object(run.instance).exists()


def test_a_person_cannot_run_a_system_transition(request: pytest.FixtureRequest) -> None:
    from workflow.exceptions import TransitionPermissionDenied

    world = World(request)
    certificate = world.certificate()
    with pytest.raises(TransitionPermissionDenied):
        transition_perform(instance=certificate, name="fail", actor=world.clerk, error="tay")
