"""`manage.py check` tells the operator when the seal cannot work."""

from pathlib import Path

import pytest

from commendations.demo.pki import pkcs12_write
from commendations.signatures.system_checks import seal_configuration_check
from tests.signatures.conftest import PASSWORD, expired_cert


def ids(messages) -> list[str]:
    return [m.id for m in messages]


def test_not_configured_is_allowed(settings):
    """No seal is a choice (documents are issued unsealed and say so): `check --deploy` stays
    clean (tests/test_security.py)."""
    settings.SIGNING_PKCS12_PATH = ""
    assert seal_configuration_check() == []


def test_a_missing_file_is_an_error(settings, tmp_path):
    settings.SIGNING_PKCS12_PATH = str(tmp_path / "absent.p12")
    assert ids(seal_configuration_check()) == ["signatures.E001"]


def test_a_wrong_password_is_an_error(settings, tmp_path, organisation_cert):
    path = tmp_path / "seal.p12"
    pkcs12_write(organisation_cert, path, PASSWORD)
    settings.SIGNING_PKCS12_PATH = str(path)
    settings.SIGNING_PKCS12_PASSWORD = "wrong"
    (message,) = seal_configuration_check()
    assert message.id == "signatures.E001"
    assert "sai mật khẩu" in message.msg


def test_an_expired_certificate_is_an_error(settings, tmp_path, pki):
    path = Path(tmp_path / "old.p12")
    pkcs12_write(expired_cert(pki), path, PASSWORD)
    settings.SIGNING_PKCS12_PATH = str(path)
    settings.SIGNING_PKCS12_PASSWORD = PASSWORD
    assert ids(seal_configuration_check()) == ["signatures.E002"]


@pytest.mark.django_db
def test_a_good_seal_passes(seal):
    assert seal_configuration_check() == []
