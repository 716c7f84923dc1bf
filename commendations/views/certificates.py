"""The clerk's pages: certificates of a decision with a live progress bar, ceremonies, print
packs; and the documents (Decision, Tờ trình) produced from the Word templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import documents
from ..ceremony_documents import mc_script_docx, run_sheet_docx
from ..forms import BulkForwardForm, CeremonyForm, CertificateMarkForm
from ..models import (
    Ceremony,
    Certificate,
    CertificateState,
    DecisionState,
    DocumentKind,
    NominationState,
    PrinterCalibration,
    PrintPack,
)
from ..overlay import calibration_pdf, overlay_pdf
from ..permissions import can_manage_certificates
from ..selectors import (
    ceremonies_list,
    certificates_of_decision,
    decisions_visible_to,
    nominations_visible_to,
)
from ..services import certificates as certificate_services
from .actions import form_errors_as_messages, run_service
from .nominations import paginate

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
def decision_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The Quyết định as Word, drafted from the template: the Director's preview before issuing."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    content = documents.decision_document(decision)
    return docx_response(content, f"quyet-dinh-{decision.number.replace('/', '-')}.docx")


@login_required
@permission_required("commendations.forward_nomination", raise_exception=True)
@require_POST
def submission_letter(request: HttpRequest) -> HttpResponse:
    """The Tờ trình to the Ministry for the ticked recommended nominations."""
    candidates = nominations_visible_to(request.user).filter(
        state__in=[NominationState.RECOMMENDED, NominationState.AWAITING_MINISTRY]
    )
    form = BulkForwardForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("forward_queue")
    chosen = list(candidates.filter(pk__in=form.cleaned_data["ids"]).order_by("unit__path", "pk"))
    return docx_response(documents.submission_letter(chosen), "to-trinh-bang-khen.docx")


def _progress_context(decision) -> dict:  # noqa: ANN001
    progress = certificate_services.decision_progress(decision)
    total = progress["total"] or 0
    percent = round(100 * progress["done"] / total) if total else 0
    return {"decision": decision, "progress": progress, "percent": percent}


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
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
@permission_required("commendations.manage_certificates", raise_exception=True)
@require_POST
def certificates_generate(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    ok, _batch = run_service(
        request,
        lambda: certificate_services.certificates_generate(decision=decision, actor=request.user),
    )
    if ok:
        messages.success(request, _("Đã bắt đầu tạo Bằng khen/Giấy khen."))
    return redirect(decision)


def decision_certificates_context(request: HttpRequest, decision) -> dict:  # noqa: ANN001
    """The clerk's part of the decision page (empty for other roles)."""
    if not (decision.state == DecisionState.ISSUED and can_manage_certificates(None, request.user)):
        return {}
    return {
        "certificates": list(certificates_of_decision(decision)),
        **_progress_context(decision),
    }


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
@require_POST
def certificates_mark(request: HttpRequest) -> HttpResponse:
    """Bulk "printed" / "presented" for the ticked certificates (all or none)."""
    fallback = "decision_list"
    candidates = Certificate.objects.filter(
        decision__in=decisions_visible_to(request.user)
    ).values_list("pk", flat=True)
    form = CertificateMarkForm(request.POST, choices=candidates)
    if form.is_valid():
        chosen = list(Certificate.objects.filter(pk__in=form.cleaned_data["ids"]))
        transition = form.cleaned_data["transition"]
        ok, count = run_service(
            request,
            lambda: certificate_services.certificates_mark(
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
    return redirect(_safe_next(request, fallback))


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
@require_POST
def certificate_retry(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.filter(decision__in=decisions_visible_to(request.user)), pk=pk
    )
    ok, _certificate = run_service(
        request,
        lambda: certificate_services.certificate_retry(certificate=certificate, actor=request.user),
    )
    if ok:
        messages.success(
            request,
            _("Đang tạo lại %(number)s.") % {"number": certificate.registry_number},
        )
    return redirect(certificate.decision)


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    certificate = get_object_or_404(
        Certificate.objects.filter(decision__in=decisions_visible_to(request.user)), pk=pk
    )
    if not certificate.file:
        raise Http404
    return FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=f"{certificate.registry_number}.docx",
        content_type=DOCX,
    )


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
def ceremony_list(request: HttpRequest) -> HttpResponse:
    issued = decisions_visible_to(request.user).filter(state=DecisionState.ISSUED)
    if request.method == "POST":
        form = CeremonyForm(request.POST, decisions=issued)
        if form.is_valid():
            data = form.cleaned_data
            ok, ceremony = run_service(
                request,
                lambda: certificate_services.ceremony_create(
                    actor=request.user,
                    name=data["name"],
                    date=data["date"],
                    place=data["place"],
                    decisions=data["decisions"],
                ),
                form=form,
            )
            if ok:
                messages.success(request, _("Đã tạo buổi lễ."))
                return redirect("ceremony_detail", pk=ceremony.pk)
        status = 400
    else:
        form = CeremonyForm(decisions=issued)
        status = 200
    return render(
        request,
        "commendations/ceremony_list.html",
        {"page": paginate(request, ceremonies_list()), "form": form},
        status=status,
    )


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
def ceremony_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ceremony = get_object_or_404(Ceremony, pk=pk)
    return render(
        request,
        "commendations/ceremony_detail.html",
        {
            "ceremony": ceremony,
            "decisions": list(ceremony.decisions.order_by("authority", "date", "pk")),
            "certificates": certificate_services.ceremony_certificates(ceremony),
            "revoked_count": Certificate.objects.filter(
                decision__in=ceremony.decisions.all(), state=CertificateState.REVOKED
            ).count(),
            "packs": list(ceremony.print_packs.order_by("-created_at", "-pk")),
            "printers": list(PrinterCalibration.objects.all()),
        },
    )


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
@require_POST
def print_pack_request(request: HttpRequest, pk: int) -> HttpResponse:
    ceremony = get_object_or_404(Ceremony, pk=pk)
    ok, _pack = run_service(
        request,
        lambda: certificate_services.print_pack_request(ceremony=ceremony, actor=request.user),
    )
    if ok:
        messages.success(request, _("Đang tạo bộ hồ sơ in; trang sẽ tự cập nhật khi xong."))
    return redirect("ceremony_detail", pk=ceremony.pk)


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
def print_pack_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx while the pack is being built."""
    pack = get_object_or_404(PrintPack, pk=pk)
    return render(request, "commendations/partials/print_pack.html", {"pack": pack})


PACK_FILES = {
    "pdf": ("pdf", "application/pdf", "ban-in.pdf"),
    "zip": ("zip", "application/zip", "ban-docx.zip"),
    "docx": ("docx", DOCX, "ban-in.docx"),
}


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
def print_pack_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    pack = get_object_or_404(PrintPack, pk=pk, status=PrintPack.Status.DONE)
    if kind not in PACK_FILES:
        raise Http404
    field, content_type, filename = PACK_FILES[kind]
    stored = getattr(pack, field)
    if not stored:
        raise Http404
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"le-{pack.ceremony_id}-{filename}",
        content_type=content_type,
    )


@login_required
def decision_scan(request: HttpRequest, pk: int) -> FileResponse:
    """The Ministry decision's scan, only to users who may see the decision."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    if not decision.scan:
        raise Http404
    return FileResponse(
        decision.scan.open("rb"),
        as_attachment=True,
        filename=f"quyet-dinh-{decision.number.replace('/', '-')}.pdf",
        content_type="application/pdf",
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _printer(request: HttpRequest) -> PrinterCalibration | None:
    name = request.GET.get("printer", "")
    return PrinterCalibration.objects.filter(pk=name).first() if name.isdigit() else None


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
def ceremony_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The ceremony's run-sheet, the MC's script (.docx) or the overlay PDF for pre-printed
    blanks — all in the print pack's order."""
    ceremony = get_object_or_404(Ceremony, pk=pk)
    if kind == "run-sheet":
        content, content_type, name = run_sheet_docx(ceremony), DOCX, "trinh-tu-trao.docx"
    elif kind == "mc-script":
        content, content_type, name = mc_script_docx(ceremony), DOCX, "loi-dan-chuong-trinh.docx"
    elif kind == "overlay":
        certificates = certificate_services.ceremony_certificates(ceremony)
        content = overlay_pdf(certificates, printer=_printer(request))
        content_type, name = "application/pdf", "in-len-phoi.pdf"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"le-{ceremony.pk}-{name}"
    )
    return response


@login_required
@permission_required("commendations.manage_certificates", raise_exception=True)
def calibration_page(request: HttpRequest, kind: str) -> HttpResponse:
    """The printer calibration test page for a blank (phôi Bằng khen / Giấy khen)."""
    if kind not in (DocumentKind.BANG_KHEN, DocumentKind.GIAY_KHEN):
        raise Http404
    response = HttpResponse(
        calibration_pdf(kind, printer=_printer(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"can-chinh-{kind}.pdf"
    )
    return response
