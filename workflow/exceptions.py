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


class RowTransitionError(ValidationError):
    """A row of a bulk transition was refused by its transition method: the same messages,
    plus which row, so a screen can name it ("“Nguyễn Văn A”: …")."""

    def __init__(self, instance: object, error: ValidationError) -> None:
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.instance = instance
        self.error = error


__all__ = [
    "ConcurrentChange",
    "RowTransitionError",
    "TransitionNotAllowed",
    "TransitionPermissionDenied",
    "ValidationError",
    "WorkflowError",
]
