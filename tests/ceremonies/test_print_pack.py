"""The print pack from the demo data: 28 pages in ceremony order, the right names and numbers."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from commendations.actions.decisions import decision_issue
from commendations.actions.registry import action_run
from commendations.campaigns.models import Authority
from commendations.ceremonies.models import PrintPack
from commendations.ceremonies.services import ceremony_create, print_pack_request
from commendations.certificates.models import Certificate
from commendations.certificates.services import decision_progress
from commendations.decisions.services import decision_create
from commendations.nominations.models import Nomination
from commendations.nominations.models import NominationState as S
from tests.certificate_fixtures import media  # noqa: F401
from tests.helpers import recommend_in_session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

PEOPLE_IN_ORDER = [  # by given name, Vietnamese letter order: B, Đạt < Đăm < Đức, H'Nhung < Hùng
    "Đinh Văn Byă",
    "Lê Quang Đạt",
    "Siu Đăm",
    "Phạm Minh Đức",
    "Ksor H'Nhung",
    "Nguyễn Văn Hùng",
    "Rơ Mah Thuận",
    "Nguyễn Thị Ánh Tuyết",
]


@pytest.fixture
def demo_issued(eager, django_capture_on_commit_callbacks):
    """The demo data with every 2022 nomination taken to a decision, both decisions issued
    (without the first-login extras, which decide two Giấy khen of their own)."""
    call_command("load_demo", as_at_the_conference=True, verbosity=0)
    users = {u.username: u for u in User.objects.all()}
    secretary = users["committee_secretary"]
    for nomination in Nomination.objects.filter(campaign__year=2022):
        if nomination.state == S.SUBMITTED:
            recommend_in_session(nomination, secretary=secretary, votes=(9, 0, 0))
        if nomination.state == S.RECOMMENDED:
            action_run(instance=nomination, name="forward", actor=secretary)
    decisions = []
    for authority, actor, number, state in [
        (Authority.PROVINCIAL_DIRECTOR, users["director"], "310/QĐ-CAT-PV05", S.AWAITING_DIRECTOR),
        (Authority.MINISTRY, users["ministry"], "1234/QĐ-BCA-X01", S.AWAITING_MINISTRY),
    ]:
        ids = Nomination.objects.filter(state=state).values_list("pk", flat=True)
        decision = decision_create(
            actor=actor,
            authority=authority,
            number=number,
            date=datetime.date(2023, 3, 1),
            signer_name="Nguyễn Ngọc Sơn",
            signer_title="GIÁM ĐỐC" if authority == Authority.PROVINCIAL_DIRECTOR else "BỘ TRƯỞNG",
            nomination_ids=ids,
        )
        with django_capture_on_commit_callbacks(execute=True):
            decision_issue(decision=decision, actor=actor)
        decisions.append(decision)
    return decisions, users


def test_demo_print_pack_has_28_pages_in_ceremony_order(
    demo_issued, soffice_path, settings, django_capture_on_commit_callbacks
):
    settings.PRINT_PACK_SOFFICE_PROCESSES = 2
    settings.PRINT_PACK_CHUNK_SIZE = 8  # chunks 1-8, 9-16, 17-24, 25-28: BK and GK share chunk 2
    decisions, users = demo_issued
    assert [decision_progress(d)["done"] for d in decisions] == [18, 10]
    ceremony = ceremony_create(
        actor=users["clerk"],
        name="Hội nghị triển khai công tác năm 2023",
        date=datetime.date(2023, 3, 14),
        place="Hội trường Công an tỉnh Gia Lai",
        decisions=decisions,
    )
    with django_capture_on_commit_callbacks(execute=True):
        pack = print_pack_request(ceremony=ceremony, actor=users["clerk"])
    pack.refresh_from_db()
    assert (pack.status, pack.error, pack.note) == (PrintPack.Status.DONE, "", "")
    assert pack.page_count == 28
    with pack.pdf.open("rb") as handle:
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages]
    assert len(pages) == 28
    by_number = {c.registry_number: c for c in Certificate.objects.select_related("nomination")}
    expected_numbers = [f"BK-2023-{i:04d}" for i in range(1, 11)] + [
        f"GK-2023-{i:04d}" for i in range(1, 19)
    ]
    for page, number in zip(pages, expected_numbers, strict=True):
        flat = " ".join(page.split())
        assert number in flat
        name = by_number[number].nomination.nominee_name
        assert " ".join(name.split()) in flat, (number, name, flat[:300])
        assert ("BẰNG KHEN" if number.startswith("BK") else "GIẤY KHEN") in flat
    kinds = [by_number[n].nomination.nominee_kind for n in expected_numbers]
    assert kinds == ["collective"] * 20 + ["individual"] * 8
    assert [by_number[n].nomination.nominee_name for n in expected_numbers[20:]] == PEOPLE_IN_ORDER
    with pack.zip.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert names[:28] == [f"{i:04d}_{n}.docx" for i, n in enumerate(expected_numbers, 1)]
    decision_docs = sorted(n for n in names if n.startswith("quyet_dinh/"))
    assert decision_docs == ["quyet_dinh/1234-QĐ-BCA-X01.docx", "quyet_dinh/310-QĐ-CAT-PV05.docx"]
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(archive.read(decision_docs[1]))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Nguyễn Thị Ánh Tuyết" in text


def test_without_libreoffice_the_pack_is_one_merged_docx_with_the_reason(
    demo_issued, settings, django_capture_on_commit_callbacks
):
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    decisions, users = demo_issued
    ceremony = ceremony_create(
        actor=users["clerk"],
        name="Lễ trao tặng",
        date=datetime.date(2023, 3, 14),
        place="Pleiku",
        decisions=decisions[:1],
    )
    with django_capture_on_commit_callbacks(execute=True):
        pack = print_pack_request(ceremony=ceremony, actor=users["clerk"])
    pack.refresh_from_db()
    assert pack.status == PrintPack.Status.DONE and not pack.pdf
    assert "LibreOffice" in pack.note
    with pack.docx.open("rb") as handle:
        merged = Document(io.BytesIO(handle.read()))
    text = "".join(merged.element.body.itertext())
    assert all(f"GK-2023-{i:04d}" in text for i in range(1, 19))
    assert text.index("GK-2023-0001") < text.index("GK-2023-0018")


def test_the_page_check_names_missing_and_wrong_pdfs(tmp_path):
    from pypdf import PdfWriter

    from commendations.ceremonies.printing import ConversionError, check_pages

    two = PdfWriter()
    two.add_blank_page(100, 100)
    two.add_blank_page(100, 100)
    two.write(tmp_path / "0002_GK-2023-0002.pdf")
    with pytest.raises(ConversionError) as error:
        check_pages([tmp_path / "0001_GK-2023-0001.pdf", tmp_path / "0002_GK-2023-0002.pdf"])
    assert "0001_GK-2023-0001" in str(error.value) and "0002_GK-2023-0002 (2)" in str(error.value)


def _docx(text: str, *, landscape: bool) -> bytes:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_composed_chunk_keeps_order_and_each_certificate_page_setup():
    from docx.enum.section import WD_ORIENT, WD_SECTION

    from commendations.ceremonies.printing import compose_docx

    contents = [
        _docx("Bằng khen 1", landscape=True),
        _docx("Bằng khen 2", landscape=True),
        _docx("Giấy khen 1", landscape=False),
    ]
    merged = Document(io.BytesIO(compose_docx(contents)))
    assert [s.orientation for s in merged.sections] == [
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    assert all(s.start_type == WD_SECTION.NEW_PAGE for s in merged.sections)
    texts = [p.text for p in merged.paragraphs if p.text]
    assert texts == ["Bằng khen 1", "Bằng khen 2", "Giấy khen 1"]


def test_chunks_are_consecutive_and_use_every_process():
    from commendations.ceremonies.printing import chunk_ranges

    assert chunk_ranges(28, chunk_size=100, processes=2) == [range(0, 14), range(14, 28)]
    assert chunk_ranges(250, chunk_size=100, processes=2) == [
        range(0, 100),
        range(100, 200),
        range(200, 250),
    ]
    assert chunk_ranges(1, chunk_size=100, processes=2) == [range(0, 1)]
    assert chunk_ranges(0, chunk_size=100, processes=2) == []


def test_the_chunk_page_check_refuses_a_chunk_pdf_with_fewer_pages(tmp_path):
    from pypdf import PdfWriter

    from commendations.ceremonies.printing import ConversionError, check_pages

    for name, pages in (("chunk-0001_00001-00003", 3), ("chunk-0002_00004-00005", 1)):
        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(100, 100)
        writer.write(tmp_path / f"{name}.pdf")
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert check_pages(pdfs[:1], expected=[3]) == 3
    with pytest.raises(ConversionError) as error:
        check_pages(pdfs, expected=[3, 2])
    assert "chunk-0002_00004-00005 (1/2)" in str(error.value)
    assert "chunk-0001" not in str(error.value)


FAKE_SOFFICE = """#!{python}
import sys
from pathlib import Path

from pypdf import PdfWriter

args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
writer = PdfWriter()
writer.add_blank_page(100, 100)  # one page, whatever the document: a short output
writer.write(out / (Path(args[-1]).stem + ".pdf"))
"""


def test_a_short_chunk_from_libreoffice_fails_the_pack_build(tmp_path, settings):
    import sys

    from commendations.ceremonies.printing import ConversionError, build_pack_pdf

    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE.format(python=sys.executable))
    fake.chmod(0o755)
    contents = [_docx(f"Giấy khen {i}", landscape=True) for i in range(1, 4)]
    with pytest.raises(ConversionError) as error:
        build_pack_pdf(contents, tmp_path / "work", soffice=str(fake), processes=1, chunk_size=3)
    assert "chunk-0001_00001-00003 (1/3)" in str(error.value)
    pdf, pages = build_pack_pdf(
        contents, tmp_path / "work-ok", soffice=str(fake), processes=2, chunk_size=1
    )
    assert pages == 3 and len(PdfReader(io.BytesIO(pdf)).pages) == 3
