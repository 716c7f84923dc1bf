"""A consolidating unit (e.g. a district police) gathers its communes' nominations, forwards
them to the province in one go, or returns one with the reason."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflow.services import transition_perform

from ..forms import ConsolidateForm, ReturnForm
from ..models import NominationState
from ..rules.consolidation import can_consolidate
from ..selectors import consolidation_queue, nominations_visible_to
from ..services.consolidation import nominations_consolidate
from .actions import form_errors_as_messages, run_service


def _form_errors_to_messages(request: HttpRequest, form) -> None:  # noqa: ANN001
    form_errors_as_messages(request, form)


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
def consolidation_list(request: HttpRequest) -> HttpResponse:
    """The nominations waiting for my unit to consolidate, one block per campaign."""
    waiting = consolidation_queue(request.user)
    campaigns = [
        {"campaign": campaign, "nominations": list(items)}
        for campaign, items in groupby(waiting, key=lambda n: n.campaign)
    ]
    return render(
        request,
        "commendations/consolidation_list.html",
        {"campaigns": campaigns, "count": len(waiting)},
    )


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
@require_POST
def consolidation_forward(request: HttpRequest) -> HttpResponse:
    """ "Tổng hợp và chuyển lên": every waiting nomination of the campaign, or the ticked ones."""
    candidates = nominations_visible_to(request.user).filter(
        state=NominationState.AWAITING_CONSOLIDATION
    )
    form = ConsolidateForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if not form.is_valid():
        _form_errors_to_messages(request, form)
        return redirect("consolidation_list")
    data = form.cleaned_data
    ok, count = run_service(
        request,
        lambda: nominations_consolidate(
            campaign=data["campaign"],
            actor=request.user,
            comment=data["comment"],
            ids=data["ids"] if data["scope"] == "selected" else None,
        ),
    )
    if ok:
        if count:
            messages.success(
                request,
                _("Đã tổng hợp và chuyển lên %(count)s hồ sơ.") % {"count": count},
            )
        else:
            messages.info(request, _("Không có hồ sơ nào chờ đơn vị tổng hợp trong đợt này."))
    return redirect("consolidation_list")


@login_required
@permission_required("commendations.propose_nomination", raise_exception=True)
@require_POST
def consolidation_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Return one nomination to the unit that proposed it, with the reason."""
    nomination = get_object_or_404(nominations_visible_to(request.user), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _form_errors_to_messages(request, form)
        return redirect("consolidation_list")
    if not can_consolidate(nomination, request.user):
        messages.error(request, _("Hồ sơ này không chờ đơn vị của đồng chí tổng hợp."))
        return redirect("consolidation_list")
    ok, _result = run_service(
        request,
        lambda: transition_perform(
            instance=nomination,
            name="return_from_consolidation",
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_state=NominationState.AWAITING_CONSOLIDATION,
        ),
    )
    if ok:
        messages.success(
            request,
            _("Đã trả lại “%(name)s” cho đơn vị đề nghị.") % {"name": nomination.nominee_name},
        )
    return redirect("consolidation_list")
