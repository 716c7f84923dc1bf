"""The titles' certificates (issue #24): the Giấy chứng nhận Chiến sĩ thi đua cơ sở of every honour
a recognition decision records, numbered in the Director's book ("CN-…"), rendered from its own
template by the rule of every certificate (at once, or after the văn thư's seal when the
decision is signed here), verifiable by its QR and lookup code; the Ministry's own certificate
of a title it decides recorded on the honour as received."""

import datetime
import io

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from rest_framework.test import APIClient

from commendations.actions.annual_titles import rating_lists_decide
from commendations.actions.certificates import certificates_render
from commendations.actions.decisions import decision_sign_on_paper
from commendations.actions.registry import action_run
from commendations.annual_titles.models import RatingList, RatingListState
from commendations.campaigns.models import Authority, AwardType
from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from commendations.ceremonies.models import Ceremony
from commendations.ceremonies.overlay import overlay_pdf
from commendations.certificates.documents import TITLE_NAME_BOX, certificate_context
from commendations.certificates.models import Certificate, RegistryCounter, RenderBatch
from commendations.certificates.public_verification import verification_path
from commendations.certificates.services import certificates_generate
from commendations.decisions.models import Decision, SignatureState
from commendations.documents.fitting import width_mm
from commendations.documents.models import DocumentKind
from commendations.events import AuditEventKind
from commendations.units.models import HonourRecord, ServiceRecord
from tests.annual_titles.helpers import YEAR, officers, rating_list, rows_add
from tests.certificate_fixtures import media  # noqa: F401
from workflow.models import AuditEvent, TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

DECIDED_ON = datetime.date(YEAR + 1, 1, 10)  # a paper original entered after the fact
LONG_NAME = (
    "Nguyễn Hoàng Thị Thanh Thủy Phương Lan Anh Ngọc Bích Diễm Kiều Mỹ Hạnh Phúc Xuân Thu Hà "
    "Minh Nguyệt Bảo Trâm"
)


def _recommended(unit, people, cstdcs: int) -> RatingList:
    rl = rating_list(unit)
    rows_add(rl, people, "CSTT")
    rows_add(rl, people[:cstdcs], "CSTDCS")
    RatingList.objects.filter(pk=rl.pk).update(state=RatingListState.RECOMMENDED)
    rl.refresh_from_db()
    return rl


def _decide(lists, director, *, date=DECIDED_ON, number="5/QĐ-CAT-PV05", signer="Ksor Nhân"):
    return rating_lists_decide(
        lists=lists,
        actor=director,
        number=number,
        date=date,
        signer_name=signer,
        signer_title="Giám đốc",
        signer_rank="Đại tá",
    )


def _text(certificate: Certificate) -> str:
    with certificate.file.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts).replace("\xa0", " ")  # dates are printed unbroken


@pytest.fixture
def rendered(clerk, eager, django_capture_on_commit_callbacks):
    """Render a decision's certificates now (the clerk's button; the task runs inline)."""

    def render(decision: Decision) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            certificates_generate(decision=decision, actor=clerk)

    return render


@pytest.fixture
def decided(district, director, django_capture_on_commit_callbacks):
    """20 officers rated Chiến sĩ tiên tiến, three of them Chiến sĩ thi đua cơ sở (15%)."""
    people = officers(district, 20)
    for person, name in zip(
        people[:3], ["Trần Văn Bình", "Lê Thị An", "Đỗ Văn Cường"], strict=True
    ):
        person.full_name = name
        person.save(update_fields=["full_name"])
    ServiceRecord.objects.create(
        person=people[1],
        unit=district,
        rank="Thượng úy",
        position="Cán bộ",
        valid_from=datetime.date(2020, 1, 1),
    )
    rl = _recommended(district, people, 3)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision = _decide([rl], director)
    return decision, callbacks


def test_the_recognition_decision_numbers_one_certificate_per_cstdcs_in_the_directors_book(
    decided, director
):
    decision, callbacks = decided
    cstdcs = HonourRecord.objects.filter(decision=decision, award_type__code="CSTDCS")
    assert cstdcs.count() == 3
    assert HonourRecord.objects.filter(decision=decision, award_type__code="CSTT").count() == 20
    # Chiến sĩ tiên tiến: recognised in the decision's list, no certificate of its own
    certificates = Certificate.objects.filter(decision=decision).order_by("serial")
    assert [(c.honour.person.full_name, c.registry_number) for c in certificates] == [
        ("Lê Thị An", "CN-2026-0001"),
        ("Trần Văn Bình", "CN-2026-0002"),
        ("Đỗ Văn Cường", "CN-2026-0003"),
    ]
    assert all(c.nomination_id is None and c.state == "pending" for c in certificates)
    assert {c.authority for c in certificates} == {Authority.PROVINCIAL_DIRECTOR}
    counter = RegistryCounter.objects.get(authority=Authority.PROVINCIAL_DIRECTOR, year=YEAR + 1)
    assert counter.last_number == 3  # the Giấy khen of the year continue from 4
    assert TransitionLog.objects.filter(transition="create", actor=director).count() == 3
    # a paper original entered after the fact: rendered at once, after the commit
    assert not decision.awaits_seal
    assert RenderBatch.objects.get(decision=decision).status == RenderBatch.Status.WAITING
    assert len(callbacks) == 1


