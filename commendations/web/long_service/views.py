"""Khen thưởng theo niên hạn: the due list's long-service rows as one proposal (Tờ trình and its
annex to the Ministry), then the decision recorded when it comes back. Thin: each POST is one
action of `actions.long_service`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commendations.access.permissions import can_decide_any, can_forward_any
from commendations.actions import long_service as actions
from commendations.campaigns.models import AwardAuthority
from commendations.long_service.selectors import long_service_due
from commendations.units.models import HonourKind
from commendations.web.http import permission_required_by
from commendations.web.long_service.forms import DecisionRecordForm, ProposalForm
from commendations.web.refusals import run_service


def _year(request: HttpRequest) -> int:
    raw = request.POST.get("year") or request.GET.get("year") or ""
    return int(raw) if raw.isdigit() and 1900 <= int(raw) <= 2999 else timezone.localdate().year


@login_required
@permission_required_by(can_forward_any)
@require_http_methods(["GET", "POST"])
def long_service_proposal_create(request: HttpRequest) -> HttpResponse:
    """Who is due this year (computed), ticked, and the Tờ trình's number, date and signer."""
    year = _year(request)
    due = long_service_due(year=year)
    form = ProposalForm(
        request.POST or None,
        people=[e.person.pk for e in due],
        initial={"year": year, "date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, proposal = run_service(
            request,
            lambda: actions.long_service_propose(
                actor=request.user,
                year=data["year"],
                person_ids=data["people"],
                number=data["number"],
                date=data["date"],
                signer=form.signer(),
            ),
            form=form,
        )
        if ok:
            messages.success(
                request,
                _("Đã lập Tờ trình %(number)s đề nghị khen thưởng %(count)s người.")
                % {"number": proposal.letter.number, "count": len(proposal.nominations)},
            )
            return redirect("long_service_decision_record", pk=proposal.letter.pk)
    ticked = {str(v) for v in (form["people"].value() or [])}
    return render(
        request,
        "commendations/long_service/proposal.html",
        {
            "form": form,
            "year": year,
            "rows": [(e, HonourKind(e.entitlement.award).label) for e in due],
            "ticked": ticked,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@permission_required_by(can_decide_any)
@require_http_methods(["GET", "POST"])
def long_service_decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision as it came back for a long-service Tờ trình: who decided, its number, date
    and signer, and who got what."""
    letter = get_object_or_404(actions.long_service_letters_visible_to(request.user), pk=pk)
    waiting = list(actions.long_service_awaiting(letter))
    authorities = sorted(
        {n.award_type.decided_by for n in waiting if n.award_type.decided_by},
        key=lambda a: (a.sort_order, a.code),
    )
    form = DecisionRecordForm(
        request.POST or None,
        authorities=[(a.code, a.name) for a in authorities],
        nominations=[n.pk for n in waiting],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, decision = run_service(
            request,
            lambda: actions.long_service_decision_record(
                actor=request.user,
                letter=letter,
                decided_by=AwardAuthority.objects.get(code=data["decided_by"]),
                number=data["number"],
                date=data["date"],
                signer=form.signer(),
                nomination_ids=data["nominations"],
            ),
            form=form,
        )
        if ok:
            messages.success(request, _("Đã ghi nhận %(decision)s.") % {"decision": decision})
            return redirect(decision)
    ticked = {str(v) for v in (form["nominations"].value() or [])}
    return render(
        request,
        "commendations/long_service/decision.html",
        {"form": form, "letter": letter, "waiting": waiting, "ticked": ticked},
        status=400 if form.is_bound else 200,
    )
