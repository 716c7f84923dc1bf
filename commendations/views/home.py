from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..selectors import home_summary, notifications_of
from ..services.notifications import notifications_mark_read


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What needs me now: a count per queue my role gives me, and my latest notifications."""
    return render(
        request,
        "commendations/home.html",
        {"queues": home_summary(request.user), "notifications": notifications_of(request.user)},
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request.user)
    return redirect("home")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for docker-compose: the app answers and its database does."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
