"""Annulling a decision or one award from the decision page: only the issuing authority, a
required reason, a confirmation step; the revoked items are marked everywhere they are listed."""

import datetime

import pytest
from django.urls import reverse

from commendations.actions.decisions import decision_issue
from commendations.certificates.models import Certificate, Revocation
from commendations.certificates.public_verification import is_revoked
from commendations.decisions.services import decision_create
from commendations.events import AuditEventKind
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db

REASON = "Hồ sơ thành tích có tài liệu giả mạo"


@pytest.fixture
def issued(make_nomination, director):
    """A Director's decision, issued, for two nominations (with their certificates)."""
    nominations = [make_nomination("awaiting") for _ in range(2)]
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="88/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 1),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in nominations],
    )
    return decision_issue(decision=decision, actor=director), nominations


def revoke(client, decision, **data):
    return client.post(reverse("decision_revoke", args=[decision.pk]), data)


def test_only_the_issuing_authority_is_offered_the_form(login, issued, director, ministry, clerk):
    decision, _nominations = issued
    assert "revoke-card" in login(director).get(decision.get_absolute_url()).content.decode()
    for user in (ministry, clerk):
        assert "revoke-card" not in login(user).get(decision.get_absolute_url()).content.decode()
    assert revoke(login(ministry), decision, reason=REASON, confirmed="True").status_code == 403
    assert not Revocation.objects.exists()


def test_a_draft_decision_has_no_revocation_form(login, make_nomination, director):
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="89/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 1),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[make_nomination("awaiting").pk],
    )
    assert "revoke-card" not in login(director).get(decision.get_absolute_url()).content.decode()


def test_the_reason_is_required(login, issued, director):
    decision, _nominations = issued
    response = revoke(login(director), decision, reason="  ")
    assert response.status_code == 400
    assert "Cần ghi rõ lý do thu hồi" in response.content.decode()
    assert not Revocation.objects.exists()


def test_one_award_is_revoked_only_after_confirming(login, issued, director, clerk):
    decision, (revoked, kept) = issued
    certificate = Certificate.objects.get(nomination=revoked)
    client = login(director)
    response = revoke(client, decision, certificate=certificate.pk, reason=REASON)
    body = response.content.decode()
    assert response.status_code == 200 and "Xác nhận thu hồi" in body
    assert revoked.nominee_name in body and REASON in body
    assert not Revocation.objects.exists()  # nothing yet: this was the confirmation step

    response = revoke(client, decision, certificate=certificate.pk, reason=REASON, confirmed="True")
    assert response.status_code == 302
    revocation = Revocation.objects.get()
    assert (revocation.certificate, revocation.reason, revocation.revoked_by) == (
        certificate,
        REASON,
        director,
    )
    assert is_revoked(certificate)
    assert not is_revoked(Certificate.objects.get(nomination=kept))
    log = AuditEvent.objects.for_object(revoked).last()
    assert (log.kind, log.comment) == (AuditEventKind.AWARD_REVOKED, REASON)

    annex = client.get(decision.get_absolute_url()).content.decode().split("decision-annex")[1]
    rows = annex.split("<tr>")
    revoked_row = next(r for r in rows if revoked.nominee_name in r)
    kept_row = next(r for r in rows if kept.nominee_name in r)
    assert "revoked-badge" in revoked_row and "revoked-badge" not in kept_row

    page = client.get(revoked.get_absolute_url()).content.decode()
    assert "revoked-banner" in page and REASON in page
    assert "Thu hồi, hủy bỏ khen thưởng" in page.split('class="timeline', 1)[1]
    assert "revoked-banner" not in client.get(kept.get_absolute_url()).content.decode()

    certificates = login(clerk).get(decision.get_absolute_url()).content.decode()
    table = certificates.split("certificate-table", 1)[1].split("decision-preview", 1)[0]
    assert table.count("revoked-badge") == 1


def test_the_whole_decision_is_annulled(login, issued, director, clerk):
    decision, nominations = issued
    client = login(director)
    body = revoke(client, decision, certificate="", reason=REASON).content.decode()
    assert "toàn bộ" in body
    revoke(client, decision, certificate="", reason=REASON, confirmed="True")
    revocation = Revocation.objects.get()
    assert revocation.certificate is None
    assert all(is_revoked(c) for c in Certificate.objects.filter(decision=decision))
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "revoked-banner" in page and REASON in page
    assert "revoke-card" not in page  # nothing left to annul
    assert page.split("decision-annex")[1].count("revoked-badge") == 2
    for nomination in nominations:
        assert "revoked-banner" in client.get(nomination.get_absolute_url()).content.decode()
    table = login(clerk).get(decision.get_absolute_url()).content.decode()
    assert (
        table.split("certificate-table", 1)[1]
        .split("decision-preview", 1)[0]
        .count("revoked-badge")
        == 2
    )
    log = AuditEvent.objects.for_object(decision).last()
    assert (log.kind, log.comment) == (AuditEventKind.DECISION_REVOKED, REASON)
    assert "revoked-badge" in client.get(reverse("decision_list")).content.decode()
