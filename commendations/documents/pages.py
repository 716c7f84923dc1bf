"""Page numbers as Nghị định 30/2020 Art. 15 wants them: Arabic numerals, centred in the header,
from the second page on (the first page carries none). A Word PAGE field, so Word and LibreOffice
number the pages themselves. doc_templates/build.py keeps a copy of this (it runs without
Django)."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt


def page_field(paragraph, *, size: float = 13) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size_element = OxmlElement("w:sz")
    size_element.set(qn("w:val"), str(int(size * 2)))
    properties.append(size_element)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def number_pages_from_the_second(section: Section, *, size: float = 13) -> None:
    """A centred page number in the header of every page but the first."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    page_field(paragraph, size=size)
