"""The statistics dashboard, its one-page summary, and the .xlsx exports."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from commendations.access.permissions import (
    can_propose_any,
    can_record_ministry_certificate,
    sees_all_nominations,
    user_may_act_for_unit,
)
from commendations.access.selectors import units_of
from commendations.annual_titles.selectors import latest_year_sent_up
from commendations.campaigns.models import Campaign
from commendations.decisions.selectors import decisions_visible_to
from commendations.files.downloads import xlsx_response
from commendations.history import services as history_services
from commendations.history.selectors import person_title_certificates
from commendations.nominations.selectors import nominations_search
from commendations.reports import excel_export
from commendations.reports.history import person_award_history, unit_award_history
from commendations.reports.statistics import Statistics, campaign_statistics
from commendations.reports.title_statistics import MAX_YEARS, TitleStatistics, title_statistics
from commendations.units.models import HonourRecord, Person, Unit
from commendations.units.selectors import units_in_force
from commendations.web.forms import DATE_WIDGET
from commendations.web.http import permission_required_by
from commendations.web.nominations.forms import ReviewFilterForm
from commendations.web.refusals import form_errors_as_messages, run_service


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


class CampaignChoiceForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=gettext_lazy("Đợt thi đua"),
        queryset=Campaign.objects.order_by("-year", "name"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _campaign(request: HttpRequest) -> tuple[CampaignChoiceForm, Campaign | None]:
    form = CampaignChoiceForm(request.GET or None)
    campaign = form.cleaned_data.get("campaign") if form.is_valid() else None
    if campaign is None:
        # The most recent campaign that has nominations, else the most recent one.
        campaign = (
            Campaign.objects.filter(nominations__isnull=False).order_by("-year", "-pk").first()
            or Campaign.objects.order_by("-year", "-pk").first()
        )
        form = CampaignChoiceForm(initial={"campaign": campaign})
    return form, campaign


def chart_data(stats: Statistics) -> dict[str, Any]:
    """What stats.js draws: labels and series only (the numbers the tables show)."""
    top_units = [u for u in stats.by_unit if u["depth"] == 0]
    return {
        "state": {
            "labels": [r["label"] for r in stats.by_state],
            "series": [{"label": _("Số hồ sơ"), "data": [r["count"] for r in stats.by_state]}],
        },
        "funnel": {
            "labels": [r["label"] for r in stats.funnel],
            "series": [{"label": _("Số hồ sơ"), "data": [r["count"] for r in stats.funnel]}],
        },
        "award": {
            "labels": [r["award_type__short_name"] for r in stats.by_award_type],
            "stacked": True,
            "series": [
                {"label": _("Đã khen"), "data": [r["approved"] for r in stats.by_award_type]},
                {
                    "label": _("Chưa/không khen"),
                    "data": [r["total"] - r["approved"] for r in stats.by_award_type],
                },
            ],
        },
        "unit": {
            "labels": [u["name"] for u in top_units],
            "stacked": True,
            "horizontal": True,
            "series": [
                {"label": _("Đã khen"), "data": [u["approved"] for u in top_units]},
                {
                    "label": _("Chưa/không khen"),
                    "data": [u["total"] - u["approved"] for u in top_units],
                },
            ],
        },
        "kind": {
            "labels": [r["label"] for r in stats.by_kind],
            "series": [{"label": _("Số hồ sơ"), "data": [r["count"] for r in stats.by_kind]}],
        },
        "steps": {
            "labels": [r["label"] for r in stats.step_days],
            "series": [{"label": _("Số ngày"), "data": [r["days"] for r in stats.step_days]}],
        },
        "years": {
            "labels": [str(r["year"]) for r in stats.by_year],
            "series": [
                {"label": _("Tập thể"), "data": [r["collective"] for r in stats.by_year]},
                {"label": _("Cá nhân"), "data": [r["individual"] for r in stats.by_year]},
                {"label": _("Đã khen"), "data": [r["approved"] for r in stats.by_year]},
            ],
        },
    }


def _context(request: HttpRequest) -> dict[str, Any]:
    form, campaign = _campaign(request)
    stats = campaign_statistics(campaign=campaign, user=request.user) if campaign else None
    return {
        "form": form,
        "campaign": campaign,
        "stats": stats,
        "charts": chart_data(stats) if stats else None,
        "approval_percent": (
            round(stats.approval_rate * 100, 1)
            if stats and stats.approval_rate is not None
            else None
        ),
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "commendations/stats/dashboard.html", _context(request))


@login_required
@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    """One printable page for the conference report."""
    return render(request, "commendations/stats/summary.html", _context(request))


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    _form, campaign = _campaign(request)
    if campaign is None:
        return HttpResponse(_("Chưa có đợt thi đua nào."), status=404)
    stats = campaign_statistics(campaign=campaign, user=request.user)
    return xlsx_response(excel_export.statistics_xlsx(stats), f"thong-ke-{campaign.pk}.xlsx")


class TitleYearsForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(
        label=gettext_lazy("đến năm (nếu xem nhiều năm)"),
        min_value=2000,
        max_value=2100,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year, year_to = data.get("year"), data.get("year_to")
        if year and year_to and not 0 <= year_to - year < MAX_YEARS:
            raise forms.ValidationError(
                _("Chọn từ năm đến năm, tối đa %(n)s năm.") % {"n": MAX_YEARS}
            )
        return data


def _title_statistics(request: HttpRequest) -> tuple[TitleYearsForm, TitleStatistics | None]:
    """The years asked (default: the latest year of which a list was sent up, else last year)
    and their statistics; none when the years are wrong (the form says why)."""
    form = TitleYearsForm(request.GET or {"year": latest_year_sent_up(request.user)})
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, title_statistics(
        user=request.user, year_from=data["year"], year_to=data.get("year_to")
    )


@login_required
@require_GET
def title_stats(request: HttpRequest) -> HttpResponse:
    """The annual titles by year, unit and title: proposed, excluded, recognised, and the caps
    used, over the lists the user sees."""
    form, stats = _title_statistics(request)
    return render(
        request,
        "commendations/stats/titles.html",
        {"form": form, "stats": stats, "query": request.GET.urlencode()},
    )


@login_required
@require_GET
def title_stats_export(request: HttpRequest) -> HttpResponse:
    form, stats = _title_statistics(request)
    if stats is None:
        return HttpResponse(
            " ".join(form.errors.get("__all__", [])) or _("Năm không hợp lệ."), status=400
        )
    return xlsx_response(
        excel_export.title_statistics_xlsx(stats),
        f"thong-ke-danh-hieu-{stats.year_from}-{stats.year_to}.xlsx",
    )


def _may_see_person(user: Any, person: Person) -> bool:
    """Province-wide roles, or an officer of the person's unit (or a unit above it)."""
    return sees_all_nominations(user) or (
        person.unit is not None
        and can_propose_any(user)
        and user_may_act_for_unit(user, person.unit)
    )


