"""Home, login/logout, health check and the error pages."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView as DjangoLoginView
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commendations.access.permissions import user_unit
from commendations.access.roles import Role, user_roles
from commendations.notifications.selectors import notifications_of
from commendations.notifications.services import notifications_mark_read
from commendations.web.forms import LoginForm
from commendations.web.selectors import home_summary


class LoginView(DjangoLoginView):
    """Django's login; django-axes counts failures and answers a locked-out user with
    commendations/lockout.html (AXES_LOCKOUT_TEMPLATE)."""

    template_name = "commendations/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Anh/chị đã đăng xuất. Hẹn gặp lại!"))
    return redirect("login")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the request may be what failed.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What needs me now: a count per queue my role gives me, and my latest notifications."""
    return render(
        request,
        "commendations/home.html",
        {"queues": home_summary(request.user), "notifications": notifications_of(request.user)},
    )


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    """One's own account (the name in the top bar opens it): who, in which role and unit, the
    language, and the way to one's API keys and to sign out."""
    roles = [Role(name).label for name in sorted(user_roles(request.user)) if name in Role.values]
    return render(
        request,
        "commendations/profile.html",
        {"roles": roles, "unit": user_unit(request.user)},
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request.user)
    return redirect("home")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for docker-compose: the app answers and its database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
