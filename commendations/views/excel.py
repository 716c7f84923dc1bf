"""Excel in and out for the web UI: the import template, the upload with its row-by-row result,
and the .xlsx exports of a nomination list and a decision's annex."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..forms import ReviewFilterForm
from ..models import Campaign
from ..selectors import decisions_visible_to, nominations_search, units_of
from ..services import excel_export, excel_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Đợt thi đua"),
        queryset=Campaign.objects.order_by("-year", "name"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a filled template; the result lists every error by row and column, or the drafts
    created (all or nothing)."""
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = excel_import.nominations_import(
                    campaign=form.cleaned_data["campaign"],
                    upload=form.cleaned_data["file"],
                    actor=request.user,
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
    else:
        form = ImportForm(initial={"campaign": Campaign.objects.order_by("-year").first()})
    status = 400 if result is not None and not result.ok else 200
    return render(
        request,
        "commendations/excel/import.html",
        {"form": form, "result": result, "campaigns": Campaign.objects.order_by("-year", "name")},
        status=status,
    )


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
@require_GET
def import_template(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    content = excel_import.import_template_build(campaign=campaign, user=request.user)
    return xlsx_response(content, f"mau-nhap-ho-so-{campaign.year}.xlsx")


@login_required
@require_GET
def nominations_export(request: HttpRequest) -> HttpResponse:
    """The nomination list with the same filters as the list page, as .xlsx."""
    form = ReviewFilterForm(request.GET or None)
    form.fields["unit"].queryset = units_of(request.user)
    filters = form.filters() if request.GET else {}
    queryset = nominations_search(request.user, **filters)
    return xlsx_response(excel_export.nominations_xlsx(queryset), "danh-sach-ho-so.xlsx")


@login_required
@require_GET
def decision_annex(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    return xlsx_response(
        excel_export.decision_annex_xlsx(decision), f"danh-sach-kem-theo-qd-{decision.pk}.xlsx"
    )
