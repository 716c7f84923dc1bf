"""Reads: what a user may see. Every list, detail view and API endpoint starts here."""

from collections.abc import Sequence
from typing import Any

from django.db.models import F, Q, QuerySet

from .models import Decision, Nomination, NominationState, Unit
from .permissions import sees_all_nominations, user_unit


def units_of(user: Any) -> QuerySet[Unit]:
    """The units a user may act for: all for a superuser, their subtree for a unit officer."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    own = user_unit(user)
    return Unit.objects.subtree_of(own) if own else Unit.objects.none()


def nominations_visible_to(user: Any) -> QuerySet[Nomination]:
    """Unit staff see their own subtree's nominations; province-wide roles see every nomination
    that has left its unit (drafts stay private to the unit)."""
    base = Nomination.objects.select_related(
        "campaign", "unit", "award_type", "nominee_unit", "decision"
    )
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if user.is_superuser:
        return base
    condition = Q(pk__in=[])
    own = user_unit(user)
    if own is not None and user.has_perm("commendations.propose_nomination"):
        condition |= Q(unit__path__startswith=f"{own.path}/") | Q(unit=own)
    if sees_all_nominations(user):
        condition |= ~Q(state=NominationState.DRAFT)
    return base.filter(condition)


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    if user.is_superuser or sees_all_nominations(user):
        return Decision.objects.all()
    return Decision.objects.none()


# --- the web UI's reads -------------------------------------------------------------------

NOMINATION_SORTS = {
    "name": ("nominee_name", "pk"),
    "-name": ("-nominee_name", "-pk"),
    "unit": ("unit__path", "nominee_name", "pk"),
    "submitted": ("submitted_at", "pk"),
    "-submitted": ("-submitted_at", "-pk"),
    "-created": ("-created_at", "-pk"),
}


def nominations_search(
    user: Any,
    *,
    campaign: Any = None,
    unit: Any = None,
    award_type: Any = None,
    nominee_kind: str = "",
    state: str | Sequence[str] = "",
    q: str = "",
    sort: str = "",
    include_subunits: bool = True,
) -> QuerySet[Nomination]:
    """The visible nominations narrowed by the list filters; one query whatever the page size."""
    qs = nominations_visible_to(user)
    if campaign:
        qs = qs.filter(campaign=campaign)
    if unit:
        qs = qs.filter(Q(unit=unit) | Q(unit__path__startswith=f"{unit.path}/"))
        if not include_subunits:
            qs = qs.filter(unit=unit)
    if award_type:
        qs = qs.filter(award_type=award_type)
    if nominee_kind:
        qs = qs.filter(nominee_kind=nominee_kind)
    if state:
        qs = qs.filter(state__in=[state] if isinstance(state, str) else list(state))
    if q:
        qs = qs.filter(Q(nominee_name__icontains=q.strip()) | Q(unit__name__icontains=q.strip()))
    return qs.order_by(*NOMINATION_SORTS.get(sort, NOMINATION_SORTS["-created"]))


def home_summary(user: Any) -> list[dict[str, Any]]:
    """What needs this user now: one row per queue their permissions give them, with its count
    (one aggregate query)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .permissions import has_perm

    S = NominationState
    queues: list[tuple[str, str, Q, str]] = []
    if has_perm(user, "propose_nomination"):
        base = reverse("nomination_list")
        queues += [
            ("drafts", _("Hồ sơ dự thảo chưa gửi"), Q(state=S.DRAFT), f"{base}?state={S.DRAFT}"),
            (
                "returned",
                _("Hồ sơ bị trả lại cần bổ sung"),
                Q(state=S.RETURNED),
                f"{base}?state={S.RETURNED}",
            ),
            (
                "consolidation",
                _("Hồ sơ của đơn vị cấp dưới chờ tổng hợp, trình cấp trên"),
                Q(state=S.AWAITING_CONSOLIDATION) & ~Q(unit=user_unit(user)),
                reverse("consolidation_list"),
            ),
            (
                "pending",
                _("Hồ sơ đang chờ Hội đồng thẩm định"),
                Q(state=S.SUBMITTED),
                f"{base}?state={S.SUBMITTED}",
            ),
            (
                "deciding",
                _("Hồ sơ đang chờ cấp có thẩm quyền quyết định"),
                Q(state__in=[S.RECOMMENDED, S.AWAITING_DIRECTOR, S.AWAITING_MINISTRY]),
                f"{base}?sort=unit",
            ),
            (
                "approved",
                _("Hồ sơ đã được khen thưởng"),
                Q(state=S.APPROVED),
                f"{base}?state={S.APPROVED}",
            ),
        ]
    # (permission, key, label, state, page, query string): the province-wide queues.
    role_queues = [
        (
            "review_nomination",
            "review",
            _("Hồ sơ chờ Hội đồng thẩm định"),
            S.SUBMITTED,
            "review_queue",
            f"?state={S.SUBMITTED}",
        ),
        (
            "forward_nomination",
            "forward",
            _("Hồ sơ Hội đồng đã đề nghị, chờ trình"),
            S.RECOMMENDED,
            "forward_queue",
            "",
        ),
        (
            "decide_director",
            "director",
            _("Giấy khen chờ Giám đốc quyết định"),
            S.AWAITING_DIRECTOR,
            "director_queue",
            "",
        ),
        (
            "decide_ministry",
            "ministry",
            _("Bằng khen chờ Quyết định của Bộ"),
            S.AWAITING_MINISTRY,
            "ministry_queue",
            "",
        ),
    ]
    queues += [
        (key, label, Q(state=state), reverse(page) + query)
        for codename, key, label, state, page, query in role_queues
        if has_perm(user, codename)
    ]
    if not queues:
        counts: dict[str, int] = {}
    else:
        from django.db.models import Count

        counts = nominations_visible_to(user).aggregate(
            **{key: Count("pk", filter=condition) for key, _label, condition, _url in queues}
        )
    rows = [
        {"key": key, "label": label, "count": counts.get(key, 0), "url": url}
        for key, label, _condition, url in queues
        # Only units that consolidate for others ever have this queue: no empty card elsewhere.
        if key != "consolidation" or counts.get(key)
    ]
    authorities = [
        authority
        for codename, authority in (
            ("decide_director", "PROVINCIAL_DIRECTOR"),
            ("decide_ministry", "MINISTRY"),
        )
        if has_perm(user, codename)
    ]
    if authorities:
        rows.append(
            {
                "key": "draft_decisions",
                "label": _("Quyết định dự thảo chưa ban hành"),
                "count": decisions_visible_to(user)
                .filter(state="draft", authority__in=authorities)
                .count(),
                "url": reverse("decision_list"),
            }
        )
    if has_perm(user, "manage_certificates"):
        rows.append(
            {
                "key": "decisions",
                "label": _("Quyết định đã ban hành cần in Bằng khen/Giấy khen"),
                "count": decisions_visible_to(user).filter(state="issued").count(),
                "url": reverse("decision_list"),
            }
        )
    return rows


