"""Running an import: `nominations_import` creates the drafts, all or nothing (what the management
command and the tests call); on the web and the API it runs inside a NominationImport, queued by
`nomination_import_start` and run by a worker (`nomination_import_run`), swept if never sent."""

import datetime
import logging
from collections.abc import Callable
from typing import Any

from celery import current_app
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import can_propose_any
from commendations.campaigns.models import Campaign
from commendations.files import safe as safe_files
from commendations.nominations.imports.layout import BATCH, COLUMN_BY_KEY, MAX_BYTES
from commendations.nominations.imports.reading import FileRejected, upload_size_check
from commendations.nominations.imports.results import ImportResult, RowError
from commendations.nominations.imports.validation import nominations_validate, nominee_keys_taken
from commendations.nominations.models import DUPLICATE_CONSTRAINT, Nomination, NominationImport

logger = logging.getLogger(__name__)
IMPORT_TASK = "commendations.nominations.tasks.run_nomination_import"


def _duplicates_after_race(
    campaign: Campaign, ready: list[tuple[int, Nomination]]
) -> list[RowError]:
    """The rows another import inserted first (seen after our insert failed on the constraint)."""
    existing = nominee_keys_taken(campaign)
    header = COLUMN_BY_KEY["nominee_name"].header
    errors = []
    for row, candidate in ready:
        key = candidate.nominee_key
        if key in existing:
            errors.append(
                RowError(
                    row,
                    header,
                    _(
                        "“%(name)s” vừa được nhập bởi một lượt nhập khác (hồ sơ số %(pk)s); "
                        "dòng này bị bỏ."
                    )
                    % {"name": candidate.nominee_name, "pk": existing[key]},
                )
            )
    return errors or [RowError(None, "", _("Có hồ sơ trùng vừa được tạo; hãy tải lên lại."))]


def nominations_import(
    *,
    campaign: Campaign,
    upload: Any,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
    on_created: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """All or nothing: drafts are created only when every row is valid, in one transaction,
    `BATCH` rows per INSERT (`on_created` runs inside that transaction). The database's unique
    constraint settles a race with another import of the same nominees: the loser creates
    nothing and gets the rows as errors."""
    result, ready = nominations_validate(
        campaign=campaign, upload=upload, actor=actor, progress=progress
    )
    if not result.ok:
        return result
    objects = [candidate for _row, candidate in ready]
    try:
        with transaction.atomic():
            for start in range(0, len(objects), BATCH):
                result.created.extend(
                    Nomination.objects.bulk_create(objects[start : start + BATCH])
                )
                if progress is not None:
                    progress(min(start + BATCH, len(objects)), len(objects))
            if on_created is not None:
                on_created(result)
    except IntegrityError as exc:
        if DUPLICATE_CONSTRAINT not in str(exc) and "nominee_key" not in str(exc):
            raise
        result.created = []
        result.errors = _duplicates_after_race(campaign, ready)
    return result


# --- background imports ----------------------------------------------------------------------


def _send(job_id: int) -> None:
    try:
        current_app.tasks[IMPORT_TASK].apply_async(args=[job_id], retry=False)
    except Exception as exc:  # the broker is down: the job stays pending, the page says so
        logger.warning("nomination import %s not sent: %s", job_id, exc)


@transaction.atomic
def nomination_import_start(*, campaign: Campaign, upload: Any, actor: Any) -> NominationImport:
    """Store the upload and queue its import (sent once the transaction commits). The size is
    checked here, the content by the worker."""
    if not can_propose_any(actor):
        raise PermissionDenied(_("Bạn không có quyền lập hồ sơ đề nghị."))
    try:
        upload_size_check(upload)
        content = safe_files.read_bounded(upload, limit=MAX_BYTES)
    except (FileRejected, safe_files.UnsafeFile) as exc:
        raise ValidationError({"file": str(exc)}) from exc
    job = NominationImport(
        campaign=campaign,
        created_by=actor,
        original_name=(getattr(upload, "name", "") or "")[:255],
    )
    job.file.save("upload.xlsx", ContentFile(content), save=False)
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: _send(job_id))
    return job


def _job_finish(job: NominationImport, result: ImportResult) -> None:
    """Record the outcome, unless the job already finished: the same job delivered twice (two
    schedulers, a redelivery) runs twice, the second run's inserts meet the unique constraint,
    and its "already in the campaign" errors must not overwrite the first run's success."""
    job.status = NominationImport.Status.DONE if result.ok else NominationImport.Status.FAILED
    job.rows_total = result.rows
    job.rows_done = result.rows
    job.errors = [e.as_dict() for e in result.errors]
    job.created_ids = [n.pk for n in result.created]
    job.summary = result.summary[:500]
    job.finished_at = timezone.now()
    NominationImport.objects.filter(
        pk=job.pk, status__in=[NominationImport.Status.PENDING, NominationImport.Status.RUNNING]
    ).update(
        status=job.status,
        rows_total=job.rows_total,
        rows_done=job.rows_done,
        errors=job.errors,
        created_ids=job.created_ids,
        summary=job.summary,
        finished_at=job.finished_at,
    )


def nomination_import_run(*, job_id: int) -> NominationImport:
    """Run a queued import (the task). Safe to run twice: a finished job is left as it is, and
    a successful import marks its job done in the transaction that inserts the drafts, so a
    worker that dies after that commit leaves a finished job; before it, nothing was written
    and the redelivered task runs the import again."""
    job = NominationImport.objects.select_related("campaign", "created_by").get(pk=job_id)
    if job.is_finished:
        return job
    NominationImport.objects.filter(pk=job.pk).update(status=NominationImport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        NominationImport.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    try:
        with job.file.open("rb") as handle:
            result = nominations_import(
                campaign=job.campaign,
                upload=handle,
                actor=job.created_by,
                progress=progress,
                on_created=lambda done: _job_finish(job, done),
            )
    except PermissionDenied as exc:
        result = ImportResult(errors=[RowError(None, "", str(exc))])
    if not result.ok:
        _job_finish(job, result)
    job.refresh_from_db()
    return job


def nomination_imports_sweep() -> int:
    """Send again the imports still pending a minute after upload (the broker was down)."""
    stale = NominationImport.objects.filter(
        status=NominationImport.Status.PENDING,
        created_at__lt=timezone.now() - datetime.timedelta(minutes=1),
    ).values_list("pk", flat=True)
    ids = list(stale)
    for job_id in ids:
        _send(job_id)
    return len(ids)
