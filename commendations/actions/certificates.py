"""Every change of a certificate's or a replacement request's state, one function each, read top
to bottom: who may (the predicate declared on the model's `@transition`, checked by the engine),
the locks in primary-key order, the checks, the state change with its audit row (through
`workflow.services`), and the side effects after commit (rendering, the archived PDF).

The work that changes no state is in the certificates package and called from here: the
documents of a chunk and their files (`certificates.services`), the new certificate of an
approved replacement (`certificates.replacement`), the revocation record
(`certificates.revocation`). Numbering at issue is part of `actions.decisions.decision_issue`.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from commendations.access.permissions import Capability, can_issue_decision
from commendations.actions.registry import register
from commendations.campaigns.models import Authority
from commendations.certificates import archived_pdfs as certificate_pdfs
from commendations.certificates.models import (
    Certificate,
    CertificateState,
    ReplacementRequest,
    Revocation,
)
from commendations.certificates.replacement import (
    replacement_certificate_issue,
    replacement_request_create,
)
from commendations.certificates.revocation import revocation_record
from commendations.certificates.services import (
    BULK_TRANSITIONS,
    certificate_file_store,
    certificate_files_discard,
    certificate_render_request,
    certificates_documents_render,
    require_clerk,
)
from commendations.decisions.models import Decision
from commendations.events import AuditEventKind
from commendations.notifications.models import NotificationCode, NotificationKind
from commendations.notifications.services import notifications_create, users_with_permission
from workflow.actors import SYSTEM
from workflow.retry import conflict_safe
from workflow.selectors import transition_ready, transition_refusals
from workflow.services import (
    audit_event_record,
    reload_locked,
    transition_perform,
    transition_perform_bulk,
)

C = CertificateState


# --- rendering (run by the tasks, as the system) ------------------------------------------------


def certificates_render(*, certificate_ids: Iterable[int]) -> dict[str, int]:
    """Render a chunk of certificates (one Celery task); returns how many were rendered, failed
    and skipped.

    The documents are rendered first, outside any lock (the slow part). Then one transaction
    locks the chunk's rows, writes the files of those still pending under their deterministic
    names and runs their transitions (`render_done`, or `fail` for a template error, which is
    final), saved with one UPDATE and the audit rows in one INSERT. A certificate that another
    worker finished meanwhile is skipped and its file left alone, so a chunk delivered twice
    leaves one file and one number per certificate. Any other error (storage, database) rolls
    the chunk back, removes the files this attempt wrote and is raised for the task to retry."""
    chunk = certificates_documents_render(certificate_ids=certificate_ids)
    outcome = {"rendered": 0, "failed": 0, "skipped": len(chunk.ids) - len(chunk.pending)}
    if not chunk.pending:
        return outcome
    with transaction.atomic():
        locked = list(
            Certificate.objects.select_for_update()
            .filter(pk__in=[c.pk for c in chunk.pending])
            .order_by("pk")
        )
        still_pending = [c for c in locked if c.state == C.PENDING]
        outcome["skipped"] += len(chunk.pending) - len(still_pending)
        written: list[str] = []
        failing = [c for c in still_pending if c.pk in chunk.errors]
        rendering = [c for c in still_pending if c.pk not in chunk.errors]
        try:
            transition_perform_bulk(
                instances=failing,
                name="fail",
                actor=SYSTEM,
                lock=False,
                expected_state=C.PENDING,
                params_by_pk={c.pk: {"error": chunk.errors[c.pk]} for c in failing},
            )
            params_by_pk = {}
            for certificate in rendering:
                name = certificate_file_store(
                    certificate=certificate, content=chunk.contents[certificate.pk]
                )
                written.append(name)
                params_by_pk[certificate.pk] = {
                    "template": chunk.template_of(certificate),
                    "file_name": name,
                }
            transition_perform_bulk(
                instances=rendering,
                name="render_done",
                actor=SYSTEM,
                lock=False,
                expected_state=C.PENDING,
                params_by_pk=params_by_pk,
            )
            certificate_pdfs.pdfs_schedule(c.pk for c in rendering)  # after the commit
        except BaseException:
            certificate_files_discard(written)  # the rows roll back: no file without its record
            raise
    outcome["failed"] += sum(c.state == C.FAILED for c in still_pending)
    outcome["rendered"] += sum(c.state == C.RENDERED for c in still_pending)
    return outcome


def certificate_render(*, certificate_id: int) -> str:
    """Render one certificate if it is still pending; returns what happened (see
    certificates_render)."""
    outcome = certificates_render(certificate_ids=[certificate_id])
    return next((result for result, count in outcome.items() if count), "skipped")


def certificates_fail_pending(*, certificate_ids: Iterable[int], error: str) -> int:
    """When a task gives up: record the error on every certificate of its chunk still pending."""
    failed = 0
    for pk in certificate_ids:
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().filter(pk=pk).first()
            if locked is None or locked.state != C.PENDING:
                continue
            transition_perform(instance=locked, name="fail", actor=SYSTEM, error=error)
            failed += 1
    return failed


# --- the clerk ---------------------------------------------------------------------------------


@register(Certificate, "retry")
@conflict_safe
@transaction.atomic
def certificate_retry(
    *,
    certificate: Certificate,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
) -> Certificate:
    """A failed certificate goes back to pending and is rendered again with the newest template
    (sent after the commit)."""
    seen = expected_state if expected_state is not None else certificate.state
    reload_locked(certificate)
    transition_ready(certificate, name="retry", actor=actor, comment=comment, expected_state=seen)
    transition_perform(
        instance=certificate, name="retry", actor=actor, comment=comment, expected_state=seen
    )
    certificate_render_request(certificate=certificate)
    return certificate


@transaction.atomic
def certificates_mark(*, certificates: Iterable[Certificate], transition: str, actor: Any) -> int:
    """Bulk "printed" / "presented": all or none, one UPDATE, audit rows in bulk."""
    if transition not in BULK_TRANSITIONS:
        raise ValidationError(_("Thao tác không hợp lệ: %(name)s.") % {"name": transition})
    require_clerk(actor)
    ids = sorted({c.pk for c in certificates})
    locked = list(Certificate.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if not locked:
        raise ValidationError(_("Chưa chọn Bằng khen/Giấy khen nào."))
    refusals = transition_refusals(instances=locked, name=transition, actor=actor)
    if refusals:
        raise ValidationError(
            [f"{c.registry_number}: {refusals[c.pk]}" for c in locked if c.pk in refusals]
        )
    transition_perform_bulk(instances=locked, name=transition, actor=actor, lock=False)
    return len(locked)


def _mark_one(
    certificate: Certificate, *, name: str, actor: Any, comment: str, expected_state: str | None
) -> Certificate:
    seen = expected_state if expected_state is not None else certificate.state
    reload_locked(certificate)
    transition_ready(certificate, name=name, actor=actor, comment=comment, expected_state=seen)
    return transition_perform(
        instance=certificate, name=name, actor=actor, comment=comment, expected_state=seen
    )


@register(Certificate, "mark_printed")
@conflict_safe
@transaction.atomic
def certificate_mark_printed(
    *,
    certificate: Certificate,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
) -> Certificate:
    """The clerk has printed it (one certificate; the pages mark many with certificates_mark)."""
    return _mark_one(
        certificate,
        name="mark_printed",
        actor=actor,
        comment=comment,
        expected_state=expected_state,
    )


@register(Certificate, "mark_presented")
@conflict_safe
@transaction.atomic
def certificate_mark_presented(
    *,
    certificate: Certificate,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
) -> Certificate:
    """It was handed to the awardee (one certificate; see certificates_mark for many)."""
    return _mark_one(
        certificate,
        name="mark_presented",
        actor=actor,
        comment=comment,
        expected_state=expected_state,
    )


# --- the issuing authority: revocation and replacement -----------------------------------------


@transaction.atomic
def revocation_create(
    *, decision: Decision, actor: Any, reason: str, certificate: Certificate | None = None
) -> Revocation:
    """Annul a whole decision, or one award of it, with the reason: the decision's row locked,
    who may (the authority that issued it, as `Certificate.revoke` declares), the record, the
    annulled certificates' `revoke` (locked in pk order, one UPDATE, one audit row each), so
    they are no longer rendered, printed, read out or presented, then the audit event."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not can_issue_decision(decision, actor):
        raise PermissionDenied(_("Chỉ cấp đã ra quyết định mới được thu hồi, hủy bỏ."))
    reason = (reason or "").strip()
    revocation = revocation_record(
        decision=decision, actor=actor, reason=reason, certificate=certificate
    )
    certificates = Certificate.objects.select_for_update().filter(decision=decision)
    if certificate is not None:
        certificates = certificates.filter(pk=certificate.pk)
    locked = list(certificates.exclude(state=C.REVOKED).order_by("pk"))
    for row in locked:
        row.decision = decision  # the locked decision: its number goes in every audit row
    transition_perform_bulk(
        instances=locked, name="revoke", actor=actor, comment=reason, lock=False, internal_ok=True
    )
    audit_event_record(
        kind=AuditEventKind.AWARD_REVOKED if certificate else AuditEventKind.DECISION_REVOKED,
        subject=(certificate.nomination or certificate.award_honour) if certificate else decision,
        actor=actor,
        comment=reason,
        data={
            "decision": decision.number,
            "certificate": certificate.registry_number if certificate else None,
        },
    )
    return revocation


