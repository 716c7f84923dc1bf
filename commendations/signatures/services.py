"""Writes of the signatures package: trusting a root."""

from typing import Any

from django.db import transaction

from commendations.signatures.models import TrustRoot


@transaction.atomic
def trust_root_add(*, name: str, pem: str, actor: Any) -> TrustRoot:
    """Trust a CA certificate (validated: PEM, a CA). The same certificate again reactivates
    its row instead of failing on the fingerprint."""
    root = TrustRoot(name=name, certificate_pem=pem, added_by=actor)
    root.clean()
    existing = TrustRoot.objects.select_for_update().filter(
        fingerprint_sha256=root.fingerprint_sha256
    )
    if existing.exists():
        existing.update(active=True, name=name)
        return existing.get()
    root.save()
    return root
