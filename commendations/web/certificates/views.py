"""The clerk's certificate actions (progress, generate, retry, marks, download) and the public
verification page (no login, rate-limited per client address)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commendations.access.client_address import client_address
from commendations.access.permissions import can_manage_certificates_any
from commendations.actions import certificates as certificates_actions
from commendations.actions.registry import action_allowed
from commendations.certificates import services as certificates_services
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import (
    ChecksBusy,
    certificate_from_short_code,
    certificate_from_token,
    certificate_pdf_check,
    certificate_token,
    verification_result,
    verification_throttled,
)
from commendations.certificates.selectors import (
    certificate_files_visible_to,
    certificates_of_decision,
    certificates_visible_to,
)
from commendations.decisions.models import DecisionState
from commendations.decisions.selectors import decisions_visible_to
from commendations.files.downloads import DOCX, PDF, stored_file_response
from commendations.web.certificates.forms import CertificateMarkForm, PdfCheckForm
from commendations.web.http import permission_required_by, safe_next
from commendations.web.refusals import form_errors_as_messages, run_service


def _over_limit(request: HttpRequest) -> bool:
    return verification_throttled(client_address(request))


@never_cache
@require_http_methods(["GET", "POST"])
def certificate_verify(request: HttpRequest, token: str) -> HttpResponse:
    """The public page (no login; CSRF on for the upload; one rate limit for looking and
    uploading): the certificate's status, its stored PDF's signature, and the check of a PDF
    anyone uploads against our record (nothing of the upload is kept)."""
    if _over_limit(request):
        response = render(request, "commendations/verify.html", {"throttled": True}, status=429)
        response["Retry-After"] = "60"
        return response
    certificate = certificate_from_token(token)
    if certificate is None:
        return render(request, "commendations/verify.html", {"unknown": True}, status=404)
    context = {"result": verification_result(certificate), "form": PdfCheckForm()}
    status = 200
    if request.method == "POST":
        form = PdfCheckForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            status = 400
        else:
            try:
                context["check"] = certificate_pdf_check(certificate, form.cleaned_data["file"])
            except ChecksBusy:
                # Answered at once: the page says so, the status is there, the upload is not.
                context["busy"] = True
                response = render(request, "commendations/verify.html", context, status=503)
                response["Retry-After"] = "10"
                return response
    return render(request, "commendations/verify.html", context, status=status)


@never_cache
@require_GET
def certificate_verify_lookup(request: HttpRequest) -> HttpResponse:
    """The public page without a QR code: type the code printed under it ("Mã tra cứu"); a
    code found opens that certificate's page (the same rate limit as looking by link)."""
    typed = (request.GET.get("ma") or "").strip()
    if not typed:
        return render(request, "commendations/verify.html", {"lookup": True, "typed": ""})
    if _over_limit(request):
        response = render(request, "commendations/verify.html", {"throttled": True}, status=429)
        response["Retry-After"] = "60"
        return response
    certificate = certificate_from_short_code(typed[:64])
    if certificate is None:
        return render(
            request,
            "commendations/verify.html",
            {"lookup": True, "unknown": True, "typed": typed[:64]},
            status=404,
        )
    return redirect("certificate_verify", token=certificate_token(certificate))


def _progress_context(decision) -> dict:
    progress = certificates_services.decision_progress(decision)
    total = progress["total"] or 0
    percent = round(100 * progress["done"] / total) if total else 0
    return {"decision": decision, "progress": progress, "percent": percent}


@login_required
@permission_required_by(can_manage_certificates_any)
def decision_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx every 2 s while certificates are being rendered."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    context = _progress_context(decision)
    if context["progress"]["finished"]:
        # The last poll also refreshes the list below (an out-of-band swap).
        context["certificates"] = list(certificates_of_decision(decision))
        context["refresh_list"] = True
    return render(request, "commendations/partials/progress.html", context)


@login_required
@permission_required_by(can_manage_certificates_any)
@require_POST
def certificates_generate(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    ok, _batch = run_service(
        request,
        lambda: certificates_services.certificates_generate(decision=decision, actor=request.user),
    )
    if ok:
        messages.success(request, _("Đã bắt đầu tạo Bằng khen/Giấy khen."))
    return redirect(decision)


def decision_certificates_context(request: HttpRequest, decision) -> dict:
    """The clerk's part of the decision page (empty for other roles)."""
    if not (decision.state == DecisionState.ISSUED and can_manage_certificates_any(request.user)):
        return {}
    return {
        "certificates": list(certificates_of_decision(decision)),
        **_progress_context(decision),
    }


@login_required
@permission_required_by(can_manage_certificates_any)
@require_POST
def certificates_mark(request: HttpRequest) -> HttpResponse:
    """Bulk "printed" / "presented" for the ticked certificates (all or none)."""
    fallback = "decision_list"
    candidates = certificates_visible_to(request.user).values_list("pk", flat=True)
    form = CertificateMarkForm(request.POST, choices=candidates)
    if form.is_valid():
        chosen = list(Certificate.objects.filter(pk__in=form.cleaned_data["ids"]))
        transition = form.cleaned_data["transition"]
        ok, count = run_service(
            request,
            lambda: certificates_actions.certificates_mark(
                certificates=chosen, transition=transition, actor=request.user
            ),
        )
        if ok:
            messages.success(
                request,
                _("Đã cập nhật %(count)s Bằng khen/Giấy khen: %(action)s.")
                % {"count": count, "action": dict(form.fields["transition"].choices)[transition]},
            )
    else:
        form_errors_as_messages(request, form)
    return redirect(safe_next(request, fallback))


@login_required
@permission_required_by(action_allowed(Certificate, "retry"))
@require_POST
def certificate_retry(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
    ok, _certificate = run_service(
        request,
        lambda: certificates_actions.certificate_retry(certificate=certificate, actor=request.user),
    )
    if ok:
        messages.success(
            request,
            _("Đang tạo lại %(number)s.") % {"number": certificate.registry_number},
        )
    return redirect(certificate.decision)


@login_required
def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    """One rule for the web and the API: certificate_files_visible_to."""
    certificate = get_object_or_404(certificate_files_visible_to(request.user), pk=pk)
    return stored_file_response(
        certificate.file, filename=f"{certificate.registry_number}.docx", content_type=DOCX
    )


@login_required
def certificate_pdf_download(request: HttpRequest, pk: int) -> FileResponse:
    """The archived (sealed) PDF/A, for whoever may download the .docx."""
    certificate = get_object_or_404(certificate_files_visible_to(request.user), pk=pk)
    return stored_file_response(
        certificate.pdf, filename=f"{certificate.registry_number}.pdf", content_type=PDF
    )
