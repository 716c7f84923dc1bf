"""The clerk's ceremony pages: the list, a ceremony with its print pack, its documents, the
printer calibration page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commendations.access.permissions import can_manage_certificates_any
from commendations.ceremonies import selectors as ceremonies_selectors
from commendations.ceremonies import services as ceremonies_services
from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from commendations.ceremonies.models import Ceremony, PrinterCalibration, PrintPack
from commendations.ceremonies.overlay import calibration_pdf, overlay_pdf
from commendations.ceremonies.selectors import (
    PRINT_PACK_FILES,
    ceremonies_list,
    ceremony_certificates,
)
from commendations.certificates.models import Certificate, CertificateState
from commendations.decisions.models import DecisionState
from commendations.decisions.selectors import decisions_visible_to
from commendations.documents.models import DocumentKind
from commendations.files.downloads import DOCX, stored_file_response
from commendations.web.ceremonies.forms import CeremonyForm, PresenterForm
from commendations.web.http import permission_required_by
from commendations.web.lists import paginate
from commendations.web.refusals import run_service


@login_required
@permission_required_by(can_manage_certificates_any)
def ceremony_list(request: HttpRequest) -> HttpResponse:
    issued = decisions_visible_to(request.user).filter(state=DecisionState.ISSUED)
    if request.method == "POST":
        form = CeremonyForm(request.POST, decisions=issued)
        if form.is_valid():
            data = form.cleaned_data
            ok, ceremony = run_service(
                request,
                lambda: ceremonies_services.ceremony_create(
                    actor=request.user,
                    name=data["name"],
                    date=data["date"],
                    place=data["place"],
                    decisions=data["decisions"],
                    group_size=data["group_size"],
                ),
                form=form,
            )
            if ok:
                messages.success(request, _("Đã tạo buổi lễ."))
                return redirect("ceremony_detail", pk=ceremony.pk)
        status = 400
    else:
        # "Tiếp theo: Lễ trao tặng" from a decision's page comes with that decision ticked.
        came_from = request.GET.get("decision", "")
        ticked = [int(came_from)] if came_from.isdigit() else []
        ticked = list(issued.filter(pk__in=ticked).values_list("pk", flat=True))
        form = CeremonyForm(decisions=issued, initial={"decisions": ticked})
        status = 200
    return render(
        request,
        "commendations/ceremony_list.html",
        {"page": paginate(request, ceremonies_list()), "form": form},
        status=status,
    )


def _with_presenters(ceremony: Ceremony) -> list:
    presenters = {p.decision_id: p for p in ceremony.presenters.all()}
    decisions = list(ceremony.decisions.order_by("authority", "date", "pk"))
    for decision in decisions:
        decision.presenter = presenters.get(decision.pk)
    return decisions


@login_required
@permission_required_by(can_manage_certificates_any)
def ceremony_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a ceremony, e.g. add a decision issued after it was created."""
    ceremony = get_object_or_404(Ceremony, pk=pk)
    issued = decisions_visible_to(request.user).filter(state=DecisionState.ISSUED)
    status = 200
    if request.method == "POST":
        form = CeremonyForm(request.POST, decisions=issued)
        if form.is_valid():
            data = form.cleaned_data
            ok, _ceremony = run_service(
                request,
                lambda: ceremonies_services.ceremony_update(
                    ceremony=ceremony,
                    actor=request.user,
                    name=data["name"],
                    date=data["date"],
                    place=data["place"],
                    decisions=data["decisions"],
                    group_size=data["group_size"],
                ),
                form=form,
            )
            if ok:
                messages.success(request, _("Đã lưu buổi lễ."))
                return redirect("ceremony_detail", pk=ceremony.pk)
        status = 400
    else:
        form = CeremonyForm(
            decisions=issued,
            initial={
                "name": ceremony.name,
                "date": ceremony.date,
                "place": ceremony.place,
                "group_size": ceremony.group_size,
                "decisions": list(ceremony.decisions.all()),
            },
        )
    return render(
        request,
        "commendations/ceremony_edit.html",
        {"ceremony": ceremony, "form": form},
        status=status,
    )


