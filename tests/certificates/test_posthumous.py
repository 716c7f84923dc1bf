"""A posthumous award (truy tặng): the certificate prints "TRUY TẶNG" in capitals, Times New Roman
18, bold (Thông tư 22/2025/TT-BCA); the ceremony's papers name the family member who receives it;
the verification page and the nomination's page say so. An ordinary award prints "TẶNG"."""

import io

import pytest
from django.urls import reverse
from docx import Document
from docx.shared import Pt

from commendations.actions.certificates import certificate_render
from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from commendations.ceremonies.models import Ceremony
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_path
from tests.certificate_fixtures import DECISION_DATE, awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
RECEIVER = "Bà Trần Thị Hoa (vợ)"


@pytest.fixture
def certificates(campaign, district, officer, member, secretary, director, director_award):
    specs = [
        (
            director_award,
            "individual",
            "Nguyễn Văn Liệt",
            {"gender": "male", "posthumous": True, "posthumous_receiver": RECEIVER},
        ),
        (director_award, "individual", "Lê Văn Sống", {"gender": "male"}),
    ]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    issue(draft(director, nominations), director)
    for certificate in Certificate.objects.all():
        certificate_render(certificate_id=certificate.pk)
    return {c.nomination.nominee_name: c for c in Certificate.objects.select_related("nomination")}


def _verb_runs(certificate: Certificate) -> list:
    with certificate.file.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    return [
        run
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text.strip() in ("TẶNG", "TRUY TẶNG")
    ]


def test_the_certificate_prints_truy_tang_in_times_new_roman_18_bold(certificates):
    (run,) = _verb_runs(certificates["Nguyễn Văn Liệt"])
    assert run.text == "TRUY TẶNG"
    assert run.bold and run.font.size == Pt(18)
    assert run.font.name in (None, "Times New Roman")  # None: the document's Times New Roman
    (ordinary,) = _verb_runs(certificates["Lê Văn Sống"])
    assert ordinary.text == "TẶNG"


def test_the_ceremony_papers_name_the_family_member_who_receives_it(certificates, clerk):
    ceremony = Ceremony.objects.create(
        name="Lễ tổng kết", date=DECISION_DATE, place="Hội trường", created_by=clerk
    )
    ceremony.decisions.set([certificates["Nguyễn Văn Liệt"].decision])
    run_sheet = "\n".join(
        cell.text for table in Document(io.BytesIO(run_sheet_docx(ceremony))).tables
        for row in table.rows for cell in row.cells
    )  # fmt: skip
    assert f"TRUY TẶNG — người nhận thay: {RECEIVER}" in run_sheet
    script = "\n".join(p.text for p in Document(io.BytesIO(mc_script_docx(ceremony))).paragraphs)
    assert f"Ông Nguyễn Văn Liệt (TRUY TẶNG — người nhận thay: {RECEIVER})" in script
    assert "Lê Văn Sống (TRUY" not in script


def test_the_verification_page_and_the_nomination_page_say_so(client, certificates, officer):
    certificate = certificates["Nguyễn Văn Liệt"]
    page = client.get(verification_path(certificate)).content.decode()
    assert "TRUY TẶNG" in page and "Nguyễn Văn Liệt" in page
    ordinary = client.get(verification_path(certificates["Lê Văn Sống"])).content.decode()
    assert "TRUY TẶNG" not in ordinary
    client.force_login(officer)
    detail = client.get(reverse("nomination_detail", args=[certificate.nomination.pk]))
    assert "TRUY TẶNG" in detail.content.decode() and RECEIVER in detail.content.decode()
