"""The record of annulling a decision or a single award. The annulment itself (who may, the
certificates' `revoke`, the audit event) is the action
`commendations.actions.certificates.revocation_create`."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commendations.certificates.models import Certificate, Revocation
from commendations.decisions.models import Decision, DecisionState


def revocation_record(
    *, decision: Decision, actor: Any, reason: str, certificate: Certificate | None = None
) -> Revocation:
    """Check and create the record, inside the caller's transaction with `decision` locked: an
    issued decision, a reason, a certificate of this decision, nothing annulled twice."""
    if decision.state != DecisionState.ISSUED:
        raise ValidationError(_("Chỉ thu hồi quyết định đã ban hành."))
    if not reason:
        raise ValidationError({"reason": _("Cần ghi rõ lý do thu hồi, hủy bỏ.")})
    if certificate is not None and certificate.decision_id != decision.pk:
        raise ValidationError(_("Bằng khen/Giấy khen không thuộc quyết định này."))
    if Revocation.objects.filter(decision=decision, certificate__isnull=True).exists():
        raise ValidationError(_("Quyết định này đã bị hủy bỏ."))
    try:
        with transaction.atomic():
            return Revocation.objects.create(
                decision=decision, certificate=certificate, reason=reason, revoked_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError(_("Khen thưởng này đã bị thu hồi.")) from exc