def test_numbering_again_and_rendering_twice_change_nothing(decided, clerk, eager):
    decision, _callbacks = decided
    before = list(
        Certificate.objects.filter(decision=decision).values_list("pk", "registry_number")
    )
    certificates_generate(decision=decision, actor=clerk)  # the clerk's button, twice
    certificates_generate(decision=decision, actor=clerk)
    after = list(Certificate.objects.filter(decision=decision).values_list("pk", "registry_number"))
    assert after == before
    ids = [pk for pk, _number in before]
    first = certificates_render(certificate_ids=ids)
    again = certificates_render(certificate_ids=ids)  # a chunk delivered twice
    assert first["rendered"] == 3 and again == {"rendered": 0, "failed": 0, "skipped": 3}
    assert RegistryCounter.objects.get(year=YEAR + 1).last_number == 3
    assert TransitionLog.objects.filter(transition="render_done").count() == 3


def test_the_certificate_shows_the_officer_the_title_the_decision_and_its_codes(decided, rendered):
    decision, _callbacks = decided
    rendered(decision)
    certificate = Certificate.objects.get(honour__person__full_name="Lê Thị An")
    assert certificate.state == "rendered"
    assert certificate.template.kind == DocumentKind.GCN_CSTDCS
    text = _text(certificate)
    for expected in (
        "GIÁM ĐỐC CÔNG AN TỈNH GIA LAI",
        "CHỨNG NHẬN",
        "Đồng chí Thượng úy Lê Thị An",  # rank and position from the service record
        "Cán bộ, Công an huyện Một",
        "Đạt danh hiệu",
        "CHIẾN SĨ THI ĐUA CƠ SỞ",
        "Năm 2025",
        "Quyết định số 5/QĐ-CAT-PV05 ngày 10 tháng 01 năm 2026",
        "Số sổ vàng: CN-2026-0001",
        f"Mã tra cứu: {certificate.short_code_display}",
        "Đại tá Ksor Nhân",
    ):
        assert expected in text, expected
    other = Certificate.objects.get(honour__person__full_name="Trần Văn Bình")
    assert "Đồng chí Trần Văn Bình" in _text(other)  # no rank recorded: still "Đồng chí"


def test_the_decision_page_and_the_persons_page_list_them(decided, rendered, clerk, client):
    decision, _callbacks = decided
    rendered(decision)
    certificate = Certificate.objects.get(honour__person__full_name="Lê Thị An")
    client.force_login(clerk)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "CN-2026-0001" in page and "Lê Thị An" in page and "Chiến sĩ thi đua cơ sở" in page
    assert reverse("certificate_download", args=[certificate.pk]) in page
    history = client.get(reverse("person_history", args=[certificate.honour.person_id]))
    text = history.content.decode()
    assert "Giấy chứng nhận danh hiệu" in text
    assert "Công an tỉnh cấp, số vào sổ CN-2026-0001" in text
    assert "ministry-certificate-form" not in text  # the province's own title


def test_the_verification_page_shows_the_title_and_the_decision(decided, rendered, client):
    decision, _callbacks = decided
    rendered(decision)
    certificate = Certificate.objects.get(honour__person__full_name="Lê Thị An")
    page = client.get(verification_path(certificate)).content.decode()
    assert "CÒN HIỆU LỰC" in page
    assert "Lê Thị An" in page
    assert "Danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" in page
    assert "5/QĐ-CAT-PV05" in page and "10/01/2026" in page
    by_code = client.get(
        reverse("certificate_verify_lookup"), {"ma": certificate.short_code_display}
    )
    assert by_code.status_code in (200, 302)


def test_a_long_name_is_fitted_into_its_box(district, director, rendered):
    people = officers(district, 7)
    people[0].full_name = LONG_NAME
    people[0].save(update_fields=["full_name"])
    rl = _recommended(district, people, 1)
    decision = _decide([rl], director)
    rendered(decision)
    certificate = Certificate.objects.get(decision=decision)
    fitted = certificate_context(certificate)["recipient_fitted"].fitted
    assert fitted.size < TITLE_NAME_BOX["size"]  # shrunk, then wrapped
    assert len(fitted.lines) >= 2 and " ".join(fitted.lines) == f"Đồng chí {LONG_NAME}"
    assert all(width_mm(line, fitted.size, True) <= TITLE_NAME_BOX["w"] for line in fitted.lines)
    assert fitted.box.contains(fitted.ink)
    with certificate.file.open("rb") as handle:
        xml = Document(io.BytesIO(handle.read())).element.xml
    assert f'w:val="{round(fitted.size * 2)}"' in xml and "Thủy Phương Lan" in xml


