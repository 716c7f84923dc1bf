"""Who acts when no person does: the rendering tasks, the sweep, a task that gives up.

`SYSTEM` is passed as `actor` wherever the system itself runs a transition or records an event,
so "nobody said who" (`actor=None`, refused) can never be mistaken for "the system did it". Its
audit rows have no user (`actor` NULL) and `system=True`; the history shows them as "Hệ thống".
"""

from typing import Any, Final


class SystemActor:
    """Not a user: it holds no permission, so a transition runs as the system only when its
    permission predicate names it (see `is_system`)."""

    is_authenticated: Final = False
    is_anonymous: Final = False
    is_superuser: Final = False
    is_active: Final = True
    pk: Final = None
    username: Final = "system"

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def get_username(self) -> str:
        return self.username

    def get_full_name(self) -> str:
        return "Hệ thống"

    def __repr__(self) -> str:
        return "<SystemActor>"


SYSTEM: Final = SystemActor()


def is_system(actor: Any) -> bool:
    return actor is SYSTEM


def actor_require(actor: Any) -> None:
    """Every write names who did it; `None` used to mean "skip the permission check", which is
    how a forgotten argument turned into a silent bypass."""
    if actor is None:
        raise TypeError("actor is required: pass the user, or workflow.actors.SYSTEM")
