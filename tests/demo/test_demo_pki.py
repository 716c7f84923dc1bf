"""The demo's signature setup: `demo_pki` makes a CA, the seal and the Director's certificate
outside the repository and trusts the root; the signer-side command signs like a token would."""

import stat

import pytest
from django.core.management import CommandError, call_command

from commendations.signatures.models import TrustRoot
from commendations.signatures.pdf_verdict import pdf_verify
from commendations.signatures.seal import pdf_seal
from tests.signatures.documents import decision_pdf

pytestmark = pytest.mark.django_db


def test_demo_pki_makes_keys_once_and_trusts_its_root(settings, tmp_path):
    settings.DEBUG = True
    call_command("demo_pki", "--dir", str(tmp_path / "pki"))
    root = (tmp_path / "pki" / "root-ca.pem").read_bytes()
    call_command("demo_pki", "--dir", str(tmp_path / "pki"))
    assert (tmp_path / "pki" / "root-ca.pem").read_bytes() == root
    assert TrustRoot.objects.filter(active=True).count() == 1
    mode = (tmp_path / "pki" / "seal.p12").stat().st_mode
    assert not mode & (stat.S_IRGRP | stat.S_IROTH)


def test_demo_pki_refuses_outside_the_demo(settings, tmp_path):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="chỉ dùng cho bản demo"):
        call_command("demo_pki", "--dir", str(tmp_path / "pki"))


def test_the_demo_walkthrough_seal_then_personal_signature(settings, tmp_path):
    settings.DEBUG = True
    pki_dir = tmp_path / "pki"
    call_command("demo_pki", "--dir", str(pki_dir))
    settings.SIGNING_PKCS12_PATH = str(pki_dir / "seal.p12")
    settings.SIGNING_PKCS12_PASSWORD_FILE = str(pki_dir / "seal.password")
    issued = pdf_seal(decision_pdf(), organisation="Công an tỉnh Gia Lai", anchor="Nguyễn Ngọc Sơn")
    (tmp_path / "issued.pdf").write_bytes(issued)
    call_command(
        "sign_pdf_as_person",
        str(tmp_path / "issued.pdf"),
        str(tmp_path / "signed.pdf"),
        "--p12",
        str(pki_dir / "director.p12"),
        "--password-file",
        str(pki_dir / "director.password"),
    )
    verdict = pdf_verify((tmp_path / "signed.pdf").read_bytes(), original=issued)
    assert verdict.ok, verdict.messages
    assert [s.signer for s in verdict.signatures] == ["Công an tỉnh Gia Lai", "Rah Lan Chung"]


def test_sign_pdf_as_person_refuses_a_file_that_is_not_a_pdf(tmp_path):
    (tmp_path / "note.txt").write_text("không phải PDF")
    (tmp_path / "none.p12").write_bytes(b"")
    with pytest.raises(CommandError, match="không phải PDF"):
        call_command(
            "sign_pdf_as_person",
            str(tmp_path / "note.txt"),
            str(tmp_path / "out.pdf"),
            "--p12",
            str(tmp_path / "none.p12"),
            "--password-file",
            str(tmp_path / "note.txt"),
        )
