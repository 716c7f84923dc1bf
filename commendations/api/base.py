"""What every API view shares: the schema with its error shapes, and permissions checked per
action before the request body is read."""

from rest_framework.request import Request

from commendations.access.permissions import has_perm
from commendations.api.schema import ApiAutoSchema


class ApiMixin:
    schema = ApiAutoSchema()
    # action -> the permissions of which one is needed, checked before the request body is read
    # (403, not a 400 that would tell a role without the right which fields to send)
    action_permissions: dict[str, tuple[str, ...]] = {}

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)  # type: ignore[misc]
        needed = self.action_permissions.get(getattr(self, "action", None) or "")
        if needed and not any(has_perm(request.user, codename) for codename in needed):
            self.permission_denied(request)  # type: ignore[attr-defined]
