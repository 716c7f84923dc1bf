"""The certificate authorities whose signatures we accept: the government CA's root is data an
administrator enters (or a mounted PEM bundle, SIGNATURE_TRUST_ROOTS_FILE), not code."""

import hashlib
import unicodedata

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

PEM_MAX_CHARS = 20_000


def certificate_from_pem(pem: str) -> x509.Certificate:
    """One X.509 certificate from PEM text, or a ValidationError saying what is wrong."""
    if len(pem) > PEM_MAX_CHARS:
        raise ValidationError(_("Chứng thư quá dài (tối đa %(n)s ký tự).") % {"n": PEM_MAX_CHARS})
    try:
        return x509.load_pem_x509_certificate(pem.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise ValidationError(
            _(
                "Không đọc được chứng thư: cần một chứng thư X.509 dạng PEM "
                "(-----BEGIN CERTIFICATE-----)."
            )
        ) from exc


class TrustRoot(models.Model):
    """A root (or issuing) CA certificate: a signature counts only if its signer's certificate
    chains to an active one."""

    name = models.CharField(
        _("tên"), max_length=160, help_text=_("VD: Ban Cơ yếu Chính phủ — Root CA")
    )
    certificate_pem = models.TextField(
        _("chứng thư (PEM)"), help_text=_("Dán chứng thư gốc dạng -----BEGIN CERTIFICATE-----")
    )
    subject = models.CharField(_("chủ thể"), max_length=500, editable=False)
    fingerprint_sha256 = models.CharField(
        _("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False
    )
    valid_from = models.DateTimeField(_("hiệu lực từ"), editable=False)
    valid_to = models.DateTimeField(_("hiệu lực đến"), editable=False)
    active = models.BooleanField(_("đang tin cậy"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.fingerprint_sha256:
            self.clean()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        certificate = certificate_from_pem(self.certificate_pem or "")
        try:
            constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
            is_ca = constraints.value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if not is_ca:
            raise ValidationError(
                {
                    "certificate_pem": _(
                        "Đây không phải chứng thư của một tổ chức cấp chứng thư (CA)."
                    )
                }
            )
        self.subject = certificate.subject.rfc4514_string()[:500]
        der = certificate.public_bytes(serialization.Encoding.DER)
        self.fingerprint_sha256 = hashlib.sha256(der).hexdigest()
        self.valid_from = certificate.not_valid_before_utc
        self.valid_to = certificate.not_valid_after_utc
        self.certificate_pem = certificate.public_bytes(serialization.Encoding.PEM).decode()


def person_name_key(name: str) -> str:
    """A person's name as compared with a certificate's subject: without diacritics (certificates
    are often issued in plain ASCII, "Tran Van Khac"), case or extra spaces."""
    text = unicodedata.normalize("NFKD", (name or "").replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


class SignerCertificate(models.Model):
    """A signer's own certificate (the token they sign decisions with), registered by an
    administrator: a decision's signed copy is accepted only with a certificate registered for
    the decision's signer (compared by serial number and issuer). A signer with none registered
    is matched on the certificate's subject name instead."""

    signer_name = models.CharField(
        _("người ký"),
        max_length=255,
        help_text=_("Họ tên như ghi ở dòng người ký của quyết định, VD: Nguyễn Ngọc Sơn"),
    )
    signer_key = models.CharField(max_length=255, editable=False, db_index=True)
    certificate_pem = models.TextField(
        _("chứng thư (PEM)"),
        help_text=_("Dán chứng thư số của người ký (-----BEGIN CERTIFICATE-----)"),
    )
    subject = models.CharField(_("chủ thể"), max_length=500, editable=False)
    serial = models.CharField(_("số hiệu chứng thư"), max_length=80, editable=False)
    issuer = models.CharField(_("tổ chức cấp"), max_length=500, editable=False)
    fingerprint_sha256 = models.CharField(
        _("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False
    )
    valid_to = models.DateTimeField(_("hiệu lực đến"), editable=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư số của người ký")
        verbose_name_plural = _("chứng thư số của người ký")
        ordering = ["signer_name", "-valid_to"]

    def __str__(self) -> str:
        return f"{self.signer_name} — {self.serial}"

    def save(self, *args, **kwargs) -> None:
        if not self.fingerprint_sha256:
            self.clean()
        self.signer_key = person_name_key(self.signer_name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        certificate = certificate_from_pem(self.certificate_pem or "")
        self.subject = certificate.subject.rfc4514_string()[:500]
        self.serial = format(certificate.serial_number, "X")
        # The issuer as pyHanko's check names it (asn1crypto's human_friendly), so the two compare.
        der = certificate.public_bytes(serialization.Encoding.DER)
        self.issuer = asn1_x509.Certificate.load(der).issuer.human_friendly[:500]
        self.fingerprint_sha256 = hashlib.sha256(der).hexdigest()
        self.valid_to = certificate.not_valid_after_utc
        self.certificate_pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
        self.signer_key = person_name_key(self.signer_name)
