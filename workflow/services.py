"""The one way any state changes: `transition_perform`. Web views, the API, the admin and the
management commands all call it, so the permission check, the audit row and the protection
against two people acting at once live in one place."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import django_fsm
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .exceptions import ConcurrentChange, TransitionNotAllowed, TransitionPermissionDenied
from .models import TransitionLog

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class AvailableTransition:
    name: str
    label: str
    comment_required: bool
    style: str
    form: str


def _state_field(instance: models.Model) -> django_fsm.FSMFieldMixin:
    for field in instance._meta.fields:
        if isinstance(field, django_fsm.FSMFieldMixin):
            return field
    raise TypeError(f"{type(instance).__name__} has no FSM field")


def _transition_meta(instance: models.Model, name: str) -> django_fsm.Transition | None:
    method = getattr(type(instance), name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        return None
    return meta.get_transition(_state_field(instance).get_state(instance))


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


def log_transition(
    *,
    instance: models.Model,
    name: str,
    source: str,
    target: str,
    actor: Any,
    comment: str = "",
    data: dict | None = None,
) -> TransitionLog:
    return TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        transition=name,
        source_state=source,
        target_state=target,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment,
        data=data or {},
    )


def log_transitions_bulk(
    *,
    instances: Sequence[models.Model],
    name: str,
    source_by_pk: dict[int, str],
    actor: Any,
    comment: str = "",
    data: dict | None = None,
    data_by_pk: dict[int, dict] | None = None,
) -> list[TransitionLog]:
    """One INSERT for many audit rows (a 500-nomination decision writes them in bulk).
    `data_by_pk` gives rows their own details; otherwise every row gets `data`."""
    if not instances:
        return []
    content_type = ContentType.objects.get_for_model(instances[0])
    field = _state_field(instances[0])
    actor_or_none = actor if getattr(actor, "is_authenticated", False) else None
    rows = [
        TransitionLog(
            content_type=content_type,
            object_id=obj.pk,
            transition=name,
            source_state=source_by_pk[obj.pk],
            target_state=field.get_state(obj),
            actor=actor_or_none,
            comment=comment,
            data=(data_by_pk or {}).get(obj.pk, data) or {},
        )
        for obj in instances
    ]
    return TransitionLog.objects.bulk_create(rows, batch_size=500)


def check_transition(
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
        raise TransitionNotAllowed(
            _("Không thể thực hiện “%(label)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {
                "label": transition_label(type(instance), name),
                "state": instance.get_state_display()
                if hasattr(instance, "get_state_display")
                else _state_field(instance).get_state(instance),
            }
        )
    if actor is not None and not django_fsm.has_transition_perm(method, actor):
        raise TransitionPermissionDenied(
            _("Bạn không có quyền thực hiện “%(label)s” với hồ sơ này.")
            % {"label": transition_label(type(instance), name)}
        )
    return method


def transition_perform_locked_bulk(
    *,
    instances: Sequence[models.Model],
    name: str,
    actor: Any,
    comment: str = "",
    data: dict | None = None,
    internal_ok: bool = False,
    fields: Sequence[str] = ("state",),
) -> list[TransitionLog]:
    """Run one transition on many rows the caller has already locked (SELECT … FOR UPDATE in
    its transaction): each is permission-checked and changed by its django-fsm method in
    memory, then saved with one bulk UPDATE of `fields` and audited with one INSERT."""
    if not instances:
        return []
    field = _state_field(instances[0])
    source_by_pk = {obj.pk: field.get_state(obj) for obj in instances}
    for obj in instances:
        check_transition(obj, name, actor, internal_ok=internal_ok)(actor=actor, comment=comment)
    type(instances[0])._default_manager.bulk_update(instances, list(fields), batch_size=500)
    return log_transitions_bulk(
        instances=instances,
        name=name,
        source_by_pk=source_by_pk,
        actor=actor,
        comment=comment,
        data=data,
    )


def reload_locked(instance: models.Model) -> None:
    """Lock the row (SELECT … FOR UPDATE) and load its current values into `instance`.

    Not django-fsm's refresh_from_db: that one lifts the protection of the state field on the
    model class for a moment, which races with other threads of the same process."""
    fresh = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    for f in instance._meta.concrete_fields:
        value = fresh.__dict__[f.attname]
        if f.is_relation and instance.__dict__.get(f.attname) != value:
            instance._state.fields_cache.pop(f.name, None)
        instance.__dict__[f.attname] = value
    if hasattr(instance, "_update_initial_state"):
        instance._update_initial_state()  # ConcurrentTransitionMixin compares against these


@transaction.atomic
def transition_perform(
    *,
    instance: models.Model,
    name: str,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    **params: Any,
) -> models.Model:
    """Run one transition: permission check, the state change, the save guarded against
    concurrent writers, and the audit row — all in one database transaction.

    `expected_state` is the state the user saw; if the object has moved since, nothing happens
    and ConcurrentChange is raised. `actor=None` means the system itself (tasks, migrations).
    """
    field = _state_field(instance)
    seen = expected_state if expected_state is not None else field.get_state(instance)
    # Lock the row and work on its current values: a second writer waits here, then finds the
    # state moved and stops with ConcurrentChange instead of acting on what it saw before.
    reload_locked(instance)
    source = field.get_state(instance)
    if source != seen:
        raise ConcurrentChange(_("Hồ sơ vừa được người khác thay đổi; hãy tải lại trang."))
    comment = (comment or "").strip()
    meta = _transition_meta(instance, name)
    if meta is not None and meta.custom.get("comment_required") and not comment:
        raise ValidationError(
            {
                "comment": _("Cần ghi rõ lý do / ý kiến khi %(label)s.")
                % {"label": str(meta.custom.get("label", name)).lower()}
            }
        )
    method = check_transition(instance, name, actor)
    fields = [f for f in instance._meta.concrete_fields if not f.primary_key]
    before = {f.attname: f.value_from_object(instance) for f in fields}
    method(actor=actor, comment=comment, **params)
    # Write only what the transition changed, so a stale copy never overwrites other fields.
    changed = {
        f.attname
        for f in fields
        if f.value_from_object(instance) != before[f.attname] or getattr(f, "auto_now", False)
    } | {field.attname}
    try:
        with transaction.atomic():
            instance.save(update_fields=sorted(changed))
    except django_fsm.ConcurrentTransition as exc:
        raise ConcurrentChange(
            _("Hồ sơ vừa được người khác thay đổi; hãy tải lại trang và thử lại.")
        ) from exc
    log_transition(
        instance=instance,
        name=name,
        source=source,
        target=field.get_state(instance),
        actor=actor,
        comment=comment,
        data=getattr(instance, "_transition_data", None) or {},
    )
    if hasattr(instance, "_transition_data"):
        del instance._transition_data
    return instance


def history(instance: models.Model) -> Iterable[TransitionLog]:
    return TransitionLog.objects.for_object(instance).select_related("actor")
