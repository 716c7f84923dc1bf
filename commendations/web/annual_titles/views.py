"""The year-end rating list's screens: the lists a user sees (and a new one), a list's page
(rows with their exclusion reasons, the caps as they stand, a row added, an Excel import, the
transitions the user may fire). Every write goes through a service or a registered action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commendations.access.permissions import (
    can_propose_any,
    can_propose_rating_list,
    sees_all_nominations,
    user_unit,
)
from commendations.access.selectors import units_of
from commendations.actions.registry import action_run
from commendations.annual_titles import services as rating_services
from commendations.annual_titles.excel import (
    annex_xlsx,
    registration_template_xlsx,
    registrations_xlsx,
)
from commendations.annual_titles.models import RatingRow
from commendations.annual_titles.selectors import (
    rating_list_summary,
    rating_lists_visible_to,
    registration_latest_year,
    registration_summary,
    registrations_of_year,
    year_end,
)
from commendations.campaigns.models import AwardType
from commendations.files.downloads import xlsx_response
from commendations.units.models import Initiative, Person, Unit
from commendations.web.annual_titles.forms import (
    RatingImportForm,
    RatingListForm,
    RatingRowForm,
    RatingTransitionForm,
    RegistrationFilterForm,
    RegistrationForm,
    RegistrationImportForm,
)
from commendations.web.http import permission_required_by
from commendations.web.refusals import form_errors_as_messages, run_service
from workflow.selectors import available_transitions


@login_required
@require_http_methods(["GET", "POST"])
def rating_list_index(request: HttpRequest) -> HttpResponse:
    units = units_of(request.user)
    if request.method == "POST" and not can_propose_any(request.user):
        raise PermissionDenied
    form = RatingListForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        done, rating_list = run_service(
            request,
            lambda: rating_services.rating_list_create(actor=request.user, **form.cleaned_data),
            form=form,
        )
        if done:
            return redirect(rating_list)
    lists = rating_lists_visible_to(request.user).order_by("-year", "unit__code", "pk")
    return render(
        request,
        "commendations/annual_titles/list.html",
        {"lists": lists, "form": form, "may_propose": can_propose_any(request.user)},
    )


def _visible(request: HttpRequest, pk: int):
    return get_object_or_404(rating_lists_visible_to(request.user), pk=pk)


def _titles():
    return AwardType.objects.filter(
        pk__in=[t.pk for t in rating_services.titles_for_rating()]
    ).order_by("sort_order", "code")


def _collectives(rating_list):
    """The collectives a list may propose: its unit and the units within it, in force."""
    return (
        Unit.objects.subtree_of(rating_list.unit)
        .in_force(year_end(rating_list.year))
        .order_by("path")
    )


@login_required
@require_GET
def rating_list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rating_list = _visible(request, pk)
    return render(
        request,
        "commendations/annual_titles/detail.html",
        {
            "rating_list": rating_list,
            **rating_list_summary(rating_list),
            "row_form": RatingRowForm(titles=_titles(), units=_collectives(rating_list)),
            "import_form": RatingImportForm(),
            "transition_form": RatingTransitionForm(),
            "transitions": available_transitions(rating_list, request.user),
            "may_edit": rating_list.is_draft and can_propose_rating_list(rating_list, request.user),
        },
    )


@login_required
@require_POST
@permission_required_by(can_propose_any)
def rating_row_add(request: HttpRequest, pk: int) -> HttpResponse:
    rating_list = _visible(request, pk)
    form = RatingRowForm(request.POST, titles=_titles(), units=_collectives(rating_list))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect(rating_list)
    data = form.cleaned_data
    person = None
    if data["person_code"]:
        person = Person.objects.select_related("unit").filter(code=data["person_code"]).first()
        if person is None:
            messages.error(
                request, _("Không có cán bộ mã “%(code)s”.") % {"code": data["person_code"]}
            )
            return redirect(rating_list)
    initiative = (
        Initiative.objects.filter(pk=data["initiative"]).first() if data["initiative"] else None
    )
    run_service(
        request,
        lambda: rating_services.rating_row_add(
            actor=request.user,
            rating_list=rating_list,
            person=person,
            unit=data["unit"],
            award_type=data["award_type"],
            rating=data["rating"],
            initiative=initiative,
        ),
    )
    return redirect(rating_list)


@login_required
@require_POST
@permission_required_by(can_propose_any)
def rating_row_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """The row named by the POSTed `row`."""
    rating_list = _visible(request, pk)
    row = RatingRow.objects.filter(pk=request.POST.get("row") or 0, rating_list=rating_list).first()
    if row is None:
        messages.error(request, _("Không có dòng này trong danh sách."))
        return redirect(rating_list)
    run_service(request, lambda: rating_services.rating_row_remove(actor=request.user, row=row))
    return redirect(rating_list)


@login_required
@require_POST
@permission_required_by(can_propose_any)
def rating_rows_import(request: HttpRequest, pk: int) -> HttpResponse:
    rating_list = _visible(request, pk)
    form = RatingImportForm(request.POST, request.FILES)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect(rating_list)
    done, rows = run_service(
        request,
        lambda: rating_services.rating_rows_import(
            actor=request.user, rating_list=rating_list, source=form.cleaned_data["file"]
        ),
    )
    if done:
        messages.success(request, _("Đã nhập %(n)s dòng.") % {"n": len(rows)})
    return redirect(rating_list)


@login_required
@require_POST
def rating_list_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    rating_list = _visible(request, pk)
    form = RatingTransitionForm(request.POST)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect(rating_list)
    done, _result = run_service(
        request,
        lambda: action_run(
            instance=rating_list,
            name=name,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_state=request.POST.get("expected_state") or None,
            **form.params(name),
        ),
    )
    if done:
        messages.success(request, _("Đã thực hiện."))
    return redirect(rating_list)


def _registration_filter(request: HttpRequest) -> tuple[RegistrationFilterForm, int, Unit | None]:
    """The page's filter: a unit of those the user sees (all units in force for the office)."""
    units = units_of(request.user) if not sees_all_nominations(request.user) else None
    if units is None:
        units = Unit.objects.in_force(timezone.localdate())
    latest = registration_latest_year(request.user)
    form = RegistrationFilterForm(
        request.GET or None, units=units.order_by("path"), initial={"year": latest}
    )
    year, unit = form.chosen(latest)
    return form, year, unit


