"""One place that turns what an action or a service refuses into a message for the user (named
apart from `commendations.actions`, which does the work)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from commendations.web.forms import add_service_errors
from workflow.exceptions import ConcurrentChange, TransitionNotAllowed


def conflict_message() -> str:
    return _("Hồ sơ vừa được người khác thay đổi; hãy xem lại trạng thái mới rồi thao tác lại.")


def form_errors_as_messages(request: HttpRequest, form: Any) -> None:
    """For forms posted from a list page that redirects back: each error becomes a message."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def run_service(
    request: HttpRequest, call: Callable[[], Any], *, form: Any = None
) -> tuple[bool, Any]:
    """Call a service; on a known refusal add a message (or put the errors on `form`) and
    return (False, None) so the view re-renders with the user's input."""
    try:
        return True, call()
    except ConcurrentChange:
        messages.error(request, conflict_message())
    except TransitionNotAllowed as exc:
        messages.error(request, str(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))
    except ValidationError as exc:
        if form is not None:
            add_service_errors(form, exc)
        else:
            for message in exc.messages:
                messages.error(request, message)
    return False, None
