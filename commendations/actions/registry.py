"""The one registry of the actions a screen may fire by name: the web's action buttons, the API's
generic transition endpoint and the admin's buttons dispatch through it, so each transition has
exactly one function behind it, and one permission — the predicate declared on the model's
`@transition`, read here and never restated by a screen.

An action is registered for (model, transition name). It is called with the object as a keyword
named after the model (`nomination=`), `actor`, `comment`, `expected_state` (the state the user
saw) and its extra parameters, typed in its own signature (`session: int | None` for a
recommendation).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from workflow.exceptions import TransitionNotAllowed
from workflow.selectors import transition_permission
from workflow.services import transition_perform


@dataclass(frozen=True)
class Action:
    model: type[models.Model]
    name: str  # the transition's name on the model
    subject: str  # the keyword the object is passed as
    run: Callable[..., Any]

    @property
    def permission(self) -> Callable[[Any, Any], bool]:
        """The predicate declared on the model's `@transition` (its one declaration)."""
        return transition_permission(self.model, self.name)

    def allowed(self, user: Any, instance: models.Model | None = None) -> bool:
        return bool(self.permission(instance, user))

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


_ACTIONS: dict[tuple[type[models.Model], str], Action] = {}


def register(model: type[models.Model], name: str, *, subject: str | None = None) -> Callable:
    """Decorator: the function is the action of transition `name` on `model`."""

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        key = (model, name)
        if key in _ACTIONS:
            raise RuntimeError(f"two actions for {model.__name__}.{name}")
        _ACTIONS[key] = Action(
            model=model, name=name, subject=subject or model._meta.model_name, run=fn
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
