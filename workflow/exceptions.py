"""What a transition can fail with. Views and the API map each to one message or error code."""

from django.core.exceptions import PermissionDenied, ValidationError


class WorkflowError(Exception):
    code = "workflow_error"


class TransitionNotAllowed(WorkflowError):
    """The object's state does not allow this transition (or its conditions are not met)."""

    code = "transition_not_allowed"


class TransitionPermissionDenied(WorkflowError, PermissionDenied):
    code = "permission_denied"


class ConcurrentChange(WorkflowError):
    """Somebody else changed the object between the moment it was read and this write."""

    code = "concurrent_change"


__all__ = [
    "ConcurrentChange",
    "TransitionNotAllowed",
    "TransitionPermissionDenied",
    "ValidationError",
    "WorkflowError",
]