@login_required
@permission_required_by(can_manage_certificates_any)
def ceremony_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ceremony = get_object_or_404(Ceremony, pk=pk)
    return render(
        request,
        "commendations/ceremony_detail.html",
        {
            "ceremony": ceremony,
            "decisions": _with_presenters(ceremony),
            "certificates": ceremony_certificates(ceremony),
            "revoked_count": Certificate.objects.filter(
                decision__in=ceremony.decisions.all(), state=CertificateState.REVOKED
            ).count(),
            "packs": list(ceremony.print_packs.order_by("-created_at", "-pk")),
            "printers": list(PrinterCalibration.objects.all()),
        },
    )


@login_required
@permission_required_by(can_manage_certificates_any)
@require_POST
def print_pack_request(request: HttpRequest, pk: int) -> HttpResponse:
    ceremony = get_object_or_404(Ceremony, pk=pk)
    ok, _pack = run_service(
        request,
        lambda: ceremonies_services.print_pack_request(ceremony=ceremony, actor=request.user),
    )
    if ok:
        messages.success(request, _("Đang tạo bộ hồ sơ in; trang sẽ tự cập nhật khi xong."))
    return redirect("ceremony_detail", pk=ceremony.pk)


@login_required
@permission_required_by(can_manage_certificates_any)
@require_POST
def ceremony_presenter_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Name who presents one decision's awards; the MC script invites this person."""
    ceremony = get_object_or_404(Ceremony, pk=pk)
    form = PresenterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        decision = get_object_or_404(ceremony.decisions.all(), pk=data["decision"])
        ok, _presenter = run_service(
            request,
            lambda: ceremonies_services.ceremony_presenter_set(
                actor=request.user,
                ceremony=ceremony,
                decision=decision,
                rank=data["rank"],
                title=data["title"],
                name=data["name"],
            ),
            form=form,
        )
        if ok:
            messages.success(request, _("Đã lưu người trao tặng."))
    else:
        messages.error(request, _("Cần nhập chức vụ và họ tên người trao."))
    return redirect("ceremony_detail", pk=ceremony.pk)


@login_required
@permission_required_by(can_manage_certificates_any)
def print_pack_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx while the pack is being built."""
    pack = get_object_or_404(PrintPack, pk=pk)
    return render(
        request,
        "commendations/partials/print_pack.html",
        {"pack": pack, "progress": ceremonies_selectors.print_pack_progress(pack)},
    )


@login_required
@permission_required_by(can_manage_certificates_any)
def print_pack_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    pack = get_object_or_404(PrintPack, pk=pk, status=PrintPack.Status.DONE)
    if kind not in PRINT_PACK_FILES:
        raise Http404
    field, content_type, filename = PRINT_PACK_FILES[kind]
    return stored_file_response(
        getattr(pack, field),
        filename=f"le-{pack.ceremony_id}-{filename}",
        content_type=content_type,
    )


def _printer(request: HttpRequest) -> PrinterCalibration | None:
    name = request.GET.get("printer", "")
    return PrinterCalibration.objects.filter(pk=name).first() if name.isdigit() else None


@login_required
@permission_required_by(can_manage_certificates_any)
def ceremony_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The ceremony's run-sheet, the MC's script (.docx) or the overlay PDF for pre-printed
    blanks — all in the print pack's order."""
    ceremony = get_object_or_404(Ceremony, pk=pk)
    if kind == "run-sheet":
        content, content_type, name = run_sheet_docx(ceremony), DOCX, "trinh-tu-trao.docx"
    elif kind == "mc-script":
        content, content_type, name = mc_script_docx(ceremony), DOCX, "loi-dan-chuong-trinh.docx"
    elif kind == "overlay":
        certificates = ceremony_certificates(ceremony)
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
@permission_required_by(can_manage_certificates_any)
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
