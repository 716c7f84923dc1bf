"""Reads: the home page's summary of what waits for the user: one group of cards per role, in a
fixed order; the nomination queues of every role are counted in one aggregate query."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from commendations.access.permissions import (
    can_decide_any,
    can_decide_as_director,
    can_decide_as_ministry,
    can_forward_any,
    can_manage_certificates_any,
    can_propose_any,
    can_review_any,
    user_unit,
)
from commendations.certificates.models import ReplacementState
from commendations.certificates.selectors import replacement_requests_visible_to
from commendations.committee.selectors import member_sessions_with_votes_pending
from commendations.decisions.models import DecisionState
from commendations.decisions.selectors import decisions_visible_to
from commendations.nominations.models import NominationState as S
from commendations.nominations.selectors import (
    DECIDING,
    DECIDING_STATES,
    nominations_visible_to,
)

Card = dict[str, Any]  # key, label, count, url
Queue = tuple[str, str, Q, str]  # key, label, the nominations it counts, url


def home_summary(user: Any) -> list[Card]:
    """What needs this user now: one card per queue their permissions give them, with its count."""
    queues = _unit_officer_queues(user) + _province_queues(user)
    return [
        *_nomination_cards(user, queues),
        *_decider_cards(user),
        *_council_member_cards(user),
        *_clerk_cards(user),
        *_replacement_cards(user),
    ]


def _unit_officer_queues(user: Any) -> list[Queue]:
    """Where the unit's own nominations stand, from draft to approved."""
    if not can_propose_any(user):
        return []
    base = reverse("nomination_list")
    return [
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


def _province_queues(user: Any) -> list[Queue]:
    """The province-wide queues: the council's, the secretary's, the director's, the Ministry's."""
    # (capability, key, label, state, page, query string)
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
    return [
        (key, label, Q(state=state), reverse(page) + query)
        for may, key, label, state, page, query in role_queues
        if may(user)
    ]


def _nomination_cards(user: Any, queues: list[Queue]) -> list[Card]:
    """Every nomination queue counted in one aggregate query over what the user may see."""
    if not queues:
        return []
    counts = nominations_visible_to(user).aggregate(
        **{key: Count("pk", filter=condition) for key, _label, condition, _url in queues}
    )
    return [
        {"key": key, "label": label, "count": counts.get(key, 0), "url": url}
        for key, label, _condition, url in queues
        # Only units that consolidate for others ever have this queue: no empty card elsewhere.
        if key != "consolidation" or counts.get(key)
    ]


def _decider_cards(user: Any) -> list[Card]:
    """The director and the Ministry: one card for the draft decisions of their authorities."""
    authorities = [
        authority
        for may, authority in (
            (can_decide_as_director, "PROVINCIAL_DIRECTOR"),
            (can_decide_as_ministry, "MINISTRY"),
        )
        if may(user)
    ]
    if not authorities:
        return []
    drafts = decisions_visible_to(user).filter(state=DecisionState.DRAFT, authority__in=authorities)
    return [
        {
            "key": "draft_decisions",
            "label": _("Quyết định dự thảo chưa ban hành"),
            "count": drafts.count(),
            "url": reverse("decision_list") + f"?state={DecisionState.DRAFT}",
        }
    ]


def _council_member_cards(user: Any) -> list[Card]:
    """A council member: the votes awaited from them, one card per session."""
    if not can_review_any(user):
        return []
    return [
        {
            "key": f"vote-{session.pk}",
            "label": _("Chờ anh/chị biểu quyết tại %(session)s") % {"session": session},
            "count": count,
            "url": reverse("committee_session_detail", args=[session.pk]),
        }
        for session, count in member_sessions_with_votes_pending(user)
    ]


def _clerk_cards(user: Any) -> list[Card]:
    """The clerk: issued decisions whose certificates are to be printed."""
    if not can_manage_certificates_any(user):
        return []
    return [
        {
            "key": "decisions",
            "label": _("Quyết định đã ban hành cần in Bằng khen/Giấy khen"),
            "count": decisions_visible_to(user).filter(state=DecisionState.ISSUED).count(),
            "url": reverse("decision_list") + f"?state={DecisionState.ISSUED}",
        }
    ]


def _replacement_cards(user: Any) -> list[Card]:
    """The clerk who records them and the authorities who decide them: replacement requests
    (cấp đổi, cấp lại) still waiting."""
    if not (can_manage_certificates_any(user) or can_decide_any(user)):
        return []
    waiting = replacement_requests_visible_to(user).filter(state=ReplacementState.REQUESTED)
    return [
        {
            "key": "replacements",
            "label": _("Đề nghị cấp đổi, cấp lại chờ duyệt"),
            "count": waiting.count(),
            "url": reverse("replacement_list"),
        }
    ]
