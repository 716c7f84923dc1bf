"""What every API view shares: the schema with its error shapes, and permissions checked per
action before the request body is read."""

from collections.abc import Callable
from typing import Any

from rest_framework.request import Request

from commendations.api.schema import ApiAutoSchema


class ApiMixin:
    schema = ApiAutoSchema()
    # action -> the predicate `user -> bool` it needs, checked before the request body is read
    # (403, not a 400 that would tell a role without the right which fields to send): a
    # capability of `access.permissions` or, for an action that fires one transition, its
    # registered action's (`actions.registry.action_allowed`) — the web pages' gates.
    action_permissions: dict[str, Callable[[Any], bool]] = {}

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)  # type: ignore[misc]
        allowed = self.action_permissions.get(getattr(self, "action", None) or "")
        if allowed is not None and not allowed(request.user):
            self.permission_denied(request)  # type: ignore[attr-defined]
