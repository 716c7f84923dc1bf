"""Web pages of replacement certificates (cấp đổi, cấp lại): the clerk records a request, the
authority that issued the decision approves or refuses it. Each POST calls one service
(certificates/replacement.py) or action (actions/certificates.py); the API does the same
(api/certificates/replacement_views.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commendations.access.permissions import can_manage_certificates
from commendations.actions.certificates import (
    replacement_approve,
    replacement_refuse,
    replacement_request_submit,
)
from commendations.actions.registry import action_for
from commendations.certificates.models import ReplacementRequest
from commendations.certificates.replacement import replacement_requests_visible_to
from commendations.certificates.selectors import certificates_visible_to
from commendations.web.certificates.forms import ReplacementDecisionForm, ReplacementRequestForm
from commendations.web.refusals import run_service


@login_required
@require_GET
def replacement_list(request: HttpRequest) -> HttpResponse:
    requests = replacement_requests_visible_to(request.user)
    rows = [
        {
            "request": r,
            "may_decide": action_for(ReplacementRequest, "approve").allowed(request.user, r),
        }
        for r in requests
    ]
    return render(
        request,
        "commendations/certificates/replacement_list.html",
        {"rows": rows, "form": ReplacementDecisionForm()},
    )


@login_required
def replacement_create(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
    if not can_manage_certificates(certificate, request.user):
        raise PermissionDenied
    form = ReplacementRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        ok, _created = run_service(
            request,
            lambda: replacement_request_submit(
                certificate=certificate,
                actor=request.user,
                evidence=form.cleaned_data["evidence"],
                **{k: form.cleaned_data[k] for k in ("applicant", "kind", "reason")},
            ),
            form=form,
        )
        if ok:
            messages.success(request, _("Đã ghi nhận đề nghị cấp đổi, cấp lại."))
            return redirect(reverse("replacement_list"))
    return render(
        request,
        "commendations/certificates/replacement_form.html",
        {"certificate": certificate, "form": form},
        status=400 if form.errors else 200,
    )


def _decide(request: HttpRequest, pk: int, *, approve: bool) -> HttpResponse:
    replacement = get_object_or_404(replacement_requests_visible_to(request.user), pk=pk)
    if not action_for(ReplacementRequest, "approve" if approve else "refuse").allowed(
        request.user, replacement
    ):
        raise PermissionDenied
    form = ReplacementDecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if approve:
        ok, _new = run_service(
            request,
            lambda: replacement_approve(
                replacement_request=replacement, actor=request.user, comment=comment
            ),
        )
    else:
        ok, _none = run_service(
            request,
            lambda: replacement_refuse(
                replacement_request=replacement, actor=request.user, comment=comment
            ),
        )
    if ok:
        messages.success(
            request,
            _("Đã duyệt, đang tạo bản cấp lại.") if approve else _("Đã ghi nhận không duyệt."),
        )
    return redirect(reverse("replacement_list"))


@login_required
@require_POST
def replacement_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=True)


@login_required
@require_POST
def replacement_refuse_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=False)
