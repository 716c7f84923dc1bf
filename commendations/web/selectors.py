"""Reads: the home page's summary of what waits for the user."""

from typing import Any

from django.db.models import Q

from commendations.access.permissions import (
    can_decide_as_director,
    can_decide_as_ministry,
    can_forward_any,
    can_manage_certificates_any,
    can_propose_any,
    can_review_any,
    user_unit,
)
from commendations.committee.selectors import member_sessions_with_votes_pending
from commendations.decisions.models import DecisionState
from commendations.decisions.selectors import decisions_visible_to
from commendations.nominations.models import NominationState
from commendations.nominations.selectors import (
    DECIDING,
    DECIDING_STATES,
    nominations_visible_to,
)


def home_summary(user: Any) -> list[dict[str, Any]]:
    """What needs this user now: one row per queue their permissions give them, with its count
    (one aggregate query)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    S = NominationState
    queues: list[tuple[str, str, Q, str]] = []
    if can_propose_any(user):
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
                Q(state__in=DECIDING_STATES),
                f"{base}?state={DECIDING}",
            ),
            (
                "approved",
                _("Hồ sơ đã được khen thưởng"),
                Q(state=S.APPROVED),
                f"{base}?state={S.APPROVED}",
            ),
        ]
    # (capability, key, label, state, page, query string): the province-wide queues.
    role_queues = [
        (
            can_review_any,
            "review",
            _("Hồ sơ chờ Hội đồng thẩm định"),
            S.SUBMITTED,
            "review_queue",
            f"?state={S.SUBMITTED}",
        ),
        (
            can_forward_any,
            "forward",
            _("Hồ sơ Hội đồng đã đề nghị, chờ trình"),
            S.RECOMMENDED,
            "forward_queue",
            "",
        ),
        (
            can_decide_as_director,
            "director",
            _("Giấy khen chờ Giám đốc quyết định"),
            S.AWAITING_DIRECTOR,
            "director_queue",
            "",
        ),
        (
            can_decide_as_ministry,
            "ministry",
            _("Bằng khen chờ Quyết định của Bộ"),
            S.AWAITING_MINISTRY,
            "ministry_queue",
            "",
        ),
    ]
    queues += [
        (key, label, Q(state=state), reverse(page) + query)
        for may, key, label, state, page, query in role_queues
        if may(user)
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
        for may, authority in (
            (can_decide_as_director, "PROVINCIAL_DIRECTOR"),
            (can_decide_as_ministry, "MINISTRY"),
        )
        if may(user)
    ]
    if authorities:
        rows.append(
            {
                "key": "draft_decisions",
                "label": _("Quyết định dự thảo chưa ban hành"),
                "count": decisions_visible_to(user)
                .filter(state=DecisionState.DRAFT, authority__in=authorities)
                .count(),
                "url": reverse("decision_list") + f"?state={DecisionState.DRAFT}",
            }
        )
    if can_review_any(user):
        # A council member: the votes awaited from them, one card per session.
        rows += [
            {
                "key": f"vote-{session.pk}",
                "label": _("Chờ anh/chị biểu quyết tại %(session)s") % {"session": session},
                "count": count,
                "url": reverse("committee_session_detail", args=[session.pk]),
            }
            for session, count in member_sessions_with_votes_pending(user)
        ]
    if can_manage_certificates_any(user):
        rows.append(
            {
                "key": "decisions",
                "label": _("Quyết định đã ban hành cần in Bằng khen/Giấy khen"),
                "count": decisions_visible_to(user).filter(state=DecisionState.ISSUED).count(),
                "url": reverse("decision_list") + f"?state={DecisionState.ISSUED}",
            }
        )
    return rows
