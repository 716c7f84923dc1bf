"""The one registry of the actions a screen may fire by name: the web's action buttons, the API's
generic transition endpoint and the admin's buttons dispatch through it, so each transition has
exactly one function behind it, and one permission — the predicate declared on the model's
`@transition`, read here and never restated by a screen.

An action is registered for (model, transition name). It is called with the object as a keyword
named after the model (`nomination=`), `actor`, `comment`, `expected_state` (the state the user
saw) and its typed extra parameters, read from its own signature: a screen turns request data
into those with `Action.params_from`.
"""

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from workflow.exceptions import TransitionNotAllowed
from workflow.selectors import transition_permission
from workflow.services import transition_perform

# What every action takes; anything else in its signature is an extra, typed parameter.
COMMON_PARAMETERS = frozenset({"actor", "comment", "expected_state"})


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: type
    required: bool


@dataclass(frozen=True)
class Action:
    model: type[models.Model]
    name: str  # the transition's name on the model
    subject: str  # the keyword the object is passed as
    run: Callable[..., Any]
    parameters: tuple[Parameter, ...] = ()

    @property
    def permission(self) -> Callable[[Any, Any], bool]:
        """The predicate declared on the model's `@transition` (its one declaration)."""
        return transition_permission(self.model, self.name)

    def allowed(self, user: Any, instance: models.Model | None = None) -> bool:
        return bool(self.permission(instance, user))

    def params_from(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The extra parameters from a request's data, each converted to its declared type; a
        missing or malformed one is a ValidationError naming it. Unknown keys are ignored."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for parameter in self.parameters:
            raw = data.get(parameter.name)
            if raw in (None, ""):
                if parameter.required:
                    errors[parameter.name] = _("Thiếu thông tin này.")
                continue
            try:
                values[parameter.name] = _coerce(parameter.kind, raw)
            except (TypeError, ValueError):
                errors[parameter.name] = _("Giá trị không hợp lệ.")
        if errors:
            raise ValidationError(errors)
        return values

    def __call__(
        self,
        *,
        instance: models.Model,
        actor: Any,
        comment: str = "",
        expected_state: str | None = None,
        **params: Any,
    ) -> Any:
        return self.run(
            **{self.subject: instance},
            actor=actor,
            comment=comment,
            expected_state=expected_state,
            **params,
        )


def _coerce(kind: Any, raw: Any) -> Any:
    """`raw` as the declared type (`int`, `str`, `int | None`, …)."""
    options = [t for t in typing.get_args(kind) if t is not type(None)] or [kind]
    target = options[0]
    if isinstance(raw, bool) and target is not bool:
        raise TypeError(raw)
    if isinstance(raw, target):
        return raw
    return target(raw)


def _parameters(fn: Callable[..., Any], subject: str) -> tuple[Parameter, ...]:
    hints = typing.get_type_hints(fn)
    return tuple(
        Parameter(
            name=name,
            kind=hints.get(name, str),
            required=p.default is inspect.Parameter.empty,
        )
        for name, p in inspect.signature(fn).parameters.items()
        if name not in COMMON_PARAMETERS and name != subject
    )


_ACTIONS: dict[tuple[type[models.Model], str], Action] = {}


def register(model: type[models.Model], name: str, *, subject: str | None = None) -> Callable:
    """Decorator: the function is the action of transition `name` on `model`."""

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        key = (model, name)
        if key in _ACTIONS:
            raise RuntimeError(f"two actions for {model.__name__}.{name}")
        keyword = subject or model._meta.model_name
        _ACTIONS[key] = Action(
            model=model,
            name=name,
            subject=keyword,
            run=fn,
            parameters=_parameters(fn, keyword),
        )
        return fn

    return decorator


def action_for(model: type[models.Model], name: str) -> Action:
    try:
        return _ACTIONS[(model, name)]
    except KeyError:
        raise TransitionNotAllowed(_("Không có thao tác “%(name)s”.") % {"name": name}) from None


def action_allowed(model: type[models.Model], name: str) -> Callable[[Any], bool]:
    """`user -> bool`: may the user fire `name` on `model` at all — the predicate declared on the
    transition, asked without an object. The gate of a screen that fires this one transition,
    before it loads anything (the action asks again, of the object, when it runs). Looked up
    when asked, so a screen may name it before the actions are registered."""

    def allowed(user: Any) -> bool:
        return action_for(model, name).allowed(user)

    allowed.__name__ = f"may_{name}"
    return allowed


def actions_of(model: type[models.Model]) -> dict[str, Action]:
    """Every registered action of a model, by transition name."""
    return {name: action for (m, name), action in _ACTIONS.items() if m is model}


def action_run(
    *,
    instance: models.Model,
    name: str,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    **params: Any,
) -> Any:
    """Fire transition `name` on `instance` through its registered action (what the generic
    endpoints, the admin and the demo call). A declared transition with no action of its own
    (one only a service runs, such as approving through a decision) goes to the engine, which
    refuses it after the same staleness check as any other."""
    key = (type(instance), name)
    if key not in _ACTIONS:
        return transition_perform(
            instance=instance,
            name=name,
            actor=actor,
            comment=comment,
            expected_state=expected_state,
            **params,
        )
    return _ACTIONS[key](
        instance=instance, actor=actor, comment=comment, expected_state=expected_state, **params
    )
