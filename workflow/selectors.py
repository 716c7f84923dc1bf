"""Reads of the workflow engine: what a user may do to an object now, the transitions a model
declares, an object's history. Nothing here writes; `workflow.services` does."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import django_fsm
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from workflow.actors import actor_require
from workflow.exceptions import (
    ConcurrentChange,
    TransitionNotAllowed,
    TransitionPermissionDenied,
)
from workflow.models import AuditEvent, TransitionLog

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class AvailableTransition:
    name: str
    label: str
    comment_required: bool
    style: str
    form: str
    # The consequence named on the confirmation page of an action that cannot be undone ("" =
    # no confirmation); from the states in `undoable_from` the action is offered an Undo instead.
    confirm: str = ""
    undoable_from: tuple[str, ...] = ()

    def needs_confirmation(self, state: str) -> bool:
        return bool(self.confirm) and state not in self.undoable_from


def state_field(instance: models.Model, name: str | None = None) -> django_fsm.FSMFieldMixin:
    """The FSM field transition `name` moves (a model may have more than one: a decision's
    state and its signature); without `name`, the model's first."""
    meta = getattr(getattr(type(instance), name, None), "_django_fsm", None) if name else None
    if meta is not None and isinstance(meta.field, django_fsm.FSMFieldMixin):
        return meta.field
    for field in instance._meta.fields:
        if isinstance(field, django_fsm.FSMFieldMixin):
            return field
    raise TypeError(f"{type(instance).__name__} has no FSM field")


def transition_meta(instance: models.Model, name: str) -> django_fsm.Transition | None:
    method = getattr(type(instance), name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        return None
    return meta.get_transition(state_field(instance, name).get_state(instance))


def transition_check(
    instance: models.Model, name: str, actor: Any, *, internal_ok: bool = False
) -> Any:
    """Raise unless `actor` may run transition `name` on `instance` now; return the bound method.

    Transitions marked `internal` (approving through a decision) are refused unless the caller is
    the service that owns them and says so with `internal_ok`."""
    actor_require(actor)
    method = getattr(instance, name, None)
    if method is None or not hasattr(method, "_django_fsm"):
        raise TransitionNotAllowed(_("Không có thao tác “%(name)s”.") % {"name": name})
    meta = transition_meta(instance, name)
    if meta is not None and meta.custom.get("internal") and not internal_ok:
        raise TransitionNotAllowed(
            _("Thao tác “%(name)s” chỉ được thực hiện qua nghiệp vụ riêng.") % {"name": name}
        )
    if not django_fsm.can_proceed(method):
        field = state_field(instance, name)
        display = getattr(instance, f"get_{field.name}_display", None)
        raise TransitionNotAllowed(
            _("Không thể thực hiện “%(label)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {
                "label": transition_label(type(instance), name),
                "state": display() if display else field.get_state(instance),
            }
        )
    if not django_fsm.has_transition_perm(method, actor):
        raise TransitionPermissionDenied(
            _("Bạn không có quyền thực hiện “%(label)s” với hồ sơ này.")
            % {"label": transition_label(type(instance), name)}
        )
    return method


def transition_ready(
    instance: models.Model,
    *,
    name: str,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    internal_ok: bool = False,
) -> Any:
    """Every rule a transition obeys before its own checks, in this order: the row (locked and
    re-read by the caller) is still in the state the user saw, a required comment is given, the
    transition exists here and its permission allows the actor. Returns the bound method."""
    if expected_state is not None and state_field(instance, name).get_state(instance) != (
        expected_state
    ):
        raise ConcurrentChange(_("Hồ sơ vừa được người khác thay đổi; hãy tải lại trang."))
    meta = transition_meta(instance, name)
    if meta is not None and meta.custom.get("comment_required") and not (comment or "").strip():
        raise ValidationError(
            {
                "comment": _("Cần ghi rõ lý do / ý kiến khi %(label)s.")
                % {"label": str(meta.custom.get("label", name)).lower()}
            }
        )
    return transition_check(instance, name, actor, internal_ok=internal_ok)


def transition_refusals(
    *, instances: Iterable[models.Model], name: str, actor: Any, internal_ok: bool = False
) -> dict[Any, str]:
    """Why each of `instances` would be refused `name` now (pk → message), without running
    anything: for screens that list every problem of a selection at once."""
    actor_require(actor)
    refusals = {}
    for obj in instances:
        try:
            transition_check(obj, name, actor, internal_ok=internal_ok)
        except (TransitionNotAllowed, TransitionPermissionDenied) as exc:
            refusals[obj.pk] = str(exc)
    return refusals


def transition_definitions(model: type[models.Model]) -> list[django_fsm.Transition]:
    """Every (source, target) edge declared on a model, for diagrams and checks."""
    field = next(f for f in model._meta.fields if isinstance(f, django_fsm.FSMFieldMixin))
    return list(field.get_all_transitions(model))


def available_transitions(instance: models.Model, user: User) -> list[AvailableTransition]:
    """What this user may do to this object now: asked from the state machine, never hard-coded."""
    field = state_field(instance)
    result = []
    for tr in django_fsm.get_available_user_FIELD_transitions(instance, user, field):
        if tr.custom.get("internal"):
            continue
        result.append(
            AvailableTransition(
                name=tr.name,
                label=str(tr.custom.get("label", tr.name)),
                comment_required=bool(tr.custom.get("comment_required")),
                style=str(tr.custom.get("style", "primary")),
                form=str(tr.custom.get("form", "comment")),
                confirm=str(tr.custom.get("confirm", "")),
                undoable_from=tuple(str(s) for s in tr.custom.get("undoable_from", ())),
            )
        )
    return result


def transition_permission(model: type[models.Model], name: str) -> Any:
    """The permission predicate `(instance, user) -> bool` declared on the model's
    `@transition` — the one declaration of who may fire it."""
    meta = getattr(getattr(model, name, None), "_django_fsm", None)
    if meta is None:
        raise LookupError(f"{model.__name__} has no transition {name}")
    for tr in meta.transitions.values():
        return tr.has_perm
    raise LookupError(f"{model.__name__}.{name} has no edge")


def transition_label(model: type[models.Model], name: str) -> str:
    method = getattr(model, name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        return name
    for tr in meta.transitions.values():
        return str(tr.custom.get("label", name))
    return name


@dataclass
class HistoryEntry:
    """One line of an object's history: a transition, or an event (same source and target: the
    state did not change). Shaped like a TransitionLog so templates and serializers read both."""

    at: Any
    transition: str
    source_state: str
    target_state: str
    actor: Any
    actor_id: int | None
    system: bool
    comment: str
    data: dict
    is_event: bool = False


def history(instance: models.Model) -> list[HistoryEntry]:
    """Transitions and events of one object, merged by time (two queries): what users saw
    before events had their own table still shows, in the same order."""
    entries = [
        HistoryEntry(
            at=log.at,
            transition=log.transition,
            source_state=log.source_state,
            target_state=log.target_state,
            actor=log.actor,
            actor_id=log.actor_id,
            system=log.system,
            comment=log.comment,
            data=log.data,
        )
        for log in TransitionLog.objects.for_object(instance).select_related("actor")
    ]
    for event in AuditEvent.objects.for_object(instance).select_related("actor"):
        entries.append(
            HistoryEntry(
                at=event.at,
                transition=event.kind,
                source_state="",
                target_state="",
                actor=event.actor,
                actor_id=event.actor_id,
                system=event.system,
                comment=event.comment,
                data=event.data,
                is_event=True,
            )
        )
    entries.sort(key=lambda e: e.at)  # stable: same-time rows keep their insertion order
    return entries
