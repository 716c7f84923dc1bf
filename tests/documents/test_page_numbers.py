"""Every document that may run over a page numbers its pages from the second (Nghị định 30/2020
Art. 15): a PAGE field centred in the header of the pages after the first, none on the first.
Read in the .docx (the PDF's numbers are what LibreOffice makes of this field)."""

import io
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from tests.ceremonies.test_run_sheet_and_overlay import ceremony, eager  # noqa: F401
from tests.certificate_fixtures import media  # noqa: F401

DOC_TEMPLATES = Path(__file__).resolve().parents[2] / "doc_templates"


def _has_page_field(part) -> bool:
    fields = part._element.iter(qn("w:fldSimple"))
    simple = any("PAGE" in (f.get(qn("w:instr")) or "") for f in fields)
    complex_ = any("PAGE" in (t.text or "") for t in part._element.iter(qn("w:instrText")))
    return simple or complex_


def assert_numbered_from_the_second_page(content: bytes) -> None:
    section = Document(io.BytesIO(content)).sections[0]
    assert section.different_first_page_header_footer
    assert _has_page_field(section.header)
    assert not _has_page_field(section.first_page_header)
    numbered = next(p for p in section.header.paragraphs if _has_page_field(p))
    assert numbered.alignment == WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize("name", ["quyet_dinh.docx", "to_trinh.docx", "bien_ban.docx"])
def test_the_templates_number_their_pages_from_the_second(name):
    assert_numbered_from_the_second_page((DOC_TEMPLATES / name).read_bytes())


@pytest.mark.parametrize("name", ["quyet_dinh.docx", "to_trinh.docx", "bien_ban.docx"])
def test_the_draft_mark_stays_on_every_page(name):
    section = Document(DOC_TEMPLATES / name).sections[0]
    for header in (section.first_page_header, section.header):
        assert "DỰ THẢO" in "".join(p.text for p in header.paragraphs)


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_run_sheet_and_the_mc_script_number_their_pages(ceremony):  # noqa: F811
    assert_numbered_from_the_second_page(run_sheet_docx(ceremony))
    assert_numbered_from_the_second_page(mc_script_docx(ceremony))
