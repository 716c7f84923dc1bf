"""Builds the Word templates in this folder with python-docx, so they can be reviewed as code and
regenerated: `python doc_templates/build.py`. The files are committed; admins upload new versions
of them in the admin (the build output is version 1).

Variables are docxtpl (Jinja2) tags; the context each template receives is described in
commendations/documents.py. The national emblem is printed on the official blanks (phôi) or can be
added by uploading a new template version that contains it.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
RED = RGBColor(0xC0, 0x00, 0x00)
FONT = "Times New Roman"
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)


def new_document(*, landscape: bool, margins_mm: tuple[int, int, int, int]) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    return doc


def para(
    container,
    text: str = "",
    *,
    align=CENTER,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    color: RGBColor | None = None,
    before: float = 0,
    after: float = 0,
    upper: bool = False,
):
    """One paragraph holding one run, so that a Jinja tag is never split across runs."""
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(after)
    if text:
        run = p.add_run(text.upper() if upper else text)
        run.font.name = FONT
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
        if color is not None:
            run.font.color.rgb = color
    return p


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def page_border(section, *, color: str = "C00000", size: int = 24) -> None:
    sect_pr = section._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "double")
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "24")
        element.set(qn("w:color"), color)
        borders.append(element)
    sect_pr.append(borders)


def clear_first_paragraph(cell) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)


def certificate(filename: str, *, big: bool) -> None:
    """Bằng khen (big=True) and Giấy khen: landscape A4, laid out like the official forms."""
    doc = new_document(landscape=True, margins_mm=(14, 20, 12, 20))
    page_border(doc.sections[0], color="C00000" if big else "1F4E79")
    scale = 1.0 if big else 0.9
    para(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=14 * scale, bold=True)
    para(doc, "Độc lập - Tự do - Hạnh phúc", size=14 * scale, bold=True, after=6)
    para(doc, "{{ authority_title }}", size=17 * scale, bold=True, color=RED, before=14, after=4)
    para(doc, "TẶNG", size=18, bold=True, after=2)  # Thông tư 22/2025/TT-BCA: TNR 18, bold, black
    para(doc, "{{ award_title }}", size=44 * scale, bold=True, color=RED, before=4, after=16)
    para(doc, "{%p if is_individual %}")
    para(
        doc,
        "{{ salutation }}{% if salutation %}: {% endif %}{{ recipient_name }}",
        size=22 * scale,
        bold=True,
    )
    para(doc, "{{ rank }}{% if rank and position %}, {% endif %}{{ position }}", size=15 * scale)
    para(doc, "{{ recipient_unit }}", size=15 * scale)
    para(doc, "{%p else %}")
    para(doc, "{{ recipient_name }}", size=22 * scale, bold=True)
    para(doc, "{%p endif %}")
    para(doc, "{{ citation }}", size=15 * scale, italic=True, before=14, after=22)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(120), Mm(137)
    clear_first_paragraph(left)
    clear_first_paragraph(right)
    para(left, "Quyết định số: {{ decision_number }}", align=LEFT, size=12, before=10)
    para(left, "ngày {{ decision_date }}", align=LEFT, size=12)
    para(left, "Số sổ vàng: {{ registry_number }}", align=LEFT, size=12, bold=True)
    para(left, "{{ qr_image }}", align=LEFT, size=10, before=4)
    para(right, "{{ date_line }}", size=13, italic=True)
    para(right, "{{ signer_title }}", size=13, bold=True, upper=False)
    para(right, "", size=13, after=70)  # ~35 mm for signature and seal
    para(right, "{{ signer_name }}", size=14, bold=True)
    doc.save(HERE / filename)


def header_block(doc, *, left_lines: list[tuple[str, bool]], right_date: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    table.autofit = False
    left.width, right.width = Mm(68), Mm(107)
    clear_first_paragraph(left)
    clear_first_paragraph(right)
    for text, bold in left_lines:
        para(left, text, size=13, bold=bold)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, after=6)
    para(right, right_date, size=13, italic=True)


def awardee_table(doc) -> None:
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(12), Mm(62), Mm(80), Mm(26))
    headers = ("TT", "Tập thể / Họ và tên", "Cấp bậc, chức vụ, đơn vị", "Đối tượng")
    for cell, width, text in zip(table.rows[0].cells, widths, headers, strict=True):
        cell.width = width
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in rows %}")
    values = ("{{ row.index }}", "{{ row.name }}", "{{ row.description }}", "{{ row.kind_label }}")
    for cell, width, text in zip(table.rows[2].cells, widths, values, strict=True):
        cell.width = width
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(12)
    table.rows[2].cells[0].paragraphs[0].alignment = CENTER
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")


def signature(doc, *, title: str, name: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    clear_first_paragraph(left)
    clear_first_paragraph(right)
    para(left, "Nơi nhận:", align=LEFT, size=12, bold=True, italic=True, before=8)
    para(left, "- Như Điều 3;", align=LEFT, size=11)
    para(left, "- Lưu: VT, PV05.", align=LEFT, size=11)
    para(right, title, size=13, bold=True, before=8, after=60)
    para(right, name, size=13, bold=True)


def decision_template() -> None:
    doc = new_document(landscape=False, margins_mm=(20, 15, 20, 30))
    header_block(
        doc,
        left_lines=[("{{ authority_header }}", True), ("Số: {{ number }}", False)],
        right_date="{{ date_line }}",
    )
    para(doc, "QUYẾT ĐỊNH", size=14, bold=True, before=12)
    para(doc, "Về việc tặng {{ award_name }}", size=14, bold=True, after=10)
    para(doc, "{{ authority_title }}", size=14, bold=True, after=8)
    for text in (
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP quy định chi tiết một số điều của Luật Thi đua, "
        "khen thưởng;",
        "Căn cứ Thông tư số 04/2024/TT-BCA quy định về công tác thi đua, khen thưởng trong Công "
        "an nhân dân và phong trào toàn dân bảo vệ an ninh Tổ quốc;",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng,",
    ):
        para(doc, text, align=JUSTIFY, size=13, italic=True, after=3)
    para(doc, "QUYẾT ĐỊNH:", size=14, bold=True, before=8, after=6)
    para(
        doc,
        "Điều 1. Tặng {{ award_name }} cho {{ count }} tập thể, cá nhân (có danh sách "
        "kèm theo) {{ citation_lower }}.",
        align=JUSTIFY,
        size=13,
        after=3,
    )
    para(doc, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.", align=JUSTIFY, size=13, after=3)
    para(
        doc,
        "Điều 3. Thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        align=JUSTIFY,
        size=13,
        after=3,
    )
    signature(doc, title="{{ signer_title }}", name="{{ signer_name }}")
    doc.add_page_break()
    para(doc, "DANH SÁCH", size=14, bold=True)
    para(doc, "Tập thể, cá nhân được tặng {{ award_name }}", size=13, bold=True)
    para(
        doc, "(Kèm theo Quyết định số {{ number }} ngày {{ date }})", size=13, italic=True, after=8
    )
    awardee_table(doc)
    doc.save(HERE / "quyet_dinh.docx")


def submission_letter_template() -> None:
    doc = new_document(landscape=False, margins_mm=(20, 15, 20, 30))
    header_block(
        doc,
        left_lines=[
            ("CÔNG AN TỈNH {{ province_upper }}", False),
            ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", True),
            ("Số: {{ number }}", False),
        ],
        right_date="{{ date_line }}",
    )
    para(doc, "TỜ TRÌNH", size=14, bold=True, before=12)
    para(doc, "Về việc đề nghị tặng {{ award_name }}", size=14, bold=True, after=10)
    para(doc, "Kính gửi: {{ recipient }}", size=14, after=8)
    para(
        doc,
        "Thực hiện {{ campaign_name }}, trên cơ sở kết quả xét duyệt của Hội đồng Thi đua"
        " - Khen thưởng, Công an tỉnh {{ province }} kính đề nghị tặng {{ award_name }} cho "
        "{{ count }} tập thể, cá nhân có thành tích xuất sắc (danh sách kèm theo).",
        align=JUSTIFY,
        size=13,
        after=8,
    )
    awardee_table(doc)
    para(
        doc,
        "Kính trình {{ recipient_short }} xem xét, quyết định./.",
        align=JUSTIFY,
        size=13,
        before=8,
    )
    signature(doc, title="{{ signer_title }}", name="{{ signer_name }}")
    doc.save(HERE / "to_trinh.docx")


def main() -> None:
    certificate("bang_khen.docx", big=True)
    certificate("giay_khen.docx", big=False)
    decision_template()
    submission_letter_template()
    print("built:", ", ".join(sorted(p.name for p in HERE.glob("*.docx"))))


if __name__ == "__main__":
    main()
