from django.contrib.auth import logout
from django.contrib.auth.views import LoginView as DjangoLoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..forms import LoginForm


class LoginView(DjangoLoginView):
    """Django's login; django-axes counts failures and answers a locked-out user with
    commendations/lockout.html (AXES_LOCKOUT_TEMPLATE)."""

    template_name = "commendations/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")
