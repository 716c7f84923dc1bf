"""Certificates: numbering when a decision is issued, rendering batches (sent to Celery after the
commit) and the documents of a chunk. Their transitions (a chunk rendered or failed, a retry,
the clerk's printed/presented marks) are actions: `commendations.actions.certificates`."""

import contextlib
import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations import queues
from commendations.access.permissions import can_manage_certificates
from commendations.certificates import documents as certificates_documents
from commendations.certificates.models import (
    TITLE_CERTIFICATE_KINDS,
    TITLE_REGISTRY_PREFIX,
    Certificate,
    CertificateState,
    RegistryCounter,
    RenderBatch,
)
from commendations.decisions.models import Decision, DecisionState
from commendations.documents import rendering as documents_rendering
from commendations.documents.models import DocumentTemplate
from commendations.documents.vietnamese import person_name_key
from commendations.files.storage import file_replace
from commendations.nominations.models import Nomination, NominationState
from commendations.nominations.ordering import ceremony_key
from commendations.units.models import HonourRecord
from workflow.services import creation_record_bulk

RENDER_TASK = "commendations.certificates.tasks.render_certificates"

logger = logging.getLogger(__name__)
C = CertificateState
DONE_STATES = (C.RENDERED, C.PRINTED, C.PRESENTED)
BULK_TRANSITIONS = ("mark_printed", "mark_presented")


def require_clerk(actor: Any) -> None:
    if not can_manage_certificates(None, actor):
        raise PermissionDenied(_("Bạn không có quyền quản lý Bằng khen/Giấy khen."))


# --- numbering ----------------------------------------------------------------------------------


def _counter_locked(authority: str, year: int) -> RegistryCounter:
    """The counter row for (authority, year), locked until the transaction ends."""
    try:
        with transaction.atomic():
            RegistryCounter.objects.get_or_create(authority=authority, year=year)
    except IntegrityError:  # created by a concurrent transaction meanwhile
        pass
    return RegistryCounter.objects.select_for_update().get(authority=authority, year=year)


def _received_numbers_check(decision: Decision, numbers: list[str]) -> None:
    """Numbers entered from another authority's decision must not be on a certificate already
    (raised inside the issuing transaction: nothing of the decision is kept)."""
    serials = range(decision.registry_first_number, decision.registry_first_number + len(numbers))
    clash = Certificate.objects.filter(
        Q(registry_number__in=numbers)
        | Q(authority=decision.authority, year=decision.year, serial__in=list(serials))
    )
    if clash.exists():
        raise ValidationError(
            {
                "registry_first_number": _(
                    "Số vào sổ %(first)s–%(last)s trùng với Bằng khen/Giấy khen đã có."
                )
                % {"first": numbers[0], "last": numbers[-1]}
            }
        )


def _certificates_create(decision: Decision, nominations: Iterable[Nomination], actor: Any) -> int:
    """Number the decision's approved nominations that have no certificate yet, in ceremony
    order, from the locked counter. Runs inside the caller's transaction: a rollback gives the
    numbers back, so they are never skipped."""
    approved = [n for n in nominations if n.state == NominationState.APPROVED]
    numbered = set(
        Certificate.objects.filter(nomination__in=approved).values_list("nomination_id", flat=True)
    )
    missing = [n for n in approved if n.pk not in numbered]
    if not missing:
        return 0
    missing.sort(key=ceremony_key)
    if decision.registry_first_number:
        # printed and numbered by the authority itself (the Ministry's Bằng khen): its numbers,
        # entered when its decision was recorded, in the order of the list; our counter untouched
        first = decision.registry_first_number + len(numbered)

        def number(serial: int) -> str:
            return f"{decision.registry_prefix}{serial}"

        _received_numbers_check(decision, [number(s) for s in range(first, first + len(missing))])

    else:
        counter = _counter_locked(decision.authority, decision.year)
        first = counter.last_number + 1
        counter.last_number += len(missing)
        counter.save(update_fields=["last_number"])

        def number(serial: int) -> str:
            return Certificate.format_registry_number(decision.authority, decision.year, serial)

    certificates = [
        Certificate(
            nomination=n,
            decision=decision,
            authority=decision.authority,
            year=decision.year,
            serial=serial,
            registry_number=number(serial),
        )
        for serial, n in enumerate(missing, first)
    ]
    Certificate.objects.bulk_create(certificates)
    created = list(
        Certificate.objects.filter(nomination__in=missing).order_by("serial")
    )  # with their ids on every backend
    creation_record_bulk(
        instances=created, actor=actor, comment=str(decision), data={"decision": decision.pk}
    )
    return len(created)


