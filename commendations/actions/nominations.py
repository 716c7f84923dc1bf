"""Every change of a nomination's state, one function each, read top to bottom: who may (the
predicate declared on the model's `@transition`, checked by the engine and by `check_allowed`
here before any other work), the locks in their order (a quota's units, then the rows, each in
primary-key order), the checks, the state change (the django-fsm method, which runs no query of
its own), the audit row (through `workflow.services`), and the side effects: notifications
written with the change, their e-mails sent after commit.

The council's recommendation is in `actions.committee`; approval comes only with a decision
(`actions.decisions`).
"""

from collections.abc import Collection, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.actions.registry import register
from commendations.campaigns.models import Campaign
from commendations.eligibility.enforcement import (
    eligibility_refusals,
    enforce_at_submission,
    quota_locks_take,
)
from commendations.eligibility.selectors import simplified_rule_set
from commendations.nominations.consolidation import (
    can_consolidate,
    levels_remaining_after,
    next_consolidating_unit,
)
from commendations.nominations.imports.selectors import drafts_ready_to_submit, import_drafts
from commendations.nominations.models import Nomination, NominationImport, NominationState
from commendations.nominations.selectors import nominations_visible_to
from commendations.notifications.services import notifications_for_transitions
from workflow.exceptions import ConcurrentChange, RowTransitionError
from workflow.retry import conflict_safe
from workflow.selectors import transition_ready
from workflow.services import reload_locked, transition_perform, transition_perform_bulk

S = NominationState
# What the guards, the audit rows and the notifications read of a nomination: loaded with the
# lock so that the transition methods run no query.
RELATED = ("campaign", "unit", "award_type", "decision", "created_by")


def nominations_locked(ids: Collection[int]) -> list[Nomination]:
    """The rows, locked (SELECT … FOR UPDATE) in primary-key order, with what the transitions
    read. Callers that check a quota take `quota_locks_take` first (the one global order)."""
    return list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related(*RELATED)
        .filter(pk__in=list(ids))
        .order_by("pk")
    )


def transition_bulk(
    *,
    nominations: Sequence[Nomination],
    name: str,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    params_by_pk: dict[int, dict[str, Any]] | None = None,
    **params: Any,
) -> list[Nomination]:
    """Run one transition on locked rows with the engine's fixed number of queries; a row's
    refusal names the nominee. Then tell whoever must act next."""
    try:
        transition_perform_bulk(
            instances=nominations,
            name=name,
            actor=actor,
            comment=comment,
            expected_state=expected_state,
            lock=False,
            params_by_pk=params_by_pk,
            **params,
        )
    except RowTransitionError as exc:
        raise ValidationError(
            _("“%(name)s”: %(errors)s")
            % {"name": exc.instance.nominee_name, "errors": " ".join(exc.messages)}
        ) from exc
    notifications_for_transitions(nominations=nominations, actor=actor)
    return list(nominations)


def _single(
    nomination: Nomination,
    *,
    name: str,
    actor: Any,
    comment: str,
    expected_state: str | None,
    **params: Any,
) -> Nomination:
    """One nomination's transition (already locked and checked by the caller), then the
    notices."""
    transition_perform(
        instance=nomination,
        name=name,
        actor=actor,
        comment=comment,
        expected_state=expected_state,
        **params,
    )
    notifications_for_transitions(nominations=[nomination], actor=actor)
    return nomination


def _lock_one(
    nomination: Nomination,
    name: str,
    actor: Any,
    seen: str,
    comment: str,
    *,
    quota: bool = False,
) -> Nomination:
    """The quota's lock (the unit's row) first when the transition checks a quota, then the
    nomination's row, re-read; then the engine's rules in its order (the state the user saw, a
    required comment, the permission declared on the transition). The checks after this see
    what the transition will change."""
    if quota:
        quota_locks_take([nomination.unit_id])
    reload_locked(nomination)
    transition_ready(nomination, name=name, actor=actor, comment=comment, expected_state=seen)
    return nomination


