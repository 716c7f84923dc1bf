"""The committee's sessions: the secretary sets one up and records its recommendation; each
member votes or stands aside per nomination; the tally is computed, never typed."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commendations.access.permissions import can_forward_any, can_review_any
from commendations.actions.committee import nominations_recommend
from commendations.actions.registry import action_allowed
from commendations.committee import services as committee_services
from commendations.committee.models import CommitteeSession
from commendations.committee.selectors import (
    committee_members,
    committee_sessions_visible_to,
    session_board,
    session_nominations_awaiting,
    sessions_votes_pending,
)
from commendations.nominations.models import Nomination, NominationState
from commendations.nominations.selectors import nominations_visible_to
from commendations.web.committee.forms import (
    CommitteeSessionForm,
    RecusalForm,
    SessionRecommendForm,
    VoteForm,
)
from commendations.web.confirm import recommend_confirmation
from commendations.web.http import permission_required_by
from commendations.web.lists import paginate
from commendations.web.refusals import form_errors_as_messages, run_service

# A vote's message is shown in the nomination's card, by the buttons just pressed (issue #27
# §10: at the top of a long page it was off screen); `?voted=<id>` names the card.
NEAR_VOTE = "near-vote"


def _back(
    request: HttpRequest, session: CommitteeSession, anchor: str = "", voted: int | None = None
) -> HttpResponse:
    url = reverse("committee_session_detail", args=[session.pk])
    query = {}
    page = request.POST.get("page", "")
    if page.isdigit():
        query["page"] = page
    if voted is not None:
        query["voted"] = str(voted)
    if query:
        url += "?" + urlencode(query)
    return redirect(url + (f"#{anchor}" if anchor else ""))


@login_required
@permission_required_by(can_review_any)
def committee_session_list(request: HttpRequest) -> HttpResponse:
    """The secretary's sessions (all), or a member's own ("my sessions")."""
    sessions = (
        committee_sessions_visible_to(request.user)
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-held_on", "-id")
    )
    page = paginate(request, sessions)
    return render(
        request,
        "commendations/committee_session_list.html",
        {
            "page": page,
            "pending": dict(
                (s.pk, n) for s, n in sessions_votes_pending(page.object_list, request.user)
            ),
            "can_create": can_forward_any(request.user),
        },
    )


@login_required
@permission_required_by(can_forward_any)
def committee_session_create(request: HttpRequest) -> HttpResponse:
    members = committee_members()
    if request.method == "POST":
        form = CommitteeSessionForm(request.POST, members=members)
        if form.is_valid():
            data = form.cleaned_data
            ok, session = run_service(
                request,
                lambda: committee_services.committee_session_create(
                    campaign=data["campaign"],
                    held_on=data["held_on"],
                    title=data["title"],
                    members=data["members"],
                    actor=request.user,
                    place=data["place"],
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    chair=data["chair"],
                    secretary=data["secretary"],
                ),
                form=form,
            )
            if ok:
                messages.success(
                    request, _("Đã lập phiên họp. Các thành viên biểu quyết từng hồ sơ.")
                )
                return redirect("committee_session_detail", pk=session.pk)
        status = 400
    else:
        form = CommitteeSessionForm(members=members, initial={"members": members})
        status = 200
    return render(
        request, "commendations/committee_session_form.html", {"form": form}, status=status
    )


@login_required
@permission_required_by(can_review_any)
def committee_session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(committee_sessions_visible_to(request.user), pk=pk)
    page = paginate(request, session_nominations_awaiting(session, request.user))
    page.object_list = session_board(session, list(page.object_list), request.user)
    members = list(session.members.order_by("first_name", "last_name", "username"))
    decided = (
        nominations_visible_to(request.user)
        .filter(votes__session=session)
        .exclude(state=NominationState.SUBMITTED)
        .distinct()
        .order_by("unit__path", "nominee_name", "pk")
    )
    return render(
        request,
        "commendations/committee_session_detail.html",
        {
            "session": session,
            "page": page,
            "members": members,
            "is_member": any(m.pk == request.user.pk for m in members),
            "is_secretary": can_forward_any(request.user),
            "decided": decided,
            # The next step once the council has recommended: forwarding them.
            "to_forward": (
                decided.filter(state=NominationState.RECOMMENDED).count()
                if can_forward_any(request.user)
                else 0
            ),
        },
    )


def _session_and_nomination(request: HttpRequest, pk: int, form):
    session = get_object_or_404(committee_sessions_visible_to(request.user), pk=pk)
    nomination = None
    if form.is_valid():
        nomination = (
            nominations_visible_to(request.user).filter(pk=form.cleaned_data["nomination"]).first()
        )
    return session, nomination


@login_required
@permission_required_by(can_review_any)
@require_POST
def committee_session_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """A member casts (or changes) their own vote on one nomination."""
    form = VoteForm(request.POST)
    session, nomination = _session_and_nomination(request, pk, form)
    if nomination is None:
        messages.error(request, _("Không tìm thấy hồ sơ hoặc biểu quyết không hợp lệ."))
        return _back(request, session)
    if form.cleaned_data["choice"] == committee_services.VOTE_WITHDRAW:
        ok, _choice = run_service(
            request,
            lambda: committee_services.vote_withdraw(
                session=session, nomination=nomination, member=request.user
            ),
        )
        if ok:
            messages.success(
                request,
                _("Đã rút lại phiếu cho “%(name)s”.") % {"name": nomination.nominee_name},
                extra_tags=NEAR_VOTE,
            )
        return _back(request, session, f"n-{nomination.pk}", voted=nomination.pk)
    ok, vote = run_service(
        request,
        lambda: committee_services.vote_cast(
            session=session,
            nomination=nomination,
            member=request.user,
            choice=form.cleaned_data["choice"],
        ),
    )
    if ok:
        messages.success(
            request,
            _(
                "Đã ghi biểu quyết “%(choice)s” cho “%(name)s”. Có thể đổi hoặc rút lại phiếu "
                "đến khi Hội đồng ghi nhận kết quả."
            )
            % {"choice": vote.get_choice_display(), "name": nomination.nominee_name},
            extra_tags=NEAR_VOTE,
        )
    return _back(request, session, f"n-{nomination.pk}", voted=nomination.pk)


@login_required
@permission_required_by(can_review_any)
@require_POST
def committee_session_recuse(request: HttpRequest, pk: int) -> HttpResponse:
    """A member stands aside from one nomination, or the secretary records it for a member."""
    form = RecusalForm(request.POST)
    session, nomination = _session_and_nomination(request, pk, form)
    if nomination is None:
        form_errors_as_messages(request, form)
        if not form.errors:
            messages.error(request, _("Không tìm thấy hồ sơ."))
        return _back(request, session)
    member_id = form.cleaned_data.get("member")
    member = session.members.filter(pk=member_id).first() if member_id else request.user
    if member is None:
        messages.error(request, _("Người này không dự phiên họp."))
        return _back(request, session)
    ok, _recusal = run_service(
        request,
        lambda: committee_services.recusal_declare(
            session=session,
            nomination=nomination,
            member=member,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
    )
    if ok:
        messages.success(
            request,
            _("Đã ghi nhận %(member)s không tham gia xét “%(name)s”.")
            % {
                "member": member.get_full_name() or member.username,
                "name": nomination.nominee_name,
            },
        )
    return _back(request, session, f"n-{nomination.pk}")


@login_required
@permission_required_by(action_allowed(Nomination, "recommend"))
@require_POST
def committee_session_recommend(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary records the session's recommendation for the ticked nominations, each with
    the tally computed from the members' votes (all or none)."""
    session = get_object_or_404(committee_sessions_visible_to(request.user), pk=pk)
    candidates = session_nominations_awaiting(session, request.user)
    form = SessionRecommendForm(request.POST, choices=candidates.values_list("pk", flat=True))
    if form.is_valid():
        chosen = list(
            candidates.filter(pk__in=form.cleaned_data["ids"]).select_related("award_type", "unit")
        )
        if request.POST.get("confirmed") != "True":
            return render(
                request,
                "commendations/confirm_action.html",
                recommend_confirmation(session, chosen, comment=form.cleaned_data["comment"]),
            )
        ok, done = run_service(
            request,
            lambda: nominations_recommend(
                session=session,
                nominations=chosen,
                actor=request.user,
                comment=form.cleaned_data["comment"],
            ),
        )
        if ok:
            messages.success(
                request,
                _("Đã ghi nhận Hội đồng đề nghị khen thưởng %(count)s hồ sơ.")
                % {"count": len(done)},
            )
    else:
        form_errors_as_messages(request, form)
    return _back(request, session)
