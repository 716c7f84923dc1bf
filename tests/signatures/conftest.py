"""A PKI made for the test session (root CA → issuing CA → the organisation's seal and a
person's token), never a key in the repository; the organisation's PKCS#12 written to a
temporary file and configured the way an office configures its own."""

import datetime

import pytest

from commendations.demo.pki import Pki, pkcs12_write, pki_build
from commendations.signatures.models import TrustRoot

PASSWORD = "test-seal-password"


@pytest.fixture(scope="session")
def pki() -> Pki:
    return pki_build("Test")


@pytest.fixture(scope="session")
def organisation_cert(pki):
    return pki.issue("Công an tỉnh Gia Lai", "Công an tỉnh Gia Lai")


@pytest.fixture(scope="session")
def person_cert(pki):
    return pki.issue("Nguyễn Ngọc Sơn", "Công an tỉnh Gia Lai")


@pytest.fixture
def seal(settings, tmp_path, organisation_cert, pki, db):
    """The organisation's seal configured, and the test root trusted."""
    path = tmp_path / "seal.p12"
    pkcs12_write(organisation_cert, path, PASSWORD)
    settings.SIGNING_PKCS12_PATH = str(path)
    settings.SIGNING_PKCS12_PASSWORD = PASSWORD
    TrustRoot.objects.create(name="Test Root CA", certificate_pem=pki.root.pem.decode())
    return organisation_cert


def expired_cert(pki):
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=400)
    return pki.issue("Người ký hết hạn", valid_from=start, valid_days=30)
