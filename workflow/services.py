"""The one way any state changes: `transition_perform` and its bulk twin
`transition_perform_bulk`. Web views, the API, the admin, the management commands and every
bulk operation call them, so the permission check, the audit row and the protection against two
people acting at once live in one place. Actions that change no state are `audit_event_record`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import django_fsm
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.actors import actor_require, is_system
from workflow.exceptions import (
    ConcurrentChange,
    RowTransitionError,
    TransitionNotAllowed,
    TransitionPermissionDenied,
)
from workflow.models import AuditEvent, TransitionLog
from workflow.retry import conflict_safe

User = AbstractBaseUser | AnonymousUser
CREATE = "create"  # the audit name of an object's entry into its state machine


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


def _state_field(instance: models.Model, name: str | None = None) -> django_fsm.FSMFieldMixin:
    """The FSM field transition `name` moves (a model may have more than one: a decision's
    state and its signature); without `name`, the model's first."""
    meta = getattr(getattr(type(instance), name, None), "_django_fsm", None) if name else None
    if meta is not None and isinstance(meta.field, django_fsm.FSMFieldMixin):
        return meta.field
    for field in instance._meta.fields:
        if isinstance(field, django_fsm.FSMFieldMixin):
            return field
    raise TypeError(f"{type(instance).__name__} has no FSM field")


