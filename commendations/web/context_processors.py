"""What every page's template may ask of the user: the capabilities of `access.permissions`, so
a menu or a card names the same predicate a view's gate does, never a codename."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from commendations.access.permissions import (
    can_decide_any,
    can_decide_as_director,
    can_decide_as_ministry,
    can_forward_any,
    can_manage_certificates_any,
    can_propose_any,
    can_review_any,
)


def capabilities(request: HttpRequest) -> dict[str, Any]:
    """`can.propose`, `can.review`, … for the request's user, computed on first use."""

    def compute() -> dict[str, bool]:
        user = getattr(request, "user", None)
        return {
            "propose": can_propose_any(user),
            "review": can_review_any(user),
            "forward": can_forward_any(user),
            "decide_as_director": can_decide_as_director(user),
            "decide_as_ministry": can_decide_as_ministry(user),
            "decide": can_decide_any(user),
            "certificates": can_manage_certificates_any(user),
        }

    return {"can": SimpleLazyObject(compute)}
