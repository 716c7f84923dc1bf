"""A dossier with state secrets is a rule across the product: only those directly involved see
it (lists, search, exports, notifications, the API), every view is audited, the statistics count
it without describing it, no achievement report is required, the public verification page says
only whether it is valid, and the ceremony's papers mark it as not public."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from commendations.actions.decisions import decision_issue
from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from commendations.ceremonies.models import Ceremony
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_path, verification_result
from commendations.decisions.services import decision_create
from commendations.eligibility.models import AttachmentKind, RuleSet
from commendations.eligibility.selectors import eligibility_report
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination
from commendations.nominations.selectors import nominations_search, nominations_visible_to
from commendations.nominations.services import secret_reviewers_designate
from commendations.notifications.models import Notification
from commendations.reports.statistics import campaign_statistics
from tests.factories import NominationFactory, make_user
from tests.helpers import advance
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db


def _secret(nomination: Nomination) -> Nomination:
    Nomination.objects.filter(pk=nomination.pk).update(contains_state_secrets=True)
    nomination.refresh_from_db()
    return nomination


@pytest.fixture
def secret(campaign, district, director_award, officer, member, secretary):
    """A secret Giấy khen dossier of the officer's district, waiting for the Director."""
    nomination = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=director_award,
        created_by=officer,
        nominee_name="Trinh sát X",
    )
    advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
    return _secret(nomination)


def test_lists_and_search_show_it_only_to_those_involved(
    secret, officer, member, secretary, director, ministry, clerk, province
):
    for user in (officer, director):
        assert secret in nominations_visible_to(user)
        assert secret in nominations_search(user, q="trinh sat")
    for user in (member, secretary, ministry, clerk):
        assert secret not in nominations_visible_to(user)
        assert secret not in nominations_search(user, q="trinh sat")
    reviewer = make_user("committee_member", unit=province, username="reviewer")
    secret_reviewers_designate(nomination=secret, reviewers=[reviewer], actor=director)
    assert secret in nominations_visible_to(reviewer)


def test_an_officer_of_the_unit_above_does_not_see_a_communes_secret_dossier(
    campaign, commune, director_award, commune_officer, officer
):
    nomination = _secret(
        NominationFactory(
            campaign=campaign, unit=commune, award_type=director_award, created_by=commune_officer
        )
    )
    assert nomination in nominations_visible_to(commune_officer)
    assert nomination not in nominations_visible_to(officer)  # the district above it


def test_only_the_deciding_authority_designates_reviewers(secret, secretary, ministry, province):
    reviewer = make_user("committee_member", unit=province, username="reviewer")
    for actor in (secretary, ministry):
        with pytest.raises(PermissionDenied):
            secret_reviewers_designate(nomination=secret, reviewers=[reviewer], actor=actor)


def test_the_api_and_the_exports_leave_it_out_for_others(client, secret, member, director):
    for user, seen in ((member, False), (director, True)):
        client.force_login(user)
        listed = client.get(reverse("api-nomination-list")).json()
        ids = {row["id"] for row in listed.get("results", listed)}
        assert (secret.pk in ids) is seen
        detail = client.get(reverse("api-nomination-detail", args=[secret.pk]))
        assert detail.status_code == (200 if seen else 404)
        for name in ("excel_nominations", "api-nomination-export"):
            sheet = load_workbook(io.BytesIO(client.get(reverse(name)).content)).active
            names = {cell.value for row in sheet.iter_rows() for cell in row}
            assert ("Trinh sát X" in names) is seen, name


def test_every_view_is_written_to_the_audit_trail(client, secret, director):
    client.force_login(director)
    assert client.get(secret.get_absolute_url()).status_code == 200
    assert client.get(reverse("api-nomination-detail", args=[secret.pk])).status_code == 200
    views = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Nomination),
        object_id=secret.pk,
        kind=AuditEventKind.SECRET_DOSSIER_VIEWED,
    )
    assert [(e.data["viewed"], e.actor_id) for e in views.order_by("pk")] == [
        ("page", director.pk),
        ("api", director.pk),
    ]


def test_an_ordinary_dossier_view_is_not_audited(client, campaign, district, officer):
    nomination = NominationFactory(campaign=campaign, unit=district, created_by=officer)
    client.force_login(officer)
    client.get(nomination.get_absolute_url())
    assert not AuditEvent.objects.filter(kind=AuditEventKind.SECRET_DOSSIER_VIEWED).exists()


def test_notifications_reach_only_those_involved(
    campaign, district, director_award, officer, member, secretary, director
):
    nomination = _secret(
        NominationFactory(
            campaign=campaign, unit=district, award_type=director_award, created_by=officer
        )
    )
    advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
    told = set(
        Notification.objects.filter(nomination=nomination).values_list("recipient_id", flat=True)
    )
    assert director.pk in told
    assert member.pk not in told and secretary.pk not in told


def test_statistics_count_it_without_describing_it(secret, campaign, member, director):
    hidden = campaign_statistics(campaign=campaign, user=member)
    assert hidden.total == 1 and hidden.secret == 1
    assert sum(row["total"] for row in hidden.by_unit) == 0  # not described by unit
    shown = campaign_statistics(campaign=campaign, user=director)
    assert shown.total == 1 and sum(row["total"] for row in shown.by_unit) >= 1


def test_no_achievement_report_is_required(secret, director_award):
    RuleSet.objects.create(
        award_type=director_award,
        name="Giấy khen",
        legal_reference="Thông tư 04/2024/TT-BCA",
        valid_from=datetime.date(2000, 1, 1),
        required_documents=[AttachmentKind.COVER_LETTER, AttachmentKind.ACHIEVEMENT_REPORT],
    )
    (dossier,) = [row for row in eligibility_report(secret) if row["code"] == "dossier_complete"]
    assert "Báo cáo thành tích" not in dossier["reason"]
    assert "Tờ trình" in dossier["reason"]


@pytest.fixture
def certificate(secret, director):
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="9/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 1),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[secret.pk],
    )
    decision_issue(decision=decision, actor=director)
    return Certificate.objects.get(nomination=secret)


def test_public_verification_says_only_that_it_is_valid(client, certificate):
    result = verification_result(certificate)
    assert result["valid"] and result["restricted"]
    assert result["recipient"] == result["award"] == result["decision_number"] == ""
    page = client.get(verification_path(certificate)).content.decode()
    assert "CÒN HIỆU LỰC" in page
    assert "Trinh sát X" not in page and "9/QĐ-CAT-PV05" not in page


def test_ceremony_papers_mark_it_not_public(certificate, clerk):
    ceremony = Ceremony.objects.create(
        name="Lễ tổng kết", date=datetime.date(2026, 12, 2), place="Hội trường", created_by=clerk
    )
    ceremony.decisions.set([certificate.decision])
    run_sheet = "\n".join(
        cell.text for table in Document(io.BytesIO(run_sheet_docx(ceremony))).tables
        for row in table.rows for cell in row.cells
    )  # fmt: skip
    assert "KHÔNG CÔNG KHAI" in run_sheet
    script = "\n".join(p.text for p in Document(io.BytesIO(mc_script_docx(ceremony))).paragraphs)
    assert "Trinh sát X" not in script