def _title_key(honour: HonourRecord) -> tuple:
    """The order of a recognition decision's certificates: by title, then by name."""
    name = honour.person.full_name if honour.person_id else ""
    return (honour.award_type.sort_order, honour.award_type.code, person_name_key(name), honour.pk)


def _title_certificates_create(decision: Decision, actor: Any) -> int:
    """Number the Giấy chứng nhận of the honours the recognition decision recorded whose title
    the province prints (TITLE_CERTIFICATE_KINDS) and that have none yet, from the locked
    counter of the Director's book for the year (the one the Giấy khen use), prefixed "CN".
    Inside the caller's transaction, like `_certificates_create`; safe to call again."""
    printed = HonourRecord.objects.filter(
        decision=decision, award_type__code__in=list(TITLE_CERTIFICATE_KINDS)
    )
    numbered = set(
        Certificate.objects.filter(honour__in=printed).values_list("honour_id", flat=True)
    )
    honours = [h for h in printed.select_related("person", "award_type") if h.pk not in numbered]
    if not honours:
        return 0
    honours.sort(key=_title_key)
    counter = _counter_locked(decision.authority, decision.year)
    first = counter.last_number + 1
    counter.last_number += len(honours)
    counter.save(update_fields=["last_number"])
    Certificate.objects.bulk_create(
        Certificate(
            honour=h,
            decision=decision,
            authority=decision.authority,
            year=decision.year,
            serial=serial,
            registry_number=Certificate.format_registry_number(
                decision.authority, decision.year, serial, TITLE_REGISTRY_PREFIX
            ),
        )
        for serial, h in enumerate(honours, first)
    )
    created = list(Certificate.objects.filter(honour__in=honours).order_by("serial"))
    creation_record_bulk(
        instances=created, actor=actor, comment=str(decision), data={"decision": decision.pk}
    )
    return len(created)


def title_certificates_number_on_issue(*, decision: Decision, actor: Any) -> int:
    """Part of recognising the year's titles (actions.annual_titles.rating_lists_decide), after
    its honours are recorded: the titles' certificates numbered in the same transaction, and
    rendered after the commit under the rule of the nominations' certificates — at once unless
    the decision is signed here in the decree's order (`awaits_seal`): then at the văn thư's
    seal (`certificates_release`, run by decision_seal)."""
    created = _title_certificates_create(decision, actor)
    if created and not decision.awaits_seal:
        _batch_schedule(decision)
    return created


def _batch_schedule(decision: Decision) -> RenderBatch:
    """Mark the decision's batch waiting and send it once the transaction has committed."""
    batch, _created = RenderBatch.objects.select_for_update().get_or_create(
        decision=decision, defaults={"chunk_size": settings.CERTIFICATE_CHUNK_SIZE}
    )
    batch.status = RenderBatch.Status.WAITING
    batch.save(update_fields=["status", "updated_at"])
    batch_id = batch.pk
    transaction.on_commit(lambda: batch_send(batch_id=batch_id))
    return batch


def certificates_number_on_issue(
    *, decision: Decision, nominations: list[Nomination], actor: Any
) -> None:
    """Part of issuing a decision: numbers its certificates inside the issuing transaction (a
    rollback gives the numbers back) and sends rendering after the commit — unless the decision
    is signed here in the decree's order: then its certificates wait for the văn thư's seal
    (certificates_release)."""
    _certificates_create(decision, nominations, actor)
    if not decision.awaits_seal:
        _batch_schedule(decision)


def certificates_release(*, decision: Decision) -> RenderBatch:
    """Part of sealing a decision (decision_seal): the certificates, numbered at the issue,
    are rendered now that the decision is signed and sealed."""
    return _batch_schedule(decision)


@transaction.atomic
def certificates_generate(*, decision: Decision, actor: Any) -> RenderBatch:
    """Start (or restart) rendering a decision's certificates; safe to call again."""
    require_clerk(actor)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.ISSUED:
        raise ValidationError(_("Quyết định chưa ban hành, chưa tạo được Bằng khen/Giấy khen."))
    if decision.awaits_seal:
        raise ValidationError(
            _(
                "Quyết định chưa được ký và đóng dấu: Bằng khen/Giấy khen được tạo sau khi văn "
                "thư đóng dấu của cơ quan."
            )
        )
    nominations = list(
        decision.nominations.filter(state=NominationState.APPROVED).select_related("award_type")
    )
    _certificates_create(decision, nominations, actor)
    _title_certificates_create(decision, actor)  # a recognition decision's titles
    return _batch_schedule(decision)


