"""`manage.py check` (and every start) says when the seal cannot work: the PKCS#12 missing or
unreadable, its certificate expired or about to, or not trusted by our own roots."""

import datetime

from django.core import checks

from commendations.signatures.keys import (
    SealCertificateExpired,
    SealConfigurationError,
    organisation_signer,
    seal_configured,
)

EXPIRY_WARNING_DAYS = 30


def seal_configuration_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not seal_configured():  # allowed: documents are issued unsealed and their pages say so
        return []
    try:
        signer = organisation_signer()
    except SealConfigurationError as exc:
        code = "signatures.E002" if isinstance(exc, SealCertificateExpired) else "signatures.E001"
        return [checks.Error(str(exc), id=code)]
    not_after = signer.signing_cert["tbs_certificate"]["validity"]["not_after"].native
    left = not_after - datetime.datetime.now(datetime.UTC)
    if left.days < EXPIRY_WARNING_DAYS:
        return [
            checks.Warning(
                f"The organisation's certificate expires on {not_after:%d/%m/%Y}.",
                hint="Renew it and replace the file at SIGNING_PKCS12_PATH (no restart needed).",
                id="signatures.W001",
            )
        ]
    return []
