"""Reads of the signatures package: whose certificate a signature is."""

from django.utils.translation import gettext as _

from commendations.signatures.models import SignerCertificate, person_name_key


def signer_certificate_refusal(
    *, signer_name: str, certificate_name: str, serial: str, issuer: str
) -> str | None:
    """None when the certificate (its subject's name, serial number, issuer) is the decision
    signer's; else why not, naming both. With certificates registered for the signer, only one
    of them (same serial number and issuer) is theirs; with none, the certificate's subject name
    must be the signer's name (diacritics and case aside)."""
    registered = SignerCertificate.objects.filter(
        active=True, signer_key=person_name_key(signer_name)
    )
    if registered.exists():
        if registered.filter(serial=serial, issuer=issuer).exists():
            return None
        reason = _("chứng thư này không nằm trong các chứng thư đã đăng ký cho người ký")
    elif person_name_key(certificate_name) == person_name_key(signer_name):
        return None
    else:
        reason = _("tên trên chứng thư khác tên người ký")
    return _(
        "Chữ ký số là của “%(holder)s” (chứng thư số %(serial)s do “%(issuer)s” cấp), không phải "
        "của người ký quyết định “%(signer)s”: %(reason)s."
    ) % {
        "holder": certificate_name,
        "serial": serial,
        "issuer": issuer,
        "signer": signer_name,
        "reason": reason,
    }
