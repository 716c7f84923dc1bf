from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import BulkForwardForm, BulkRecommendForm, ReviewFilterForm
from ..models import NominationState
from ..selectors import nominations_search, nominations_visible_to
from ..services.nominations import nominations_transition_bulk
from .actions import run_service
from .nominations import paginate_with_deadlines


def _review_page(request: HttpRequest, bulk_form: BulkRecommendForm | None = None) -> dict:
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
        "bulk_form": bulk_form or BulkRecommendForm(choices=[]),
    }


@login_required
@permission_required("commendations.review_nomination", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    """The committee's queue: filters, search by name, sort, pagination, bulk recommend."""
    return render(request, "commendations/review_queue.html", _review_page(request))


@login_required
@permission_required("commendations.review_nomination", raise_exception=True)
@require_POST
def review_bulk_recommend(request: HttpRequest) -> HttpResponse:
    """One committee session's tally applied to every ticked nomination (all or none)."""
    candidates = nominations_visible_to(request.user).filter(state=NominationState.SUBMITTED)
    form = BulkRecommendForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if form.is_valid():
        chosen = list(candidates.filter(pk__in=form.cleaned_data["ids"]))
        ok, done = run_service(
            request,
            lambda: nominations_transition_bulk(
                nominations=chosen,
                name="recommend",
                actor=request.user,
                comment=form.cleaned_data["comment"],
                expected_state=NominationState.SUBMITTED,
                votes_for=form.cleaned_data["votes_for"],
                votes_against=form.cleaned_data["votes_against"],
                votes_abstain=form.cleaned_data["votes_abstain"],
            ),
        )
        if ok:
            messages.success(
                request,
                _("Hội đồng đã đề nghị khen thưởng %(count)s hồ sơ.") % {"count": len(done)},
            )
            return redirect("review_queue")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return render(
        request, "commendations/review_queue.html", _review_page(request, form), status=400
    )


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
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("forward_queue")
