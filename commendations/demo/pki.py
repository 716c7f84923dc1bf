"""A small certificate authority of our own, for the demo and the tests: root CA → issuing CA →
the organisation's seal certificate and people's signing certificates. Real offices use the
government CA's certificates (docs/signatures.md); these keys are made on the machine that runs
the demo or the tests and never committed."""

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID
from pyhanko.sign import fields, signers

from commendations.signatures.seal import PdfA2IncrementalWriter

Key = ec.EllipticCurvePrivateKey


def _name(common_name: str, organisation: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


@dataclass
class Issued:
    certificate: x509.Certificate
    key: Key
    chain: list[x509.Certificate] = field(default_factory=list)

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def pkcs12(self, password: bytes) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            name=self.certificate.subject.rfc4514_string().encode(),
            key=self.key,
            cert=self.certificate,
            cas=self.chain,
            encryption_algorithm=serialization.BestAvailableEncryption(password),
        )


def _issue(
    *,
    subject: x509.Name,
    issuer: Issued | None,
    ca: bool,
    not_before: datetime.datetime,
    not_after: datetime.datetime,
    key: Key | None = None,
    aia_url: str = "",
) -> Issued:
    key = key or ec.generate_private_key(ec.SECP256R1())
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    if ca:
        usage = x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False,
        )  # fmt: skip
    else:
        usage = x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False,
        )  # fmt: skip
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
    builder = builder.add_extension(usage, critical=True)
    if aia_url:  # where the issuer's certificate and the CRL can be fetched
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                        x509.UniformResourceIdentifier(aia_url))]
            ),
            critical=False,
        ).add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(aia_url + ".crl")],
                                        None, None, None)]
            ),
            critical=False,
        )  # fmt: skip
    certificate = builder.sign(signing_key, hashes.SHA256())
    chain = [issuer.certificate, *issuer.chain] if issuer else []
    return Issued(certificate=certificate, key=key, chain=chain)


@dataclass
class Pki:
    root: Issued
    issuing: Issued

    def issue(
        self,
        common_name: str,
        organisation: str = "",
        *,
        valid_from: datetime.datetime | None = None,
        valid_days: int = 730,
        aia_url: str = "",
    ) -> Issued:
        """An end-entity signing certificate (the organisation's seal or a person's token)."""
        start = valid_from or datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
        return _issue(
            subject=_name(common_name, organisation),
            issuer=self.issuing,
            ca=False,
            not_before=start,
            not_after=start + datetime.timedelta(days=valid_days),
            aia_url=aia_url,
        )


def pki_build(name: str = "Khen thưởng Demo") -> Pki:
    """Root CA (20 years) → issuing CA (10 years)."""
    now = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    root = _issue(
        subject=_name(f"{name} Root CA"),
        issuer=None,
        ca=True,
        not_before=now,
        not_after=now + datetime.timedelta(days=20 * 365),
    )
    issuing = _issue(
        subject=_name(f"{name} Issuing CA"),
        issuer=root,
        ca=True,
        not_before=now,
        not_after=now + datetime.timedelta(days=10 * 365),
    )
    return Pki(root=root, issuing=issuing)


def pkcs12_write(issued: Issued, path: Path, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(issued.pkcs12(password.encode()))
    path.chmod(0o600)


@dataclass(frozen=True)
class DemoPki:
    directory: Path
    root_pem: bytes
    seal_path: Path
    seal_password_path: Path
    person_path: Path
    person_password_path: Path


def demo_pki_ensure(
    directory: Path, *, organisation: str, person: str, password: str
) -> tuple[DemoPki, bool]:
    """The demo's CA and keys under `directory` (made once, kept after): the organisation's seal
    (PKCS#12 + password file) and the Director's personal certificate, as a signer's token would
    hold it. Returns (paths, created)."""
    root_path = directory / "root-ca.pem"
    paths = DemoPki(
        directory=directory,
        root_pem=b"",
        seal_path=directory / "seal.p12",
        seal_password_path=directory / "seal.password",
        person_path=directory / "director.p12",
        person_password_path=directory / "director.password",
    )
    if root_path.exists() and paths.seal_path.exists() and paths.person_path.exists():
        return DemoPki(**{**paths.__dict__, "root_pem": root_path.read_bytes()}), False
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    pki = pki_build("Khen thưởng Demo")
    root_path.write_bytes(pki.root.pem)
    for issued, path, secret_path in (
        (pki.issue(organisation, organisation), paths.seal_path, paths.seal_password_path),
        (pki.issue(person, organisation), paths.person_path, paths.person_password_path),
    ):
        pkcs12_write(issued, path, password)
        secret_path.write_text(password, encoding="utf-8")
        secret_path.chmod(0o600)
    return DemoPki(**{**paths.__dict__, "root_pem": pki.root.pem}), True


def pdf_sign_as_person(pdf: bytes, *, pkcs12_data: bytes, password: bytes) -> bytes:
    """What a signer's token software does (VGCA Sign, Adobe, …): add their PAdES signature as an
    incremental update, without a visible mark of ours. For the demo's walkthrough only."""
    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12_data, other_certs=[], passphrase=password)
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKyNguoiCoThamQuyen",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    writer = PdfA2IncrementalWriter(io.BytesIO(pdf))  # keeps a PDF/A-2 file PDF/A-2
    return signers.PdfSigner(meta, signer=signer).sign_pdf(writer).getvalue()