@login_required
@require_GET
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's awards across every unit they served in, and their service records."""
    person = get_object_or_404(Person, pk=pk)
    if not _may_see_person(request.user, person):
        raise Http404
    history = person_award_history(person)
    service = [
        {"record": r, "unit_name": r.unit.name_on(r.valid_from) if r.unit else ""}
        for r in history.service
    ]
    return render(
        request,
        "commendations/history/person.html",
        {
            "history": history,
            "service": service,
            "certificates": person_title_certificates(person),
            "may_record": can_record_ministry_certificate(request.user),
            "ministry_form": MinistryCertificateForm(),
        },
    )


class MinistryCertificateForm(forms.Form):
    honour = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    number = forms.CharField(label=gettext_lazy("Số Bằng, Giấy chứng nhận của Bộ"), max_length=64)
    received_on = forms.DateField(label=gettext_lazy("Ngày nhận"), widget=DATE_WIDGET)


@login_required
@require_POST
@permission_required_by(can_record_ministry_certificate)
def honour_ministry_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The office records, on one of the person's honours the Ministry decided, that the
    Ministry's own certificate was received: its number and the day (audited)."""
    person = get_object_or_404(Person, pk=pk)
    if not _may_see_person(request.user, person):
        raise Http404
    form = MinistryCertificateForm(request.POST)
    if not form.is_valid():
        form_errors_as_messages(request, form)
    else:
        honour = get_object_or_404(HonourRecord, person=person, pk=form.cleaned_data["honour"])
        done, _recorded = run_service(
            request,
            lambda: history_services.honour_ministry_certificate_record(
                actor=request.user,
                honour=honour,
                number=form.cleaned_data["number"],
                received_on=form.cleaned_data["received_on"],
            ),
        )
        if done:
            messages.success(
                request,
                _("Đã ghi nhận Bằng, Giấy chứng nhận của Bộ số %(number)s.")
                % {"number": form.cleaned_data["number"].strip()},
            )
    return redirect("person_history", pk=person.pk)


@login_required
@require_GET
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's collective awards, its predecessors' included (with the note naming them):
    collective honours are public within the force, as the unit tree is."""
    picked = request.GET.get("unit", "")
    if picked.isdigit() and int(picked) != pk and Unit.objects.filter(pk=picked).exists():
        return redirect("unit_history", pk=int(picked))
    unit = get_object_or_404(Unit, pk=pk)
    units = [(u, u.path.count("/")) for u in units_in_force().order_by("path")]
    return render(
        request,
        "commendations/history/unit.html",
        {"history": unit_award_history(unit), "units": units},
    )
