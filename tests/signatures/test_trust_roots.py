"""Trust roots are data: only a CA certificate in PEM is accepted, with a clear error otherwise."""

import pytest
from django.core.exceptions import ValidationError

from commendations.signatures.models import TrustRoot
from commendations.signatures.services import trust_root_add

pytestmark = pytest.mark.django_db


def test_a_ca_root_is_trusted_with_its_fingerprint(pki):
    root = trust_root_add(name="Test Root", pem=pki.root.pem.decode(), actor=None)
    assert len(root.fingerprint_sha256) == 64
    assert "Test Root CA" in root.subject
    again = trust_root_add(name="Test Root (lại)", pem=pki.root.pem.decode(), actor=None)
    assert again.pk == root.pk
    assert TrustRoot.objects.count() == 1


def test_an_end_entity_certificate_is_not_a_root(pki, person_cert):
    with pytest.raises(ValidationError, match="không phải chứng thư của một tổ chức cấp"):
        trust_root_add(name="Người", pem=person_cert.pem.decode(), actor=None)


def test_garbage_is_refused_clearly():
    with pytest.raises(ValidationError, match="dạng PEM"):
        trust_root_add(name="Rác", pem="=SUM(A1)", actor=None)