def notifications_of(user: Any, *, limit: int = 10) -> list[Any]:
    from .models import Notification

    if not getattr(user, "is_authenticated", False):
        return []
    return list(Notification.objects.filter(recipient=user)[:limit])


def nomination_history(nomination: Nomination) -> list[Any]:
    """The transitions and named events of a nomination merged by time, oldest first, with the
    actor (two queries)."""
    from workflow.services import history

    return history(nomination)


def certificates_of_decision(decision: Decision) -> QuerySet:
    """A decision's certificates with their nominee (one query)."""
    from .models import Certificate

    return (
        Certificate.objects.filter(decision=decision)
        .select_related("nomination", "nomination__unit", "nomination__award_type")
        .order_by("serial")
    )


def ceremonies_list() -> QuerySet:
    from django.db.models import Count

    from .models import Ceremony

    return Ceremony.objects.annotate(decision_count=Count("decisions")).order_by("-date", "-id")


# --- the committee's sessions -----------------------------------------------------------------


def committee_sessions_visible_to(user: Any) -> QuerySet:
    """The secretary (and an administrator) sees every session; a member the sessions they sit
    in; anyone else none."""
    from .models import CommitteeSession
    from .permissions import can_forward, can_review

    sessions = CommitteeSession.objects.select_related("campaign", "created_by")
    if not getattr(user, "is_authenticated", False):
        return sessions.none()
    if user.is_superuser or can_forward(None, user):
        return sessions
    if can_review(None, user):
        # A subquery, not a join: a join on `members` would also narrow any later
        # Count("members") to this one member.
        return sessions.filter(pk__in=CommitteeSession.objects.filter(members=user).values("pk"))
    return sessions.none()


