"""Replacement certificates: cấp đổi (damaged), cấp lại (lost), or a corrected one (Thông tư
22/2025/TT-BCA). A request (who, which certificate, why, evidence) is recorded by the clerk; the
authority that issued the decision approves it or refuses it with a reason (both audited
transitions, run by `commendations.actions.certificates`). Approval, in the same transaction:
the old certificate becomes `replaced` (its verification page says so and points to the new
one) and a new certificate is created here from the same decision with the same registry
number, marked "Cấp lại lần N, ngày dd tháng mm năm yyyy" and signed by the authority's signer
in force on that day (`AuthoritySigner`), and rendered after the commit. The award is
counted once: statistics count nominations, and the replaced certificate is no longer one in
force."""

import logging
from typing import Any

from celery import current_app
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import can_manage_certificates
from commendations.certificates import selectors
from commendations.certificates.models import (
    Certificate,
    CertificateState,
    ReplacementRequest,
    ReplacementState,
)
from commendations.certificates.services import RENDER_TASK

logger = logging.getLogger(__name__)
REPLACEABLE = (CertificateState.RENDERED, CertificateState.PRINTED, CertificateState.PRESENTED)


def replacement_request_create(
    *,
    certificate: Certificate,
    applicant: str,
    kind: str,
    reason: str,
    evidence: UploadedFile | None,
    actor: Any,
) -> ReplacementRequest:
    """The clerk records an awardee's request. Only a certificate in force (issued, not revoked
    nor already replaced) can be replaced, and one open request at a time."""
    if not can_manage_certificates(certificate, actor):
        raise PermissionDenied(_("Chỉ Văn thư ghi nhận đề nghị cấp đổi, cấp lại."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.state not in REPLACEABLE:
            raise ValidationError(
                _("Bằng khen/Giấy khen “%(number)s” đang ở trạng thái “%(state)s”: không cấp lại.")
                % {"number": locked.registry_number, "state": locked.get_state_display()}
            )
        if locked.replacement_requests.filter(state=ReplacementState.REQUESTED).exists():
            raise ValidationError(_("Đã có một đề nghị cấp lại đang chờ duyệt."))
        request = ReplacementRequest(
            certificate=locked,
            applicant=applicant.strip(),
            kind=kind,
            reason=reason.strip(),
            requested_by=actor,
        )
        request.full_clean(exclude=["state", "evidence", "new_certificate"])
        if evidence is not None:
            request.evidence = evidence
        request.save()
        return request


def replacement_certificate_issue(
    *, request: ReplacementRequest, old: Certificate, nomination: Any, honour: Any = None
) -> Certificate:
    """Part of approving a request, inside its transaction (the request and the old certificate
    locked and moved on): the award's nomination moves to a new certificate (one in force per
    award) from the same decision with the same registry number and the next reissue number,
    linked to the request and rendered after the commit."""
    Certificate.objects.filter(pk=old.pk).update(nomination=None, honour=None)
    new = Certificate.objects.create(
        nomination=nomination,
        honour=honour,  # a title's Giấy chứng nhận: its honour moves the same way
        decision=old.decision,
        authority=old.authority,
        year=old.year,
        serial=old.serial,
        registry_number=old.registry_number,
        replaces=old,
        reissue_number=old.reissue_number + 1,
        reissued_on=timezone.localdate(),
    )
    ReplacementRequest.objects.filter(pk=request.pk).update(new_certificate=new)
    pk = new.pk

    def send() -> None:
        try:
            current_app.tasks[RENDER_TASK].apply_async(args=[[pk]], retry=False)
        except Exception as exc:  # the clerk's page offers "retry"; the sweep re-sends batches
            logger.warning("replacement certificate %s not sent: %s", pk, exc)

    transaction.on_commit(send)
    return new


def replacement_requests_visible_to(user: Any) -> QuerySet[ReplacementRequest]:
    """The clerk sees every request; a deciding authority those on its own decisions."""
    return selectors.replacement_requests_visible_to(user)