def test_a_long_name_keeps_the_certificate_on_one_page(district, director, rendered, soffice_path):
    from commendations.documents.libreoffice import docx_to_pdf

    people = officers(district, 7)
    people[0].full_name = LONG_NAME
    people[0].save(update_fields=["full_name"])
    decision = _decide([_recommended(district, people, 1)], director)
    rendered(decision)
    certificate = Certificate.objects.get(decision=decision)
    with certificate.file.open("rb") as handle:
        pdf = next(iter(docx_to_pdf({"c": handle.read()}).values()))
    assert pymupdf.open(stream=pdf, filetype="pdf").page_count == 1


def _scan_pdf(text: str) -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((300, 700), text, fontsize=12)
    return document.tobytes()


def test_a_decision_signed_here_gives_its_certificates_after_the_seal(
    district, director, clerk, eager, seal, monkeypatch, django_capture_on_commit_callbacks
):
    """A recognition decision signed here in the decree's order (its PDF made for the signer:
    stood in for here) numbers its certificates at once and renders them at the seal."""
    monkeypatch.setattr(
        Decision,
        "signed_electronically_here",
        property(lambda self: not self.entered_after_the_fact),
    )
    rl = _recommended(district, officers(district, 7), 1)
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide([rl], director, date=timezone.localdate(), signer="Ksor Nhan")
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.awaits_seal
    certificate = Certificate.objects.get(decision=decision)
    assert certificate.state == "pending" and certificate.registry_number.startswith("CN-")
    assert not RenderBatch.objects.filter(decision=decision).exists()
    with pytest.raises(Exception, match="đóng dấu"):
        certificates_generate(decision=decision, actor=clerk)
    scan = SimpleUploadedFile(
        "ban-goc.pdf", _scan_pdf("Dai ta Ksor Nhan"), content_type="application/pdf"
    )
    decision_sign_on_paper(decision=decision, actor=director, scan=scan)
    decision = Decision.objects.get(pk=decision.pk)
    with django_capture_on_commit_callbacks(execute=True):
        action_run(instance=decision, name="seal", actor=clerk, expected_state="paper")
    assert Decision.objects.get(pk=decision.pk).signature_state == SignatureState.SEALED
    assert RenderBatch.objects.filter(decision=decision).exists()
    certificate.refresh_from_db()
    assert certificate.state == "rendered"  # rendered once the seal committed


def test_the_ceremony_papers_name_the_title_certificates(decided, rendered):
    decision, _callbacks = decided
    rendered(decision)
    ceremony = Ceremony.objects.create(
        name="Hội nghị tổng kết năm 2025", date=DECIDED_ON, place="Hội trường Công an tỉnh"
    )
    ceremony.decisions.add(decision)
    for docx in (mc_script_docx(ceremony), run_sheet_docx(ceremony)):
        document = Document(io.BytesIO(docx))
        text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
        assert "Giấy chứng nhận Chiến sĩ thi đua cơ sở" in text
        assert "Lê Thị An" in text
    # onto a pre-printed blank (the Giấy khen's layout until the office saves its own)
    certificate = Certificate.objects.get(honour__person__full_name="Lê Thị An")
    page_text = pymupdf.open(stream=overlay_pdf([certificate]), filetype="pdf")[0].get_text()
    assert "Lê Thị An" in page_text and "CN-2026-0001" in page_text


def test_a_title_certificate_is_replaced_like_any_other(decided, rendered, clerk, director):
    from commendations.actions.certificates import replacement_approve
    from commendations.certificates.replacement import replacement_request_create

    decision, _callbacks = decided
    rendered(decision)
    old = Certificate.objects.get(honour__person__full_name="Lê Thị An")
    request = replacement_request_create(
        certificate=old,
        applicant="Lê Thị An",
        kind="cap_lai",
        reason="Bị mất khi chuyển nhà",
        evidence=None,
        actor=clerk,
    )
    new = replacement_approve(replacement_request=request, actor=director)
    old.refresh_from_db()
    assert old.state == "replaced" and old.honour_id is None
    assert new.honour.person.full_name == "Lê Thị An" and new.registry_number == "CN-2026-0001"
    assert old.award_honour == new.honour and old.recipient_name == "Lê Thị An"


# --- the Ministry's own certificate, recorded --------------------------------------------------


