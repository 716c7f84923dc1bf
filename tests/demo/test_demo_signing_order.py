"""The demo shows both paths of Nghị định 30/2020 Art. 13: its 2022 decision, dated before it was
entered, is a recorded paper original (never sealed with today's time); this year's decision is
issued, signed by the Director with the demo's certificate, sealed by the văn thư, and only then
is its certificate rendered. The signers of each authority by date are seeded."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from commendations.campaigns.models import Authority
from commendations.certificates.models import Certificate
from commendations.decisions.models import AuthoritySigner, Decision, SignatureState
from commendations.demo import first_login
from commendations.signatures.pdf_verdict import pdf_verify
from tests.certificate_fixtures import media  # noqa: F401
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def test_the_demo_records_its_2022_decision_as_a_paper_original_and_seeds_the_signers():
    call_command("load_demo", verbosity=0)
    old = Decision.objects.get(number=first_login.DECISION_NUMBER)
    assert old.signature_state == SignatureState.PAPER and not old.is_sealed
    assert not old.pdf and not old.sealed_at
    signer = AuthoritySigner.signer_on(Authority.PROVINCIAL_DIRECTOR, datetime.date(2023, 3, 6))
    assert signer.name == "Nguyễn Ngọc Sơn" and signer.mode == "KT."
    today = AuthoritySigner.signer_on(Authority.PROVINCIAL_DIRECTOR, timezone.localdate())
    assert today.name == "Rah Lan Chung"
    assert AuthoritySigner.signer_on(Authority.MINISTRY, timezone.localdate()) is not None
    current = Decision.objects.get(number=first_login.CURRENT_DECISION_NUMBER)
    assert current.date == timezone.localdate() and current.signer_name == "Rah Lan Chung"
    rows = AuthoritySigner.objects.count()
    call_command("load_demo", verbosity=0)
    assert AuthoritySigner.objects.count() == rows
    assert Decision.objects.filter(number=first_login.CURRENT_DECISION_NUMBER).count() == 1


@pytest.mark.usefixtures("media", "soffice_path")
def test_with_its_pki_the_demo_signs_then_seals_this_years_decision(
    settings, tmp_path, monkeypatch
):
    settings.DEBUG = True
    settings.ARCHIVE_PDFS_ENABLED = True
    pki_dir = tmp_path / "pki"
    call_command("demo_pki", "--dir", str(pki_dir), verbosity=0)
    settings.SIGNING_PKCS12_PATH = str(pki_dir / "seal.p12")
    settings.SIGNING_PKCS12_PASSWORD_FILE = str(pki_dir / "seal.password")
    monkeypatch.setattr(first_login, "DEMO_PKI", pki_dir)
    call_command("load_demo", verbosity=0)
    current = Decision.objects.get(number=first_login.CURRENT_DECISION_NUMBER)
    assert current.signature_state == SignatureState.SEALED
    steps = list(
        TransitionLog.objects.filter(
            object_id=current.pk, transition__in=["issue", "sign_digitally", "seal"]
        )
        .order_by("pk")
        .values_list("transition", "actor__username")
    )
    assert steps == [("issue", "director"), ("sign_digitally", "director"), ("seal", "clerk")]
    with current.sealed_pdf.open("rb") as handle:
        verdict = pdf_verify(handle.read())
    assert verdict.ok, verdict.messages
    assert [line.signer for line in verdict.signatures] == ["Rah Lan Chung", "Công an tỉnh Gia Lai"]
    certificate = Certificate.objects.get(decision=current)
    assert certificate.state == "rendered"
    old = Decision.objects.get(number=first_login.DECISION_NUMBER)
    assert old.signature_state == SignatureState.PAPER and not old.sealed_pdf
