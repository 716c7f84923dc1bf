"""The web page of one's own API tokens: the list, and revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commendations.tokens import services as tokens_services
from commendations.tokens.selectors import api_tokens_of


@login_required
@require_GET
def api_tokens(request: HttpRequest) -> HttpResponse:
    return render(request, "commendations/api_tokens.html", {"tokens": api_tokens_of(request.user)})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_of(request.user), pk=pk)
    tokens_services.api_token_revoke(token=token)
    messages.success(request, _("Đã thu hồi khóa API %(prefix)s…") % {"prefix": token.prefix})
    return redirect("api_tokens")