@pytest.fixture
def ministry_honour(district):
    person = officers(district, 1, prefix="BCA")[0]
    return HonourRecord.objects.create(
        person=person,
        year=YEAR,
        award_type=AwardType.objects.get(code="CSTD-CAND"),
        reference="1234/QĐ-BCA",
        decided_on=datetime.date(YEAR + 1, 2, 1),
        decided_by="Bộ trưởng Bộ Công an",
    )


def test_the_office_records_the_ministrys_certificate_on_the_persons_page(
    ministry_honour, secretary, client
):
    client.force_login(secretary)
    url = reverse("person_history", args=[ministry_honour.person_id])
    page = client.get(url).content.decode()
    assert "Chiến sĩ thi đua Công an nhân dân" in page and "ministry-certificate-form" in page
    response = client.post(
        reverse("honour_ministry_certificate", args=[ministry_honour.person_id]),
        {"honour": ministry_honour.pk, "number": " 4517/CSTĐ-BCA ", "received_on": "20/03/2026"},
    )
    assert response.status_code == 302 and response.url == url
    ministry_honour.refresh_from_db()
    assert ministry_honour.ministry_certificate_number == "4517/CSTĐ-BCA"
    assert ministry_honour.ministry_certificate_received_on == datetime.date(2026, 3, 20)
    event = AuditEvent.objects.get(
        kind=AuditEventKind.HISTORY_RECORDED, object_id=ministry_honour.pk
    )
    assert event.actor == secretary and event.data["what"] == "ministry_certificate"
    assert event.data["before"] == {"number": "", "received_on": None}
    assert (
        "Bộ Công an cấp, số 4517/CSTĐ-BCA, nhận ngày 20/03/2026" in client.get(url).content.decode()
    )


def test_recording_the_ministrys_certificate_is_checked(
    ministry_honour, decided, officer, clerk, client
):
    url = reverse("honour_ministry_certificate", args=[ministry_honour.person_id])
    data = {"honour": ministry_honour.pk, "number": "4517", "received_on": "20/03/2026"}
    client.force_login(officer)  # a unit officer keeps history, not the Ministry's items
    assert client.post(url, data).status_code == 403
    page = client.get(reverse("person_history", args=[ministry_honour.person_id]))
    assert "ministry-certificate-form" not in page.content.decode()
    client.force_login(clerk)
    # received before the Ministry decided it
    client.post(url, {**data, "received_on": "01/01/2026"})
    ministry_honour.refresh_from_db()
    assert ministry_honour.ministry_certificate_number == ""
    # a title the province decides: its certificate is printed here
    decision, _callbacks = decided
    own = HonourRecord.objects.filter(decision=decision, award_type__code="CSTDCS").first()
    response = client.post(
        reverse("honour_ministry_certificate", args=[own.person_id]),
        {**data, "honour": own.pk},
        follow=True,
    )
    assert "không do Bộ Công an quyết định" in response.content.decode()
    own.refresh_from_db()
    assert own.ministry_certificate_number == ""
    assert client.post(url, data).status_code == 302
    ministry_honour.refresh_from_db()
    assert ministry_honour.ministry_certificate_number == "4517"


def test_the_api_records_the_ministrys_certificate_and_lists_it(
    ministry_honour, decided, secretary, officer, clerk, eager
):
    api = APIClient()
    person = ministry_honour.person
    url = f"/api/v1/people/{person.pk}/honours/ministry-certificate/"
    body = {
        "honour": ministry_honour.pk,
        "ministry_certificate_number": "4517/CSTĐ-BCA",
        "ministry_certificate_received_on": "2026-03-20",
    }
    api.force_authenticate(officer)
    assert api.post(url, body, format="json").status_code == 403
    api.force_authenticate(secretary)
    bad = api.post(url, {**body, "ministry_certificate_received_on": "2099-01-01"}, format="json")
    assert bad.status_code == 400
    response = api.post(url, body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["ministry_certificate_number"] == "4517/CSTĐ-BCA"
    listed = api.get(f"/api/v1/people/{person.pk}/honours/").json()["results"]
    assert listed[0]["ministry_certificate_received_on"] == "2026-03-20"
    # the province's own certificate, by its registry number
    decision, _callbacks = decided
    own = HonourRecord.objects.get(
        decision=decision, person__full_name="Lê Thị An", award_type__code="CSTDCS"
    )
    rows = api.get(f"/api/v1/people/{own.person_id}/honours/").json()["results"]
    assert {r["award_type"]: r["certificate_registry_number"] for r in rows}[
        "CSTDCS"
    ] == "CN-2026-0001"
    own_url = f"/api/v1/people/{own.person_id}/honours/ministry-certificate/"
    refused = api.post(own_url, {**body, "honour": own.pk}, format="json")
    assert refused.status_code == 400
    # another person's honour, through this person: not found
    assert api.post(own_url, body, format="json").status_code == 404
