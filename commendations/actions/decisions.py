"""Issuing a decision (the one way nominations become `approved`), recording one signed
elsewhere, and the signer's signature over it.

`decision_issue` reads top to bottom: the decision's row locked and still a draft, who may (the
authority's predicate declared on `Decision.issue`), its nominations locked in primary-key
order and still awaiting this authority, the decision's `issue` and every nomination's
`approve` (one UPDATE, one INSERT of audit rows), the certificates numbered in the same
transaction (a failure rolls the whole issue back), then the notices; rendering and the PDF
leave after commit.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import can_issue_decision, can_seal_decision
from commendations.actions.nominations import RELATED
from commendations.actions.registry import register
from commendations.campaigns.models import AuthorityProfile
from commendations.certificates.services import (
    certificates_number_on_issue,
    certificates_release,
)
from commendations.decisions.models import Decision, DecisionState, SignatureState
from commendations.decisions.services import decision_create, decision_nominations_check
from commendations.decisions.signed_pdf import (
    decision_pdf_request,
    decision_seal_apply,
    sealed_pdf_discard,
    signed_pdf_discard,
    signed_pdf_read,
    signed_pdf_signature,
    signed_pdf_store,
)
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination
from commendations.notifications.services import (
    notifications_for_decision_issued,
    notifications_steps_done,
)
from workflow.exceptions import ConcurrentChange
from workflow.selectors import transition_ready
from workflow.services import audit_event_record, transition_perform, transition_perform_bulk


def sealed_here(authority: str) -> bool:
    return AuthorityProfile.for_authority(authority).sealed_here


def decision_signing_start(*, decision: Decision, actor: Any, comment: str = "") -> None:
    """After a decision's issue, inside its transaction: one dated before today is recorded as
    its paper original (signed and sealed by hand back then, never sealed with today's time
    beside its old date); any other gets its PDF made for the signer once the issue commits
    (an authority sealed here only). Every issue goes through this: a Quyết định khen thưởng
    and a Quyết định công nhận danh hiệu alike."""
    if decision.entered_after_the_fact and sealed_here(decision.authority):
        transition_perform(
            instance=decision,
            name="sign_on_paper",
            actor=actor,
            comment=comment,
            expected_state=SignatureState.UNSIGNED,
            scan_name="",
            signed_at=None,
        )
    else:
        decision_pdf_request(decision=decision)


@transaction.atomic
def decision_issue(*, decision: Decision, actor: Any, comment: str = "") -> Decision:
    """Issue the decision and approve every nomination of it, all in one transaction."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.state != DecisionState.DRAFT:
        raise ConcurrentChange(_("Quyết định này đã được ban hành."))
    transition_ready(locked, name="issue", actor=actor, comment=comment, internal_ok=True)
    nominations = list(
        Nomination.objects.select_for_update(of=("self",))
        .filter(decision=locked)
        .select_related(*RELATED)
        .order_by("pk")
    )
    decision_nominations_check(authority=locked.authority, nominations=nominations, decision=locked)
    transition_perform(
        instance=locked,
        name="issue",
        actor=actor,
        comment=comment,
        expected_state=DecisionState.DRAFT,
        internal_ok=True,
        nomination_count=len(nominations),
    )
    # One time for all, so the write is one plain UPDATE.
    transition_perform_bulk(
        instances=nominations,
        name="approve",
        actor=actor,
        comment=comment or str(locked),
        lock=False,
        internal_ok=True,
        decision=locked,
        decided_at=timezone.now(),
    )
    decision_signing_start(decision=locked, actor=actor, comment=comment)
    certificates_number_on_issue(decision=locked, nominations=nominations, actor=actor)
    notifications_steps_done(nominations=nominations)
    notifications_for_decision_issued(decision=locked, nominations=nominations, actor=actor)
    return locked


@transaction.atomic
def decision_record_issued(
    *,
    actor: Any,
    authority: str,
    number: str,
    date: datetime.date,
    signer_name: str,
    signer_title: str,
    nomination_ids: Iterable[int],
    scan: Any = None,
    place: str | None = None,
    signer_mode: str = "",
    signer_principal_title: str = "",
    signer_rank: str = "",
    registry_first_number: int | None = None,
    registry_prefix: str = "",
) -> Decision:
    """Record a decision already signed elsewhere (the Ministry's Bằng khen): create it and issue
    it at once, so its nominations are approved in the same transaction."""
    decision = decision_create(
        actor=actor,
        authority=authority,
        number=number,
        date=date,
        signer_name=signer_name,
        signer_title=signer_title,
        nomination_ids=nomination_ids,
        place=place,
        scan=scan,
        signer_mode=signer_mode,
        signer_principal_title=signer_principal_title,
        signer_rank=signer_rank,
        registry_first_number=registry_first_number,
        registry_prefix=registry_prefix,
    )
    return decision_issue(decision=decision, actor=actor)