def _transition_meta(instance: models.Model, name: str) -> django_fsm.Transition | None:
    method = getattr(type(instance), name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        return None
    return meta.get_transition(_state_field(instance, name).get_state(instance))


def transition_definitions(model: type[models.Model]) -> list[django_fsm.Transition]:
    """Every (source, target) edge declared on a model, for diagrams and checks."""
    field = next(f for f in model._meta.fields if isinstance(f, django_fsm.FSMFieldMixin))
    return list(field.get_all_transitions(model))


def available_transitions(instance: models.Model, user: User) -> list[AvailableTransition]:
    """What this user may do to this object now: asked from the state machine, never hard-coded."""
    field = _state_field(instance)
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


def transition_label(model: type[models.Model], name: str) -> str:
    method = getattr(model, name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        return name
    for tr in meta.transitions.values():
        return str(tr.custom.get("label", name))
    return name


def _actor_columns(actor: Any) -> dict[str, Any]:
    """The system is recorded as no user and `system=True`; a person by their user row."""
    if is_system(actor):
        return {"actor": None, "system": True}
    return {"actor": actor if getattr(actor, "is_authenticated", False) else None, "system": False}


def creation_record_bulk(
    *,
    instances: Sequence[models.Model],
    actor: Any,
    comment: str = "",
    data: dict | None = None,
) -> list[TransitionLog]:
    """The birth of workflow objects in their initial state (certificates numbered by a
    decision), audited as transition `create` from no state, with one INSERT."""
    actor_require(actor)
    if not instances:
        return []
    content_type = ContentType.objects.get_for_model(instances[0])
    field = _state_field(instances[0])
    who = _actor_columns(actor)
    rows = [
        TransitionLog(
            content_type=content_type,
            object_id=obj.pk,
            transition=CREATE,
            source_state="",
            target_state=field.get_state(obj),
            comment=comment,
            data=data or {},
            **who,
        )
        for obj in instances
    ]
    return TransitionLog.objects.bulk_create(rows, batch_size=500)


def audit_event_record(
    *, kind: str, subject: models.Model, actor: Any, comment: str = "", data: dict | None = None
) -> AuditEvent:
    """Record an action that changes no state, in the caller's transaction. `kind` comes from
    the owning app's enum so nothing downstream has to recognise free text."""
    actor_require(actor)
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        kind=str(kind),
        comment=comment,
        data=data or {},
        **_actor_columns(actor),
    )


def _transition_check(
    instance: models.Model, name: str, actor: Any, *, internal_ok: bool = False
) -> Any:
    """Raise unless `actor` may run transition `name` on `instance` now; return the bound method.

    Transitions marked `internal` (approving through a decision) are refused unless the caller is
    the service that owns them and says so with `internal_ok`."""
    method = getattr(instance, name, None)
    if method is None or not hasattr(method, "_django_fsm"):
        raise TransitionNotAllowed(_("Không có thao tác “%(name)s”.") % {"name": name})
    meta = _transition_meta(instance, name)
    if meta is not None and meta.custom.get("internal") and not internal_ok:
        raise TransitionNotAllowed(
            _("Thao tác “%(name)s” chỉ được thực hiện qua nghiệp vụ riêng.") % {"name": name}
        )
    if not django_fsm.can_proceed(method):
        field = _state_field(instance, name)
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


def transition_refusals(
    *, instances: Iterable[models.Model], name: str, actor: Any, internal_ok: bool = False
) -> dict[Any, str]:
    """Why each of `instances` would be refused `name` now (pk → message), without running
    anything: for screens that list every problem of a selection at once."""
    actor_require(actor)
    refusals = {}
    for obj in instances:
        try:
            _transition_check(obj, name, actor, internal_ok=internal_ok)
        except (TransitionNotAllowed, TransitionPermissionDenied) as exc:
            refusals[obj.pk] = str(exc)
    return refusals


@dataclass
class _Done:
    """What the per-row core hands back to the writer: never stored on the instance."""

    source: str
    audit: dict[str, Any]
    changed: set[str]


def _transition_run(
    instance: models.Model,
    *,
    name: str,
    actor: Any,
    comment: str,
    expected_state: str | None,
    internal_ok: bool,
    params: dict[str, Any],
) -> _Done:
    """The rules every transition obeys, single or bulk: the row must still be in the state the
    user saw, a required comment must be given, the guard and the permission must allow it.
    The transition method then changes the instance in memory and fills `audit`, the details
    for its audit row (a RETURN_VALUE transition's return value is its target state, so the
    details cannot travel that way)."""
    field = _state_field(instance, name)
    source = field.get_state(instance)
    if expected_state is not None and source != expected_state:
        raise ConcurrentChange(_("Hồ sơ vừa được người khác thay đổi; hãy tải lại trang."))
    meta = _transition_meta(instance, name)
    if meta is not None and meta.custom.get("comment_required") and not comment:
        raise ValidationError(
            {
                "comment": _("Cần ghi rõ lý do / ý kiến khi %(label)s.")
                % {"label": str(meta.custom.get("label", name)).lower()}
            }
        )
    method = _transition_check(instance, name, actor, internal_ok=internal_ok)
    fields = [f for f in instance._meta.concrete_fields if not f.primary_key]
    before = {f.attname: f.value_from_object(instance) for f in fields}
    audit: dict[str, Any] = {}
    method(actor=actor, comment=comment, audit=audit, **params)
    # Write only what the transition changed, so a stale copy never overwrites other fields.
    changed = {
        f.attname
        for f in fields
        if f.value_from_object(instance) != before[f.attname] or getattr(f, "auto_now", False)
    } | {field.attname}
    return _Done(source=source, audit=audit, changed=changed)


def _log_row(
    instance: models.Model,
    content_type: ContentType,
    *,
    name: str,
    done: _Done,
    actor: Any,
    comment: str,
) -> TransitionLog:
    return TransitionLog(
        content_type=content_type,
        object_id=instance.pk,
        transition=name,
        source_state=done.source,
        target_state=_state_field(instance, name).get_state(instance),
        comment=comment,
        data=done.audit,
        **_actor_columns(actor),
    )


def reload_locked(instance: models.Model) -> None:
    """Lock the row (SELECT … FOR UPDATE) and load its current values into `instance`.

    Not django-fsm's refresh_from_db: that one lifts the protection of the state field on the
    model class for a moment, which races with other threads of the same process."""
    _reload_locked_bulk([instance])


def _reload_locked_bulk(instances: Sequence[models.Model]) -> None:
    """One SELECT … FOR UPDATE in pk order (so two bulk writers never deadlock), the current
    values copied into the caller's instances (keeping their cached relations)."""
    model = type(instances[0])
    fresh = {
        obj.pk: obj
        for obj in model._default_manager.select_for_update()
        .filter(pk__in=[i.pk for i in instances])
        .order_by("pk")
    }
    for instance in instances:
        row = fresh.get(instance.pk)
        if row is None:
            raise model.DoesNotExist(f"{model.__name__} {instance.pk} no longer exists")
        for f in instance._meta.concrete_fields:
            value = row.__dict__[f.attname]
            if f.is_relation and instance.__dict__.get(f.attname) != value:
                instance._state.fields_cache.pop(f.name, None)
            instance.__dict__[f.attname] = value
        if hasattr(instance, "_update_initial_state"):
            instance._update_initial_state()  # ConcurrentTransitionMixin compares against these


def _locks_first(model: type[models.Model], instances: Sequence[models.Model], name: str) -> None:
    """The locks a transition's guard will take besides the rows (a quota's, say), taken before
    the rows so every writer locks in one global order: the model's `workflow_locks_first`
    hook (those locks in primary-key order), then the rows in primary-key order."""
    hook = getattr(model, "workflow_locks_first", None)
    if hook is not None:
        hook(instances, name)


@conflict_safe
@transaction.atomic
def transition_perform(
    *,
    instance: models.Model,
    name: str,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    internal_ok: bool = False,
    **params: Any,
) -> models.Model:
    """Run one transition: permission check, the state change, the save guarded against
    concurrent writers, and the audit row — all in one database transaction.

    `expected_state` is the state the user saw; if the object has moved since, nothing happens
    and ConcurrentChange is raised. The system acts as `workflow.actors.SYSTEM`; `actor=None`
    is refused. `internal_ok` is for the one service that owns an `internal` transition.
    """
    actor_require(actor)
    field = _state_field(instance, name)
    seen = expected_state if expected_state is not None else field.get_state(instance)
    _locks_first(type(instance), [instance], name)
    # Lock the row and work on its current values: a second writer waits here, then finds the
    # state moved and stops with ConcurrentChange instead of acting on what it saw before.
    reload_locked(instance)
    comment = (comment or "").strip()
    done = _transition_run(
        instance,
        name=name,
        actor=actor,
        comment=comment,
        expected_state=seen,
        internal_ok=internal_ok,
        params=params,
    )
    try:
        with transaction.atomic():
            instance.save(update_fields=sorted(done.changed))
    except django_fsm.ConcurrentTransition as exc:
        raise ConcurrentChange(
            _("Hồ sơ vừa được người khác thay đổi; hãy tải lại trang và thử lại.")
        ) from exc
    content_type = ContentType.objects.get_for_model(instance)
    _log_row(instance, content_type, name=name, done=done, actor=actor, comment=comment).save(
        force_insert=True
    )
    return instance


@conflict_safe
@transaction.atomic
def transition_perform_bulk(
    *,
    instances: Sequence[models.Model],
    name: str,
    actor: Any,
    comment: str = "",
    params_by_pk: dict[Any, dict[str, Any]] | None = None,
    expected_state: str | None = None,
    lock: bool = True,
    internal_ok: bool = False,
    **params: Any,
) -> list[TransitionLog]:
    """The same transition, under the same rules as `transition_perform`, on many rows of one
    model with a fixed number of queries: the rows are locked in pk order (unless the caller
    says `lock=False` because it holds them locked already), each runs the per-row core in
    memory, then one UPDATE writes the changed fields and one INSERT the audit rows — all or
    none. `params` go to every row, `params_by_pk` to one row each (they win over `params`).

    A ValidationError from one row's transition method is raised as RowTransitionError (a
    ValidationError that also names the row); state, permission and concurrency refusals are
    raised as they are by `transition_perform`."""
    actor_require(actor)
    instances = sorted(instances, key=lambda obj: obj.pk)
    if not instances:
        return []
    model = type(instances[0])
    field = _state_field(instances[0], name)
    # As in transition_perform: without `expected_state`, the state each row had when the
    # caller read it is the one expected after the lock.
    seen = {obj.pk: expected_state or field.get_state(obj) for obj in instances}
    if lock:
        _locks_first(model, instances, name)
        _reload_locked_bulk(instances)
    comment = (comment or "").strip()
    done: list[_Done] = []
    for obj in instances:
        row_params = {**params, **(params_by_pk or {}).get(obj.pk, {})}
        try:
            done.append(
                _transition_run(
                    obj,
                    name=name,
                    actor=actor,
                    comment=comment,
                    expected_state=seen[obj.pk],
                    internal_ok=internal_ok,
                    params=row_params,
                )
            )
        except ValidationError as exc:
            raise RowTransitionError(obj, exc) from exc
    _bulk_save(model, instances, set().union(*(d.changed for d in done)))
    content_type = ContentType.objects.get_for_model(model)
    return TransitionLog.objects.bulk_create(
        [
            _log_row(obj, content_type, name=name, done=d, actor=actor, comment=comment)
            for obj, d in zip(instances, done, strict=True)
        ],
        batch_size=500,
    )


def _bulk_save(model: type[models.Model], instances: Sequence[models.Model], attnames: set) -> None:
    """One UPDATE. When every row got the same values (issuing a decision) a plain UPDATE …
    WHERE pk IN; otherwise bulk_update's per-row CASE. auto_now fields get one shared time."""
    fields = [f for f in model._meta.concrete_fields if f.attname in attnames]
    now = timezone.now()
    for f in fields:
        if getattr(f, "auto_now", False):
            for obj in instances:
                setattr(obj, f.attname, now)
    values = {f.attname: f.value_from_object(instances[0]) for f in fields}
    uniform = all(
        f.value_from_object(obj) == values[f.attname] for obj in instances[1:] for f in fields
    )
    if uniform:
        model._default_manager.filter(pk__in=[obj.pk for obj in instances]).update(
            **{f.name: getattr(instances[0], f.attname) for f in fields}
        )
    else:
        model._default_manager.bulk_update(instances, [f.name for f in fields], batch_size=500)
    for obj in instances:
        if hasattr(obj, "_update_initial_state"):
            obj._update_initial_state()


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
