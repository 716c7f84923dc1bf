"""Who is due: the list for a year with its filters, its .xlsx export, and a link per row that
opens a nomination prefilled from it."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from commendations.access.permissions import can_forward_any, can_propose_any
from commendations.access.selectors import units_of
from commendations.due.excel import due_xlsx
from commendations.due.registry import DueEntry
from commendations.due.selectors import due_list_for
from commendations.files.downloads import xlsx_response
from commendations.web.due.forms import DueFilterForm


def _nomination_link(entry: DueEntry) -> str:
    """The nomination form, prefilled: award type, nominee, unit, the reason as its summary."""
    params: dict[str, object] = {
        "award_type": entry.award_type.pk,
        "nominee_kind": entry.subject_kind,
        "achievement_summary": entry.reason,
    }
    if entry.person is not None:
        params["nominee_name"] = entry.person.full_name
        if entry.person.unit_id:
            params["unit"] = entry.person.unit_id
    if entry.unit is not None:
        params["nominee_unit"] = entry.unit.pk
        params["unit"] = entry.unit.pk
    return f"{reverse('nomination_create')}?{urlencode(params)}"


def _entries(request: HttpRequest) -> tuple[DueFilterForm, int, list[DueEntry]]:
    form = DueFilterForm(request.GET or None, units=units_of(request.user))
    filters = form.filters()
    year = int(filters.pop("year"))
    return form, year, due_list_for(request.user, year, **filters)


@login_required
@require_GET
def due_list_page(request: HttpRequest) -> HttpResponse:
    form, year, entries = _entries(request)
    rows = [(entry, _nomination_link(entry)) for entry in entries]
    return render(
        request,
        "commendations/due/list.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "may_propose": can_propose_any(request.user),
            "may_propose_long_service": can_forward_any(request.user),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def due_list_export(request: HttpRequest) -> HttpResponse:
    _form, year, entries = _entries(request)
    return xlsx_response(due_xlsx(entries, year), f"den-han-khen-thuong-{year}.xlsx")
