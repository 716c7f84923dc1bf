"""Reads: the decisions a user may see."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from commendations.access.permissions import can_forward_any, sees_all_nominations
from commendations.decisions.models import (
    Decision,
    DecisionPdfStatus,
    DecisionState,
    SignatureState,
    SubmissionLetter,
)
from commendations.decisions.prize import PrizeRate, prize_rate


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    if user.is_superuser or sees_all_nominations(user):
        return Decision.objects.all()
    return Decision.objects.none()


def decision_pdf_unavailable_reason(decision: Decision) -> str:
    """Why the decision's PDF cannot be served (yet): for the page and the API's 404."""
    if decision.state != DecisionState.ISSUED:
        return _("Quyết định chưa ban hành: chưa có bản PDF.")
    if decision.signature_state == SignatureState.PAPER and decision.entered_after_the_fact:
        return _(
            "Quyết định ban hành trên giấy (ghi nhận sau ngày ký): bản gốc là bản giấy đã ký "
            "tay và đóng dấu đỏ; xem bản quét nếu đã đính kèm."
        )
    if decision.pdf_status == DecisionPdfStatus.PENDING:
        return _("Bản PDF của quyết định đang được tạo; vui lòng thử lại sau ít phút.")
    if decision.pdf_status == DecisionPdfStatus.FAILED:
        return _("Không tạo được bản PDF của quyết định: %(error)s") % {"error": decision.pdf_error}
    return _(
        "Quyết định này do cấp khác ban hành: hệ thống không tạo bản PDF (xem bản quét nếu có)."
    )


def submission_letters_visible_to(user: Any) -> QuerySet[SubmissionLetter]:
    """The Tờ trình records and their packages are for those who forward nominations."""
    if not can_forward_any(user):
        return SubmissionLetter.objects.none()
    return SubmissionLetter.objects.select_related("created_by")


def decision_prize_unverified(decision: Decision) -> list[PrizeRate]:
    """The prize rates a draft decision will print whose coefficient was not checked against the
    text (`PrizeRule.verified`): the page asks to check them before issuing. One rate per award
    type of its list (a decision's list holds one award type; a recognition decision's, several
    titles, each priced by its own rule only, as the document does)."""
    nominated = set(decision.nominations.values_list("award_type_id", flat=True))
    titles = {
        pk
        for pk in decision.rating_lists.values_list("rows__award_type_id", flat=True)
        if pk is not None
    }
    asked = [(pk, False) for pk in sorted(nominated)] + [(pk, True) for pk in sorted(titles)]
    rates = []
    for award_type_id, own_rule_only in asked or [(None, False)]:
        rate = prize_rate(
            authority=decision.authority,
            on=decision.date,
            award_type_id=award_type_id,
            own_rule_only=own_rule_only,
        )
        if rate is not None and not rate.verified and rate not in rates:
            rates.append(rate)
    return rates
