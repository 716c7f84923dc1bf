"""Writes around eligibility: linking a nomination to the nominee's history and evidence, and a
reviewer's audited confirmation of a condition the records cannot decide."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.access.permissions import can_propose, can_review
from commendations.eligibility.conditions import Status
from commendations.eligibility.models import (
    EligibilityConfirmation,
    NominationEvidence,
    NomineeLink,
)
from commendations.eligibility.selectors import eligibility_report
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination
from commendations.units.models import HonourRecord, Initiative, Person
from workflow.services import audit_event_record


def _lock(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update()
        .select_related("award_type", "campaign")
        .get(pk=nomination.pk)
    )


def _require_editable(nomination: Nomination, actor: Any) -> None:
    if not can_propose(nomination, actor):
        raise PermissionDenied(_("Bạn không có quyền sửa hồ sơ này."))
    if not nomination.is_editable:
        raise ValidationError(_("Chỉ sửa được hồ sơ ở trạng thái dự thảo hoặc bị trả lại."))


@transaction.atomic
def nominee_link_set(*, nomination: Nomination, person: Person, actor: Any) -> NomineeLink:
    nomination = _lock(nomination)
    _require_editable(nomination, actor)
    if not nomination.is_individual:
        raise ValidationError(_("Chỉ hồ sơ cá nhân mới gắn với một cá nhân."))
    link, _created = NomineeLink.objects.update_or_create(
        nomination=nomination, defaults={"person": person}
    )
    return link


@transaction.atomic
def evidence_add(
    *,
    nomination: Nomination,
    actor: Any,
    initiative: Initiative | None = None,
    honour: HonourRecord | None = None,
) -> NominationEvidence:
    nomination = _lock(nomination)
    _require_editable(nomination, actor)
    if (initiative is None) == (honour is None):
        raise ValidationError(_("Chọn một sáng kiến hoặc một danh hiệu làm minh chứng."))
    link = NomineeLink.objects.filter(nomination=nomination).first()
    owner = initiative.person_id if initiative else honour.person_id
    if initiative is not None and (link is None or owner != link.person_id):
        raise ValidationError(_("Sáng kiến không phải của người được đề nghị."))
    evidence, _created = NominationEvidence.objects.get_or_create(
        nomination=nomination, initiative=initiative, honour=honour
    )
    return evidence


@transaction.atomic
def eligibility_confirm(
    *, nomination: Nomination, code: str, actor: Any, reason: str
) -> EligibilityConfirmation:
    """A committee reviewer vouches for a condition reported as unknown, with the grounds; the
    audit trail records who and why next to the nomination's transitions."""
    nomination = _lock(nomination)
    if not can_review(nomination, actor):
        raise PermissionDenied(_("Chỉ thành viên Hội đồng mới xác nhận điều kiện."))
    if not nomination.is_under_review:
        raise ValidationError(_("Chỉ xác nhận điều kiện khi hồ sơ đang chờ thẩm định."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Cần ghi rõ căn cứ xác nhận.")})
    row = next((r for r in eligibility_report(nomination) if r["code"] == code), None)
    if row is None:
        raise ValidationError(
            _("Điều kiện “%(code)s” không áp dụng cho hồ sơ này.") % {"code": code}
        )
    if row["status"] != Status.UNKNOWN:
        raise ValidationError(
            _("Điều kiện “%(label)s” đang ở trạng thái “%(status)s”, không cần xác nhận.")
            % {"label": row["label"], "status": row["status_label"]}
        )
    confirmation, created = EligibilityConfirmation.objects.get_or_create(
        nomination=nomination, code=code, defaults={"confirmed_by": actor, "reason": reason}
    )
    if not created:
        raise ValidationError(_("Điều kiện này đã được xác nhận."))
    audit_event_record(
        kind=AuditEventKind.ELIGIBILITY_CONFIRMED,
        subject=nomination,
        actor=actor,
        comment=reason,
        data={"condition": code, "label": row["label"], "system_reason": row["reason"]},
    )
    return confirmation