DECIDERS = {
    Authority.PROVINCIAL_DIRECTOR: Capability.DECIDE_DIRECTOR,
    Authority.MINISTRY: Capability.DECIDE_MINISTRY,
}


@transaction.atomic
def replacement_request_submit(
    *,
    certificate: Certificate,
    applicant: str,
    kind: str,
    reason: str,
    evidence: Any,
    actor: Any,
) -> ReplacementRequest:
    """The clerk records an awardee's request (certificates.replacement), and the authority that
    issued the decision is told that it waits for them."""
    request = replacement_request_create(
        certificate=certificate,
        applicant=applicant,
        kind=kind,
        reason=reason,
        evidence=evidence,
        actor=actor,
    )
    notifications_create(
        recipients=users_with_permission(DECIDERS[certificate.authority]),
        kind=NotificationKind.QUEUE,
        code=NotificationCode.REPLACEMENT_WAITING,
        params={"number": certificate.registry_number},
        url=reverse("replacement_list"),
        exclude=actor,
    )
    return request


@register(ReplacementRequest, "approve", subject="replacement_request")
@transaction.atomic
def replacement_approve(
    *,
    replacement_request: ReplacementRequest,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
) -> Certificate:
    """The authority approves: the request's `approve` and the old certificate's `replace`
    (both audited), then the new certificate (same decision, same registry number, next reissue
    number), rendered after the commit."""
    request = ReplacementRequest.objects.select_for_update().get(pk=replacement_request.pk)
    old = Certificate.objects.select_for_update().get(pk=request.certificate_id)
    if not can_issue_decision(old.decision, actor):
        raise PermissionDenied(_("Chỉ cấp đã ra quyết định mới duyệt cấp lại."))
    transition_perform(
        instance=request,
        name="approve",
        actor=actor,
        comment=comment,
        expected_state=expected_state,
        internal_ok=True,
    )
    nomination, honour = old.nomination, old.honour
    transition_perform(
        instance=old,
        name="replace",
        actor=actor,
        comment=comment,
        internal_ok=True,
        request_id=request.pk,
    )
    return replacement_certificate_issue(
        request=request, old=old, nomination=nomination, honour=honour
    )


@register(ReplacementRequest, "refuse", subject="replacement_request")
@transaction.atomic
def replacement_refuse(
    *,
    replacement_request: ReplacementRequest,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
) -> ReplacementRequest:
    """The authority refuses, with the reason (the transition requires it)."""
    if not can_issue_decision(replacement_request.certificate.decision, actor):
        raise PermissionDenied(_("Chỉ cấp đã ra quyết định mới duyệt cấp lại."))
    return transition_perform(
        instance=replacement_request,
        name="refuse",
        actor=actor,
        comment=comment,
        expected_state=expected_state,
    )