def _without_checks(
    nomination: Nomination, name: str, actor: Any, comment: str, expected_state: str | None
) -> Nomination:
    """A transition with no check of its own beyond the engine's rules (withdraw, restore, the
    returns, reject, decline): lock, the rules, the change, the notices."""
    seen = state_seen(nomination, expected_state)
    _lock_one(nomination, name, actor, seen, comment)
    return _single(nomination, name=name, actor=actor, comment=comment, expected_state=seen)


def state_seen(nomination: Nomination, expected_state: str | None) -> str:
    return expected_state if expected_state is not None else nomination.state


def nominations_locked_checked(
    nominations: Sequence[Nomination],
    name: str,
    actor: Any,
    expected_state: str | None,
    comment: str = "",
) -> list[Nomination]:
    """Many rows locked in pk order (one query, with what the transitions read), each still in
    the state the user saw and allowed to this actor (no query per row). The caller's objects
    are brought up to date and returned, so what it holds shows the outcome."""
    seen = {n.pk: state_seen(n, expected_state) for n in nominations}
    fresh = {n.pk: n for n in nominations_locked(seen)}
    if len(fresh) != len(seen):
        raise ConcurrentChange(_("Có hồ sơ đã được người khác xử lý; hãy tải lại trang."))
    mine = sorted({n.pk: n for n in nominations}.values(), key=lambda n: n.pk)
    for nomination in mine:
        _adopt(nomination, fresh[nomination.pk])
        transition_ready(
            nomination, name=name, actor=actor, comment=comment, expected_state=seen[nomination.pk]
        )
    return mine


def _adopt(nomination: Nomination, fresh: Nomination) -> None:
    """Give the caller's object the locked row's values and loaded relations."""
    for field in Nomination._meta.concrete_fields:
        nomination.__dict__[field.attname] = fresh.__dict__[field.attname]
    nomination._state.fields_cache.update(fresh._state.fields_cache)
    nomination._update_initial_state()  # ConcurrentTransitionMixin compares against these


# --- the proposing unit ----------------------------------------------------------------------


def submission_refusals(nomination: Nomination) -> None:
    """Why the nomination cannot be submitted now (a ValidationError listing every reason): the
    campaign's window, the form, the rule set's conditions and the unit's quota."""
    submission_form_check(nomination)
    enforce_at_submission(nomination)


def submission_form_check(nomination: Nomination) -> None:
    """The campaign's window is open and the form is complete."""
    campaign = nomination.campaign
    if not campaign.is_open():
        raise ValidationError(
            _("Đợt “%(campaign)s” chỉ nhận hồ sơ từ %(opens)s đến %(closes)s.")
            % {
                "campaign": campaign.name,
                "opens": campaign.opens_on.strftime("%d/%m/%Y"),
                "closes": campaign.closes_on.strftime("%d/%m/%Y"),
            }
        )
    nomination.full_clean(
        exclude=["state", "decision", "created_by", "consolidated_through", "consolidation_heir"]
    )