# --- sending batches ----------------------------------------------------------------------------


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def batch_send(*, batch_id: int) -> bool:
    """Send the pending certificates of a batch to the broker in chunks. If the broker is
    unreachable the batch stays `waiting` with the error, for the sweep to send later."""
    batch = RenderBatch.objects.select_related("decision").get(pk=batch_id)
    ids = list(
        Certificate.objects.filter(decision=batch.decision, state=C.PENDING)
        .order_by("serial")
        .values_list("pk", flat=True)
    )
    try:
        for chunk in _chunks(ids, batch.chunk_size or settings.CERTIFICATE_CHUNK_SIZE):
            current_app.tasks[RENDER_TASK].apply_async(args=[chunk], retry=False)
    except Exception as exc:
        logger.warning("certificate batch %s not sent: %s", batch_id, exc)
        RenderBatch.objects.filter(pk=batch_id).update(
            status=RenderBatch.Status.WAITING,
            send_attempts=batch.send_attempts + 1,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            updated_at=timezone.now(),
        )
        return False
    RenderBatch.objects.filter(pk=batch_id).update(
        status=RenderBatch.Status.SENT,
        sent_at=timezone.now(),
        send_attempts=batch.send_attempts + 1,
        last_error="",
        updated_at=timezone.now(),
    )
    return True


def certificates_sweep() -> int:
    """Send batches left waiting (broker down at issue time) and re-send batches whose pending
    certificates have not moved for CERTIFICATE_RESEND_AFTER seconds. Returns batches sent."""
    stale = timezone.now() - datetime.timedelta(seconds=settings.CERTIFICATE_RESEND_AFTER)
    batch_ids = set(
        RenderBatch.objects.filter(status=RenderBatch.Status.WAITING).values_list("pk", flat=True)
    )
    batch_ids |= set(
        RenderBatch.objects.filter(
            status=RenderBatch.Status.SENT,
            sent_at__lt=stale,
            decision__certificates__state=C.PENDING,
        ).values_list("pk", flat=True)
    )
    sent = sum(batch_send(batch_id=pk) for pk in sorted(batch_ids))
    return sent + certificates_resend_stalled()


def certificates_resend_stalled() -> int:
    """Re-send the pending certificates lost with a worker that died mid-chunk, within about
    CERTIFICATE_LEASE_SECONDS + the sweep's period, whatever the broker (kombu's filesystem
    transport deletes a message when a worker takes it, so no broker gives it back). Only when
    the `render` queue is empty, so chunks still waiting their turn are not sent twice: a
    certificate is then stalled if a worker claimed it (or the sweep re-sent it) more than the
    lease ago, or if its batch was sent more than the lease ago and no worker ever claimed it
    (a message prefetched by the killed worker). A chunk that was only slow is rendered by
    whichever worker locks it first; the other skips it. Returns the chunks sent."""
    if queues.waiting(queues.RENDER):
        return 0
    lease = timezone.now() - datetime.timedelta(seconds=settings.CERTIFICATE_LEASE_SECONDS)
    stalled = Certificate.objects.filter(
        Q(render_claimed_at__lt=lease)
        | Q(render_claimed_at__isnull=True, decision__render_batch__sent_at__lt=lease),
        state=C.PENDING,
        decision__render_batch__status=RenderBatch.Status.SENT,
    )
    by_decision: dict[int, list[int]] = {}
    for pk, decision_id in stalled.order_by("serial").values_list("pk", "decision_id"):
        by_decision.setdefault(decision_id, []).append(pk)
    sent = 0
    for decision_id, ids in sorted(by_decision.items()):
        for chunk in _chunks(ids, settings.CERTIFICATE_CHUNK_SIZE):
            try:
                current_app.tasks[RENDER_TASK].apply_async(args=[chunk], retry=False)
            except Exception as exc:
                logger.warning("stalled certificates %s not re-sent: %s", chunk, exc)
                return sent
            Certificate.objects.filter(pk__in=chunk, state=C.PENDING).update(
                render_claimed_at=timezone.now()
            )
            logger.warning("decision %s: re-sent %s stalled certificates", decision_id, len(chunk))
            sent += 1
    return sent