@transaction.atomic
def decision_sign(*, decision: Decision, actor: Any, pdf_bytes: Any, comment: str = "") -> Decision:
    """Accept the PDF the signer signed on their own machine (`pdf_bytes`: bytes or an uploaded
    file) and mark the decision "Đã ký số" (`sign_digitally`, audited with the signer's
    certificate). The row is locked: of two uploads at once one wins, the other is told the
    decision is signed already."""
    content = signed_pdf_read(pdf_bytes)
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if not can_issue_decision(locked, actor):
        raise PermissionDenied(_("Chỉ cấp có thẩm quyền ban hành quyết định mới được ký số."))
    signature, verdict = signed_pdf_signature(decision=locked, content=content)
    name = signed_pdf_store(decision=locked, content=content)
    try:
        transition_perform(
            instance=locked,
            name="sign_digitally",
            actor=actor,
            comment=comment,
            expected_state=SignatureState.UNSIGNED,
            internal_ok=True,
            signed_pdf_name=name,
            sha256=verdict.sha256,
            signer=signature.signer,
            organisation=signature.organisation,
            serial=signature.serial,
            signed_at=signature.signed_at,
        )
    except Exception:
        signed_pdf_discard(name)
        raise
    return locked


@register(Decision, "sign_on_paper")
@transaction.atomic
def decision_sign_on_paper(
    *,
    decision: Decision,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    scan: Any = None,
) -> Decision:
    """The signer signed the paper original by hand: recorded with its scan (a PDF the văn thư
    then seals over; optional when it is uploaded later with the seal). The row is locked."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if not can_issue_decision(locked, actor):
        raise PermissionDenied(_("Chỉ cấp có thẩm quyền ban hành quyết định mới ghi nhận được."))
    scan_name = ""
    if scan:
        locked.scan = scan
        locked.save(update_fields=["scan"])
        scan_name = locked.scan.name
    transition_perform(
        instance=locked,
        name="sign_on_paper",
        actor=actor,
        comment=comment,
        expected_state=expected_state or SignatureState.UNSIGNED,
        scan_name=scan_name,
        signed_at=timezone.now(),
    )
    return locked


@register(Decision, "seal")
@transaction.atomic
def decision_seal(
    *, decision: Decision, actor: Any, comment: str = "", expected_state: str | None = None
) -> Decision:
    """The văn thư applies the organisation's seal after the signer's signature, at the real
    time; then the decision's certificates are rendered. The row is locked: of two clerks at
    once one seals, the other is told it is sealed already."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.signature_state == SignatureState.SEALED:
        raise ConcurrentChange(_("Quyết định này đã được đóng dấu."))
    if not can_seal_decision(locked, actor):
        raise PermissionDenied(_("Chỉ văn thư mới được đóng dấu của cơ quan."))
    transition_ready(locked, name="seal", actor=actor, comment=comment)
    name, sha256, organisation = decision_seal_apply(decision=locked)
    try:
        transition_perform(
            instance=locked,
            name="seal",
            actor=actor,
            comment=comment,
            expected_state=expected_state or locked.signature_state,
            sealed_pdf_name=name,
            sha256=sha256,
            organisation=organisation,
            sealed_at=timezone.now(),
        )
    except Exception:
        sealed_pdf_discard(name)
        raise
    certificates_release(decision=locked)
    return locked


@transaction.atomic
def decision_scan_attach(
    *, decision: Decision, actor: Any, scan: Any, comment: str = ""
) -> Decision:
    """Attach the scan of a paper original recorded without one (a decision entered after the
    fact, issued through the API): a named audit event, the state unchanged."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if not can_issue_decision(locked, actor):
        raise PermissionDenied(_("Chỉ cấp có thẩm quyền ban hành quyết định mới ghi nhận được."))
    if locked.signature_state != SignatureState.PAPER:
        raise ValidationError({"scan": [_("Chỉ đính kèm bản quét cho bản gốc giấy.")]})
    if not scan:
        raise ValidationError({"scan": [_("Chọn tệp bản quét.")]})
    locked.scan = scan
    locked.save(update_fields=["scan"])
    audit_event_record(
        kind=AuditEventKind.DECISION_SCAN_ATTACHED,
        subject=locked,
        actor=actor,
        comment=comment,
        data={"scan": locked.scan.name},
    )
    return locked


def decision_paper_original(
    *, decision: Decision, actor: Any, scan: Any = None, comment: str = ""
) -> Decision:
    """The paper-original form of the page and the API: the signer signed by hand (recorded,
    with its scan if given), or the scan of a paper original already recorded."""
    if decision.signature_state == SignatureState.PAPER:
        return decision_scan_attach(decision=decision, actor=actor, scan=scan, comment=comment)
    return decision_sign_on_paper(
        decision=decision,
        actor=actor,
        comment=comment,
        expected_state=SignatureState.UNSIGNED,
        scan=scan,
    )