def committee_members() -> QuerySet:
    """Active users holding the committee's review permission (through a role or directly)."""
    from django.contrib.auth import get_user_model

    codename = "review_nomination"
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def session_nominations_awaiting(session: Any, user: Any) -> QuerySet[Nomination]:
    """The session's campaign's nominations awaiting review that the user may see: what the
    session votes on (the web page and the API show the same list)."""
    return (
        nominations_visible_to(user)
        .filter(campaign=session.campaign_id, state=NominationState.SUBMITTED)
        .order_by("unit__path", "nominee_name", "pk")
    )


def session_board(session: Any, nominations: Sequence[Nomination], user: Any) -> list[dict]:
    """One row per nomination for the session page: each member's vote or recusal, the tally
    the recommendation will use, and whether it meets the rule set's share and quorum (a fixed
    number of queries for the page)."""
    from .rules.enforcement import vote_outcome, vote_rules
    from .services.committee import session_votes

    votes = session_votes(session, nominations)
    rules: dict[int, tuple[object, int]] = {}
    rows = []
    for nomination in nominations:
        members, tally = votes[nomination.pk]
        if nomination.award_type_id not in rules:
            rules[nomination.award_type_id] = vote_rules(nomination)
        share, quorum = rules[nomination.award_type_id]
        mine = next((m for m in members if m["member_id"] == user.pk), None)
        rows.append(
            {
                "nomination": nomination,
                "members": members,
                "tally": tally,
                "outcome": vote_outcome(
                    votes_for=tally["votes_for"],
                    votes_against=tally["votes_against"],
                    votes_abstain=tally["votes_abstain"],
                    share=share,
                    quorum=quorum,
                ),
                "mine": mine,
            }
        )
    return rows


def nomination_sessions(nomination: Nomination, user: Any) -> list[dict]:
    """For the nomination page, to the province-wide roles: the sessions of its campaign with
    each member's vote or recusal on it and the tally. While it awaits review every session the
    user may open is listed (to vote there); afterwards only those that dealt with it."""
    from .models import CommitteeSession
    from .services.committee import session_votes

    if not (user.is_superuser or sees_all_nominations(user)):
        return []
    sessions = CommitteeSession.objects.filter(campaign=nomination.campaign_id)
    openable = set(committee_sessions_visible_to(user).values_list("pk", flat=True))
    result = []
    for session in sessions:
        members, tally = session_votes(session, [nomination])[nomination.pk]
        dealt = any(m["choice"] or (m["recused"] and not m["automatic"]) for m in members)
        waiting = nomination.state == NominationState.SUBMITTED and session.pk in openable
        if dealt or waiting:
            result.append(
                {
                    "session": session,
                    "members": members,
                    "tally": tally,
                    "openable": session.pk in openable,
                }
            )
    return result


# --- consolidation and revocation -------------------------------------------------------------


def consolidation_queue(user: Any) -> list[Nomination]:
    """The nominations waiting for the user's unit to consolidate them, by campaign."""
    from .rules.consolidation import nominations_awaiting_unit

    candidates = list(
        nominations_visible_to(user)
        .filter(state=NominationState.AWAITING_CONSOLIDATION)
        .order_by("campaign__opens_on", "campaign_id", "unit__path", "nominee_name", "pk")
    )
    return nominations_awaiting_unit(candidates, user)


def decision_revocations(decision: Decision) -> tuple[Any, dict[int, Any]]:
    """(the revocation of the whole decision or None, {nomination id: revocation of its award})."""
    from .models import Revocation

    whole = None
    by_nomination = {}
    for revocation in Revocation.objects.filter(decision=decision).select_related(
        "certificate", "revoked_by"
    ):
        if revocation.certificate_id is None:
            whole = revocation
        else:
            by_nomination[revocation.certificate.nomination_id] = revocation
    return whole, by_nomination


def nomination_revocation(nomination: Nomination) -> Any:
    """The revocation that annuls this nomination's award (its own, or its whole decision's)."""
    from .models import Revocation

    if not nomination.decision_id:
        return None
    return (
        Revocation.objects.filter(
            Q(decision_id=nomination.decision_id, certificate__isnull=True)
            | Q(certificate__nomination=nomination)
        )
        .select_related("revoked_by", "certificate")
        .order_by(F("certificate_id").asc(nulls_first=True))
        .first()
    )
