"""Writing a generated file under its deterministic name (a certificate, its PDF, a decision's
documents): a retry or a second delivery replaces what a killed worker left instead of leaving a
second file beside it."""

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage


def file_replace(name: str, content: bytes, *, storage: Storage = default_storage) -> str:
    """Store `content` as exactly `name`; an OSError if the storage chose another name."""
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(content))
    if saved != name:
        storage.delete(saved)
        raise OSError(f"storage wrote {saved!r} instead of {name!r}")
    return saved
