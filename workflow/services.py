"""The engine's writes: `transition_perform` and its bulk twin `transition_perform_bulk` run one
transition under the same rules everywhere (the row locked and re-read, the state the user saw,
a required comment, the guard, the permission, only the changed fields written, one audit row).
The actions (`commendations/actions/`) call them; nothing else writes a state column or an audit
row. Actions that change no state are `audit_event_record`. Reads are in `workflow.selectors`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import django_fsm
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.actors import actor_require, is_system
from workflow.exceptions import ConcurrentChange, RowTransitionError
from workflow.models import AuditEvent, TransitionLog
from workflow.retry import conflict_safe
from workflow.selectors import state_field, transition_ready

CREATE = "create"  # the audit name of an object's entry into its state machine


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
    field = state_field(instances[0])
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


def audit_events_record_bulk(
    *,
    kind: str,
    subjects: Sequence[models.Model],
    actor: Any,
    comment: str = "",
    data_of: Callable[[Any], dict] | None = None,
) -> list[AuditEvent]:
    """`audit_event_record` for many subjects of one model (the lines of an import), with one
    INSERT: `data_of(subject)` gives each row's data."""
    actor_require(actor)
    if not subjects:
        return []
    content_type = ContentType.objects.get_for_model(subjects[0])
    who = _actor_columns(actor)
    rows = [
        AuditEvent(
            content_type=content_type,
            object_id=subject.pk,
            kind=str(kind),
            comment=comment,
            data=data_of(subject) if data_of else {},
            **who,
        )
        for subject in subjects
    ]
    return AuditEvent.objects.bulk_create(rows, batch_size=500)


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
    field = state_field(instance, name)
    source = field.get_state(instance)
    method = transition_ready(
        instance,
        name=name,
        actor=actor,
        comment=comment,
        expected_state=expected_state,
        internal_ok=internal_ok,
    )
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
        target_state=state_field(instance, name).get_state(instance),
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
    field = state_field(instance, name)
    seen = expected_state if expected_state is not None else field.get_state(instance)
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
    field = state_field(instances[0], name)
    # As in transition_perform: without `expected_state`, the state each row had when the
    # caller read it is the one expected after the lock.
    seen = {obj.pk: expected_state or field.get_state(obj) for obj in instances}
    if lock:
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
