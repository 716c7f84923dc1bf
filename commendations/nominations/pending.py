"""Files chosen on the nomination form survive a refused form: each checked upload is kept as a
PendingUpload (the page carries its token), and becomes an attachment when the form is saved.
A browser never re-fills a file input, so without this a user re-chooses every file after any
error."""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from commendations.nominations.attachments import validate_upload
from commendations.nominations.models import PendingUpload

KEEP_FOR = datetime.timedelta(days=1)


def pending_upload_keep(*, upload: UploadedFile, kind: str, owner: Any) -> PendingUpload:
    """Check the file as an attachment would be checked (ValidationError when refused), then
    keep it for this user."""
    validate_upload(upload)
    upload.seek(0)
    pending_uploads_sweep()  # forms abandoned after an error leave nothing behind for long
    return PendingUpload.objects.create(
        owner=owner, file=upload, original_name=(upload.name or "")[:255], kind=kind
    )


def pending_uploads_of(*, tokens: Iterable[str], owner: Any) -> list[PendingUpload]:
    """The user's own kept files named by the page (another user's token finds nothing)."""
    valid = []
    for token in tokens:
        try:
            valid.append(str(uuid.UUID(str(token))))
        except ValueError:
            continue
    if not valid:
        return []
    return list(PendingUpload.objects.filter(owner=owner, token__in=valid).order_by("pk"))


def pending_as_attachments(pending: Iterable[PendingUpload]) -> list[tuple[File, str]]:
    """What nomination_save takes: (file, kind), the file named as the user named it."""
    return [(File(p.file.open("rb"), name=p.original_name), p.kind) for p in pending]


def pending_uploads_discard(pending: Iterable[PendingUpload]) -> None:
    """After the save: the kept copies are no longer needed (files removed after commit)."""
    rows = list(pending)
    for row in rows:
        row.file.close()
    names = [(row.file.storage, row.file.name) for row in rows]
    PendingUpload.objects.filter(pk__in=[row.pk for row in rows]).delete()

    def remove() -> None:
        for storage, name in names:
            if name and storage.exists(name):
                storage.delete(name)

    transaction.on_commit(remove)


def pending_uploads_sweep(*, now: datetime.datetime | None = None) -> int:
    """Remove kept files older than KEEP_FOR (a form abandoned after an error)."""
    old = PendingUpload.objects.filter(created_at__lt=(now or timezone.now()) - KEEP_FOR)
    count = len(rows := list(old))
    pending_uploads_discard(rows)
    return count