@register(Nomination, "submit")
@conflict_safe
@transaction.atomic
def nomination_submit(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The unit sends its nomination on: to the consolidating unit when the campaign has
    levels, else to the committee."""
    seen = state_seen(nomination, expected_state)
    _lock_one(nomination, "submit", actor, seen, comment, quota=True)
    submission_refusals(nomination)
    return _single(
        nomination,
        name="submit",
        actor=actor,
        comment=comment,
        expected_state=seen,
        to_consolidation=next_consolidating_unit(nomination) is not None,
    )


@conflict_safe
@transaction.atomic
def nominations_submit(
    *, nominations: Sequence[Nomination], actor: Any, comment: str = ""
) -> list[Nomination]:
    """Submit many drafts at once (an Excel import's complete drafts): all or none, each checked
    as `nomination_submit` checks one."""
    if not nominations:
        raise ValidationError(_("Chưa chọn hồ sơ nào."))
    quota_locks_take(n.unit_id for n in nominations)
    locked = nominations_locked_checked(nominations, "submit", actor, S.DRAFT, comment)
    params_by_pk = {}
    for nomination in locked:
        try:
            submission_form_check(nomination)
        except ValidationError as exc:
            raise ValidationError(
                _("“%(name)s”: %(errors)s")
                % {"name": nomination.nominee_name, "errors": " ".join(exc.messages)}
            ) from exc
        params_by_pk[nomination.pk] = {
            "to_consolidation": next_consolidating_unit(nomination) is not None
        }
    refusals = eligibility_refusals(locked, stage="submission")
    for nomination in locked:
        if messages := refusals[nomination.pk]:
            raise ValidationError(
                _("“%(name)s”: %(errors)s")
                % {"name": nomination.nominee_name, "errors": " ".join(messages)}
            )
    return transition_bulk(
        nominations=locked,
        name="submit",
        actor=actor,
        comment=comment,
        expected_state=S.DRAFT,
        params_by_pk=params_by_pk,
    )


@transaction.atomic
def nomination_import_submit(*, job: NominationImport, actor: Any, comment: str = "") -> int:
    """Submit every complete draft of an Excel import in one go; incomplete drafts stay drafts.
    Returns how many were submitted."""
    ready = drafts_ready_to_submit(import_drafts(job), actor)
    if not ready:
        raise ValidationError(
            _("Chưa có hồ sơ nào đủ điều kiện gửi: hãy bổ sung tài liệu cho từng hồ sơ trước.")
        )
    return len(nominations_submit(nominations=ready, actor=actor, comment=comment))


@register(Nomination, "withdraw")
@conflict_safe
@transaction.atomic
def nomination_withdraw(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The unit withdraws it (draft, returned or submitted): it may be restored for a few
    minutes (UNDO_MINUTES), so it runs at once, with no confirmation page."""
    return _without_checks(nomination, "withdraw", actor, comment, expected_state)


@register(Nomination, "restore")
@conflict_safe
@transaction.atomic
def nomination_restore(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """Undo a withdrawal made by mistake, within the undo window. Back to the committee, it is
    checked as a submission is (the campaign's window, the unit's quota under its lock): the
    quota it freed may have been taken meanwhile."""
    seen = state_seen(nomination, expected_state)
    _lock_one(nomination, "restore", actor, seen, comment, quota=True)
    if nomination.withdrawn_from == S.SUBMITTED:
        submission_refusals(nomination)
    return _single(nomination, name="restore", actor=actor, comment=comment, expected_state=seen)


# --- consolidation through the levels of the unit tree ----------------------------------------


@register(Nomination, "consolidate")
@conflict_safe
@transaction.atomic
def nomination_consolidate(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The consolidating unit whose turn it is forwards it to the next level or the committee."""
    seen = state_seen(nomination, expected_state)
    _lock_one(nomination, "consolidate", actor, seen, comment)
    unit = next_consolidating_unit(nomination)
    return _single(
        nomination,
        name="consolidate",
        actor=actor,
        comment=comment,
        expected_state=seen,
        unit=unit,
        levels_remain=bool(levels_remaining_after(nomination, unit)),
    )


@conflict_safe
@transaction.atomic
def nominations_consolidate(
    *,
    campaign: Campaign,
    actor: Any,
    comment: str = "",
    ids: Collection[int] | None = None,
) -> int:
    """Consolidate the nominations of the campaign waiting for the actor's unit — all of them,
    or only `ids` (then every one must be waiting for this unit: all or none). Returns how many
    were forwarded."""
    waiting = nominations_visible_to(actor).filter(
        campaign=campaign, state=S.AWAITING_CONSOLIDATION
    )
    if ids is not None:
        ids = set(ids)
        if not ids:
            raise ValidationError(_("Chưa chọn hồ sơ nào."))
        waiting = waiting.filter(pk__in=ids)
    locked = nominations_locked(waiting.values_list("pk", flat=True))
    if ids is not None and {n.pk for n in locked} != ids:
        raise ValidationError(_("Có hồ sơ đã được người khác xử lý; hãy tải lại trang."))
    count = 0
    for nomination in locked:
        if not can_consolidate(nomination, actor):
            if ids is not None:
                raise ValidationError(
                    _("“%(name)s” không chờ đơn vị của đồng chí tổng hợp.")
                    % {"name": nomination.nominee_name}
                )
            continue
        nomination_consolidate(
            nomination=nomination,
            actor=actor,
            comment=comment,
            expected_state=S.AWAITING_CONSOLIDATION,
        )
        count += 1
    return count


@register(Nomination, "return_from_consolidation")
@conflict_safe
@transaction.atomic
def nomination_return_from_consolidation(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The consolidating unit sends it back to the proposing unit, with the reason."""
    return _without_checks(nomination, "return_from_consolidation", actor, comment, expected_state)


# --- the committee's review (the recommendation is in actions.committee) ----------------------


@register(Nomination, "return_for_changes")
@conflict_safe
@transaction.atomic
def nomination_return_for_changes(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The committee returns it to the unit for changes, with the reason."""
    return _without_checks(nomination, "return_for_changes", actor, comment, expected_state)


@register(Nomination, "reject")
@conflict_safe
@transaction.atomic
def nomination_reject(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The committee does not recommend it (final for this campaign)."""
    return _without_checks(nomination, "reject", actor, comment, expected_state)


# --- to the deciding authority ------------------------------------------------------------------


@register(Nomination, "recommend_simplified")
@conflict_safe
@transaction.atomic
def nomination_recommend_simplified(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The simplified procedure's path: recommended without a council session, when the rule
    set in force on the feat's date (or the campaign's opening, without one) lists no session
    among its simplified steps (dated data, not a condition of a screen)."""
    seen = state_seen(nomination, expected_state)
    _lock_one(nomination, "recommend_simplified", actor, seen, comment)
    rule_set = simplified_rule_set(nomination)
    if rule_set is None or not rule_set.simplified_without_session:
        raise ValidationError(
            _(
                "Bộ quy tắc của hình thức này không quy định thủ tục đơn giản không họp Hội "
                "đồng: hồ sơ được xét tại phiên họp Hội đồng."
            )
        )
    return _single(
        nomination,
        name="recommend_simplified",
        actor=actor,
        comment=comment,
        expected_state=seen,
        steps=rule_set.simplified_steps,
    )


@register(Nomination, "forward")
@conflict_safe
@transaction.atomic
def nomination_forward(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The secretary forwards a recommended nomination to its award type's authority."""
    return nominations_forward(
        nominations=[nomination],
        actor=actor,
        comment=comment,
        expected_state=state_seen(nomination, expected_state),
    )[0]


@conflict_safe
@transaction.atomic
def nominations_forward(
    *,
    nominations: Sequence[Nomination],
    actor: Any,
    comment: str = "",
    expected_state: str | None = S.RECOMMENDED,
) -> list[Nomination]:
    """Forward many recommended nominations at once (all or none), in a fixed number of
    queries whatever their number: the routing reads the award type loaded with the lock."""
    if not nominations:
        raise ValidationError(_("Chưa chọn hồ sơ nào."))
    locked = nominations_locked_checked(nominations, "forward", actor, expected_state, comment)
    return transition_bulk(nominations=locked, name="forward", actor=actor, comment=comment)


@register(Nomination, "decline")
@conflict_safe
@transaction.atomic
def nomination_decline(
    *, nomination: Nomination, actor: Any, comment: str = "", expected_state: str | None = None
) -> Nomination:
    """The authority declines it (final); it leaves the draft decision it was listed in."""
    return _without_checks(nomination, "decline", actor, comment, expected_state)
