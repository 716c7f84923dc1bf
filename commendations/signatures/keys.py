"""Where the keys and the trust come from: the organisation's PKCS#12 (a mounted file, never the
database or the repository) and the trust roots (TrustRoot rows plus a mounted PEM bundle)."""

import datetime
import functools
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.sign import signers

from commendations.signatures.models import TrustRoot


class SealNotConfigured(Exception):
    """No organisation certificate is configured: documents are issued without the seal."""


class SealConfigurationError(Exception):
    """The configured PKCS#12 cannot be used (missing file, wrong password, expired)."""


class SealCertificateExpired(SealConfigurationError):
    """The organisation's certificate is outside its validity: a seal made with it is invalid."""


def _password() -> bytes:
    path = settings.SIGNING_PKCS12_PASSWORD_FILE
    if path:
        return Path(path).read_text(encoding="utf-8").strip().encode()
    return settings.SIGNING_PKCS12_PASSWORD.encode()


def seal_configured() -> bool:
    return bool(settings.SIGNING_PKCS12_PATH)


@functools.lru_cache(maxsize=4)
def _signer_cached(path: str, mtime: float, password: bytes) -> signers.SimpleSigner:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SealConfigurationError(
            _("Không đọc được tệp chứng thư của cơ quan (SIGNING_PKCS12_PATH): %(error)s")
            % {"error": exc}
        ) from exc
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=password or None
        )
    except Exception as exc:  # pyHanko raises ValueError or its own errors for a bad file/password
        raise SealConfigurationError(
            _("Tệp chứng thư của cơ quan không mở được (sai mật khẩu hoặc hỏng): %(error)s")
            % {"error": exc}
        ) from exc
    if signer is None or signer.signing_cert is None:
        raise SealConfigurationError(_("Tệp PKCS#12 không có chứng thư và khóa ký."))
    return signer


def organisation_signer() -> signers.SimpleSigner:
    """The pyHanko signer of the organisation's seal; reloaded when the file changes (a renewed
    certificate is picked up without a restart)."""
    path = settings.SIGNING_PKCS12_PATH
    if not path:
        raise SealNotConfigured(_("Chưa cấu hình chứng thư số của cơ quan (SIGNING_PKCS12_PATH)."))
    try:
        mtime = os.stat(path).st_mtime
    except OSError as exc:
        raise SealConfigurationError(
            _("Không đọc được tệp chứng thư của cơ quan (SIGNING_PKCS12_PATH): %(error)s")
            % {"error": exc}
        ) from exc
    signer = _signer_cached(path, mtime, _password())
    validity = signer.signing_cert["tbs_certificate"]["validity"]
    now = datetime.datetime.now(datetime.UTC)
    if not validity["not_before"].native <= now <= validity["not_after"].native:
        raise SealCertificateExpired(
            _("Chứng thư số của cơ quan hết hiệu lực (đến %(date)s): cần gia hạn.")
            % {"date": validity["not_after"].native.strftime("%d/%m/%Y")}
        )
    return signer


def _bundle_roots() -> list[bytes]:
    path = settings.SIGNATURE_TRUST_ROOTS_FILE
    if not path:
        return []
    certificates = x509.load_pem_x509_certificates(Path(path).read_bytes())
    return [c.public_bytes(serialization.Encoding.DER) for c in certificates]


def trust_roots_der() -> list[bytes]:
    """Every trusted root, DER-encoded: the active TrustRoot rows and the mounted bundle."""
    rows = [
        x509.load_pem_x509_certificate(pem.encode()).public_bytes(serialization.Encoding.DER)
        for pem in TrustRoot.objects.filter(active=True).values_list("certificate_pem", flat=True)
    ]
    return rows + _bundle_roots()
