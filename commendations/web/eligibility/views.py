"""Web actions of the rules: a committee member confirms a condition the records cannot decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commendations.access.permissions import can_review_any
from commendations.nominations.dossier import eligibility_confirm
from commendations.nominations.selectors import nominations_visible_to
from commendations.web.http import permission_required_by
from commendations.web.refusals import run_service


@login_required
@permission_required_by(can_review_any)
@require_POST
def eligibility_confirm_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    ok, _result = run_service(
        request,
        lambda: eligibility_confirm(
            nomination=nomination,
            code=code,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        ),
    )
    if ok:
        messages.success(request, _("Đã xác nhận điều kiện."))
    return redirect(nomination)