@login_required
@require_http_methods(["GET", "POST"])
def registration_index(request: HttpRequest) -> HttpResponse:
    """Đăng ký thi đua: who registered what, counted per unit and title and consolidated up the
    tree, a registration, and the Excel import."""
    if request.method == "POST" and not can_propose_any(request.user):
        raise PermissionDenied
    units = units_of(request.user)
    form = RegistrationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        if data["person_code"]:
            person = Person.objects.select_related("unit").filter(code=data["person_code"]).first()
            if person is None:
                form.add_error("person_code", _("Không có cán bộ mã này."))
        if form.is_valid():
            done, _registration = run_service(
                request,
                lambda: rating_services.registration_add(
                    actor=request.user,
                    unit=data["unit"],
                    year=data["year"],
                    award_type=data["award_type"],
                    person=person,
                ),
                form=form,
            )
            if done:
                messages.success(request, _("Đã đăng ký."))
                return redirect("registration_index")
    filter_form, year, unit = _registration_filter(request)
    registrations = registrations_of_year(request.user, year, unit)
    return render(
        request,
        "commendations/annual_titles/registrations.html",
        {
            "form": form,
            "import_form": RegistrationImportForm(units=units),
            "filter_form": filter_form,
            "year": year,
            "summary": registration_summary(request.user, year, unit),
            "registrations": registrations[:REGISTRATIONS_SHOWN],
            "shown": REGISTRATIONS_SHOWN,
            "count": registrations.count(),
            "units": units.order_by("path"),
            "may_propose": can_propose_any(request.user),
            "query": request.GET.urlencode(),
        },
    )


REGISTRATIONS_SHOWN = 500


@login_required
@require_POST
@permission_required_by(can_propose_any)
def registration_import(request: HttpRequest) -> HttpResponse:
    form = RegistrationImportForm(request.POST, request.FILES, units=units_of(request.user))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("registration_index")
    data = form.cleaned_data
    done, result = run_service(
        request,
        lambda: rating_services.registrations_import(
            actor=request.user, unit=data["unit"], year=data["year"], source=data["file"]
        ),
    )
    if done:
        messages.success(
            request,
            _("Đã nhập %(n)s đăng ký (%(e)s dòng đã đăng ký từ trước).")
            % {"n": len(result.created), "e": result.existing},
        )
    return redirect(f"{reverse('registration_index')}?year={data['year']}")


@login_required
@require_GET
@permission_required_by(can_propose_any)
def registration_template(request: HttpRequest) -> HttpResponse:
    """The import's workbook for the chosen unit (`unit`, default the user's own): its officers
    listed, the title to fill in."""
    units = units_of(request.user)
    chosen = request.GET.get("unit", "")
    if chosen.isdigit():
        unit = units.filter(pk=chosen).first()
    else:  # the user's own unit; an administrator's: the top of the tree
        unit = user_unit(request.user) or units.order_by("path").first()
    if unit is None or not units.filter(pk=unit.pk).exists():
        raise Http404
    return xlsx_response(registration_template_xlsx(unit), f"mau-dang-ky-thi-dua-{unit.code}.xlsx")


@login_required
@require_GET
def registration_export(request: HttpRequest) -> HttpResponse:
    """What the page shows (the year, the unit chosen) as .xlsx: the counts, then every line."""
    _form, year, unit = _registration_filter(request)
    content = registrations_xlsx(
        registration_summary(request.user, year, unit),
        list(registrations_of_year(request.user, year, unit)),
    )
    return xlsx_response(content, f"dang-ky-thi-dua-{year}.xlsx")


@login_required
@require_GET
def rating_list_annex(request: HttpRequest, pk: int) -> HttpResponse:
    """The annex of the list's recognition decision (all its lists), or of this list alone
    while it is undecided, grouped by title and unit."""
    rating_list = _visible(request, pk)
    return xlsx_response(
        annex_xlsx(rating_list), f"danh-sach-danh-hieu-{rating_list.year}-{rating_list.pk}.xlsx"
    )
