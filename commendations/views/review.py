from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import BulkForwardForm, ReviewFilterForm
from ..models import NominationState
from ..permissions import can_forward
from ..selectors import committee_sessions_visible_to, nominations_search, nominations_visible_to
from ..services.nominations import nominations_transition_bulk
from .actions import form_errors_as_messages, run_service
from .nominations import paginate_with_deadlines


def _review_page(request: HttpRequest) -> dict:
    data = request.GET.copy()
    if not request.GET:
        data["state"] = NominationState.SUBMITTED
    form = ReviewFilterForm(data)
    filters = form.filters()
    filters.setdefault("sort", "-submitted")
    filters["sort"] = filters["sort"] or "-submitted"
    page = paginate_with_deadlines(request, nominations_search(request.user, **filters))
    query = data.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page": page,
        "query": query.urlencode(),
        "sessions": list(committee_sessions_visible_to(request.user)[:5]),
        "can_create_session": can_forward(None, request.user),
    }


@login_required
@permission_required("commendations.review_nomination", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    """The committee's queue: filters, search by name, sort, pagination. Votes and the
    recommendation are recorded in a session (views/committee.py), the tally computed."""
    return render(request, "commendations/review_queue.html", _review_page(request))


@login_required
@permission_required("commendations.forward_nomination", raise_exception=True)
def forward_queue(request: HttpRequest) -> HttpResponse:
    """The secretary's list of recommended nominations, to forward to the deciding authority."""
    nominations = nominations_search(request.user, state=NominationState.RECOMMENDED, sort="unit")
    return render(
        request,
        "commendations/forward_queue.html",
        {
            "page": paginate_with_deadlines(request, nominations),
            "form": BulkForwardForm(choices=[]),
        },
    )


@login_required
@permission_required("commendations.forward_nomination", raise_exception=True)
@require_POST
def forward_bulk(request: HttpRequest) -> HttpResponse:
    candidates = nominations_visible_to(request.user).filter(state=NominationState.RECOMMENDED)
    form = BulkForwardForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if form.is_valid():
        chosen = list(candidates.filter(pk__in=form.cleaned_data["ids"]))
        ok, done = run_service(
            request,
            lambda: nominations_transition_bulk(
                nominations=chosen,
                name="forward",
                actor=request.user,
                comment=form.cleaned_data["comment"],
                expected_state=NominationState.RECOMMENDED,
            ),
        )
        if ok:
            messages.success(
                request, _("Đã trình %(count)s hồ sơ lên cấp có thẩm quyền.") % {"count": len(done)}
            )
    else:
        form_errors_as_messages(request, form)
    return redirect("forward_queue")
