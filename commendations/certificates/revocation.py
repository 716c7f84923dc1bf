"""Annulling a decision or a single award, by the authority that issued it, with the reason."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commendations.access.permissions import can_issue_decision
from commendations.certificates.models import Certificate, CertificateState, Revocation
from commendations.decisions.models import Decision, DecisionState
from commendations.events import AuditEventKind
from workflow.services import audit_event_record, transition_perform_bulk


@transaction.atomic
def revocation_create(
    *, decision: Decision, actor: Any, reason: str, certificate: Certificate | None = None
) -> Revocation:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not can_issue_decision(decision, actor):
        raise PermissionDenied(_("Chỉ cấp đã ra quyết định mới được thu hồi, hủy bỏ."))
    if decision.state != DecisionState.ISSUED:
        raise ValidationError(_("Chỉ thu hồi quyết định đã ban hành."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Cần ghi rõ lý do thu hồi, hủy bỏ.")})
    if certificate is not None and certificate.decision_id != decision.pk:
        raise ValidationError(_("Bằng khen/Giấy khen không thuộc quyết định này."))
    if Revocation.objects.filter(decision=decision, certificate__isnull=True).exists():
        raise ValidationError(_("Quyết định này đã bị hủy bỏ."))
    try:
        with transaction.atomic():
            revocation = Revocation.objects.create(
                decision=decision, certificate=certificate, reason=reason, revoked_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError(_("Khen thưởng này đã bị thu hồi.")) from exc
    _certificates_revoke(decision, certificate, actor=actor, reason=reason)
    audit_event_record(
        kind=AuditEventKind.AWARD_REVOKED if certificate else AuditEventKind.DECISION_REVOKED,
        subject=certificate.nomination if certificate else decision,
        actor=actor,
        comment=reason,
        data={
            "decision": decision.number,
            "certificate": certificate.registry_number if certificate else None,
        },
    )
    return revocation


def _certificates_revoke(
    decision: Decision, certificate: Certificate | None, *, actor: Any, reason: str
) -> int:
    """The annulled certificates go to `revoked` (locked, through their django-fsm transition,
    one audit row each), so they are no longer rendered, printed, read out or presented."""
    certificates = Certificate.objects.select_for_update().filter(decision=decision)
    if certificate is not None:
        certificates = certificates.filter(pk=certificate.pk)
    locked = list(certificates.exclude(state=CertificateState.REVOKED).order_by("pk"))
    for row in locked:
        row.decision = decision  # the locked decision: its number goes in every audit row
    transition_perform_bulk(
        instances=locked, name="revoke", actor=actor, comment=reason, lock=False, internal_ok=True
    )
    return len(locked)