# --- rendering (the documents; the actions run the transitions) ---------------------------------


@dataclass
class RenderedChunk:
    """What `certificates_documents_render` made of a chunk, outside any lock: the certificates
    still pending when it looked, the template of each kind, and for each certificate either
    its document or the template's error."""

    ids: list[int]
    pending: list[Certificate]
    templates: dict[str, DocumentTemplate] = field(default_factory=dict)
    contents: dict[int, bytes] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)  # each certificate's template kind

    def template_of(self, certificate: Certificate) -> DocumentTemplate:
        return self.templates[self.kinds[certificate.pk]]


def certificates_documents_render(*, certificate_ids: Iterable[int]) -> RenderedChunk:
    """Claim a chunk (the lease `certificates_resend_stalled` reads) and render the documents of
    its pending certificates, outside any lock (the slow part). A template error is kept for the
    certificate, not raised: it is final for that certificate."""
    ids = sorted(set(certificate_ids))
    with transaction.atomic():  # the lease (certificates_resend_stalled); rows another worker
        # holds locked are being finished by it: skipped, and locked in pk order, no deadlock.
        claimed = list(
            Certificate.objects.select_for_update(skip_locked=True)
            .filter(pk__in=ids, state=C.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Certificate.objects.filter(pk__in=claimed).update(render_claimed_at=timezone.now())
    chunk = RenderedChunk(
        ids=ids,
        pending=list(
            Certificate.objects.select_related(
                "decision",
                "nomination__award_type",
                "nomination__campaign",
                "nomination__nominee_unit",
                "honour__award_type",
                "honour__person__unit",
            )
            .prefetch_related("nomination__nominee_unit__versions")
            .filter(pk__in=ids, state=C.PENDING)
            .order_by("serial")
        ),
    )
    for certificate in chunk.pending:
        kind = certificates_documents.certificate_template_kind(certificate)
        chunk.kinds[certificate.pk] = kind
        if kind not in chunk.templates:
            chunk.templates[kind] = documents_rendering.template_current(kind)
        template = chunk.templates[kind]
        try:
            chunk.contents[certificate.pk] = certificates_documents.certificate_render(
                certificate, template
            )
        except documents_rendering.TemplateRenderError as exc:
            chunk.errors[certificate.pk] = _("Mẫu “%(template)s” không in được: %(error)s") % {
                "template": template,
                "error": exc,
            }
    return chunk


def certificate_file_store(*, certificate: Certificate, content: bytes) -> str:
    """Write a certificate's document under its deterministic name (replacing what a previous
    attempt left); returns the name."""
    name = certificate.storage_name
    file_replace(name, content)
    return name


def certificate_files_discard(names: Iterable[str]) -> None:
    """Remove files written by a chunk whose rows rolled back: no file without its record."""
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def certificate_render_request(*, certificate: Certificate) -> None:
    """Send one certificate to be rendered once the transaction commits. If the broker is
    unreachable, its decision's batch is left waiting, for the sweep to send later."""
    pk, decision_id = certificate.pk, certificate.decision_id

    def send() -> None:
        try:
            current_app.tasks[RENDER_TASK].apply_async(args=[[pk]], retry=False)
        except Exception as exc:
            logger.warning("retry of certificate %s not sent: %s", pk, exc)
            RenderBatch.objects.filter(decision_id=decision_id).update(
                status=RenderBatch.Status.WAITING, last_error=str(exc)[:2000]
            )

    transaction.on_commit(send)


def decision_progress(decision: Decision) -> dict:
    """What the UI and API poll: total, done (rendered or later), failed, pending, waiting.
    Revoked certificates are not counted: they are not to be made; nor replaced ones (their
    replacement is)."""
    counts = (
        Certificate.objects.filter(decision=decision)
        .exclude(state__in=[C.REVOKED, C.REPLACED])
        .aggregate(
            total=Count("pk"),
            done=Count("pk", filter=Q(state__in=DONE_STATES)),
            failed=Count("pk", filter=Q(state=C.FAILED)),
            pending=Count("pk", filter=Q(state=C.PENDING)),
        )
    )
    batch = RenderBatch.objects.filter(decision=decision).first()
    counts["waiting"] = bool(batch and batch.status == RenderBatch.Status.WAITING)
    counts["finished"] = counts["total"] > 0 and counts["pending"] == 0
    return counts
