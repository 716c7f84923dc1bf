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
from docx.shared import Cm, Mm, Pt, RGBColor

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


def set_cell_margins(table, mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(Mm(mm).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def fixed_widths(table, widths_mm: list[float], *, indent_mm: float = 0) -> None:
    """Fixed layout with these column widths (LibreOffice and Word both honour the grid), the
    table moved `indent_mm` to the left of the text column when negative."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    if indent_mm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(int(Mm(indent_mm).twips)))
        ind.set(qn("w:type"), "dxa")
        tbl_pr.append(ind)
    grid = table._tbl.tblGrid
    for col, mm in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(mm).twips)))
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(mm)


def row_flags(row, *, header: bool = False) -> None:
    """Rows never split across pages; a header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def rule(container, *, length_mm: float, width_mm: float, after: float = 0) -> None:
    """A solid line `length_mm` long, centred in a column `width_mm` wide (the short line under
    the issuing body, the motto and the summary): the bottom border of an empty paragraph."""
    p = container.add_paragraph()
    side = max((width_mm - length_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.line_spacing = Pt(2)
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    p_pr.append(borders)
    return p


def keep_with_next(p) -> None:
    p.paragraph_format.keep_with_next = True


def page_numbers(doc) -> None:
    """Nghị định 30/2020 Art. 15: page numbers centred in the header from the second page (the
    first carries none); a PAGE field. Same as commendations/documents/pages.py."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "26")
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)


def draft_mark(doc) -> None:
    """ "DỰ THẢO" at the top right of every page of a draft; nothing on the issued document.
    Called after `page_numbers` when there are some (the first page has its own header)."""
    section = doc.sections[0]
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.insert(0, section.first_page_header)
    for header in headers:
        numbered = header is section.header and section.different_first_page_header_footer
        p = header.add_paragraph() if numbered else header.paragraphs[0]
        p.alignment = RIGHT
        run = p.add_run("{% if is_draft %}DỰ THẢO{% endif %}")
        run.font.name = FONT
        run.font.size = Pt(14)
        run.bold = True
        run.font.color.rgb = RED


def signer_lines(container, *, size: float = 13, gap: float = 84) -> None:
    """ "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / ~37 mm, room for the signature and the 34 mm seal
    (SEAL_MM), which then reaches neither the title nor the name / "Đại tá Nguyễn Ngọc Sơn"."""
    para(container, "{%p for line in signer_heading %}")
    para(container, "{{ line }}", size=size, bold=True)
    para(container, "{%p endfor %}")
    para(container, "", size=size, after=gap)
    para(container, "{{ signer_name_line }}", size=size + 1, bold=True)


def certificate_footer(doc, *, qr_before: float) -> None:
    """A certificate's foot, one table: the decision's reference, the registry number, the QR
    code and its lookup code on the left; the place and date and the signer on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    fixed_widths(table, [120, 137])
    left, right = table.rows[0].cells
    clear_first_paragraph(left)
    clear_first_paragraph(right)
    para(left, "{{ decision_line }}", align=LEFT, size=13, before=14)
    para(left, "Số sổ vàng: {{ registry_number }}", align=LEFT, size=13, bold=True)
    para(left, "{{ qr_image }}", align=LEFT, size=10, before=qr_before)
    para(left, "{{ verification_code }}", align=LEFT, size=10)
    para(right, "{{ date_line }}", size=14, italic=True)
    signer_lines(right, size=14, gap=70)


def certificate(filename: str, *, big: bool) -> None:
    """Bằng khen (big=True) and Giấy khen: landscape A4, laid out like the official forms, the
    page filled from the emblem to the signature."""
    doc = new_document(landscape=True, margins_mm=(12, 20, 10, 20))
    page_border(doc.sections[0], color="C00000" if big else "1F4E79")
    scale = 1.0 if big else 0.92
    para(doc, "{{ emblem_image }}", size=6)
    para(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=15 * scale, bold=True, before=4)
    para(doc, "Độc lập - Tự do - Hạnh phúc", size=15 * scale, bold=True, after=6)
    para(doc, "{{ authority_title }}", size=19 * scale, bold=True, color=RED, before=10, after=4)
    para(
        doc, "{{ award_verb }}", size=18, bold=True, after=0
    )  # Thông tư 22/2025/TT-BCA: TNR 18, bold, black
    para(doc, "{{ award_title }}", size=48 * scale, bold=True, color=RED, before=2, after=14)
    para(doc, "{%p if is_individual %}")
    para(doc, "{{ recipient_line }}", size=24 * scale, bold=True, after=4)
    para(doc, "{{ position_line }}", size=16 * scale)
    para(doc, "{%p else %}")
    para(doc, "{{ recipient_name }}", size=24 * scale, bold=True)
    para(doc, "{%p endif %}")
    para(doc, "{{ citation }}", size=16 * scale, italic=True, before=12, after=2)
    para(doc, "{{ replacement_note }}", size=12, italic=True, after=8)
    certificate_footer(doc, qr_before=6)
    doc.save(HERE / filename)


LEFT_COL, RIGHT_COL, HEADER_INDENT = 80.0, 95.0, -10.0
QUOC_HIEU_PT, MOTTO_PT, MOTTO_MM = 12, 13, 56.1  # motto width measured in Liberation Serif Bold


def header_block(
    doc, *, left_lines: list[tuple[str, bool]], right_date: str, left_size: float = 13
) -> None:
    """The decree's header grid: the issuing body (narrow, left) and the Quốc hiệu (wide, right),
    each line on one line; short solid lines under the issuing body and the motto."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    set_cell_margins(table, 0.5)
    fixed_widths(table, [LEFT_COL, RIGHT_COL], indent_mm=HEADER_INDENT)
    left, right = table.rows[0].cells
    clear_first_paragraph(left)
    clear_first_paragraph(right)
    for text, bold in left_lines:
        para(left, text, size=left_size, bold=bold)
    rule(left, length_mm=28, width_mm=LEFT_COL - 1, after=6)
    para(left, "Số: {{ number }}", size=13)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=QUOC_HIEU_PT, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=MOTTO_PT, bold=True)
    rule(right, length_mm=MOTTO_MM, width_mm=RIGHT_COL - 1, after=6)
    para(right, right_date, size=13, italic=True)


def awardee_table(
    doc,
    *,
    last_header: str,
    last_value: str,
    group_total: str,
    total: bool,
    widths: tuple[float, float, float, float] = (11, 66, 60, 28),
) -> None:
    """Grouped I. Tập thể / II. Cá nhân; narrow TT, wide name; the header row repeats on every
    page and no row splits across pages."""
    table = doc.add_table(rows=12 if total else 11, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, list(widths))
    headers = ("TT", "Tập thể / Họ và tên", "Cấp bậc, chức vụ, đơn vị", last_header)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    row_flags(table.rows[0], header=True)

    def fill(row, values, *, bold=False, aligns=(CENTER, LEFT, LEFT, RIGHT)):
        for cell, text, align in zip(row.cells, values, aligns, strict=True):
            cell.paragraphs[0].alignment = align
            if text:
                run = cell.paragraphs[0].add_run(text)
                run.font.size = Pt(12)
                run.bold = bold
        row_flags(row)

    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for group in groups %}")
    fill(table.rows[2], ("{{ group.numeral }}", "{{ group.label }}", "", group_total), bold=True)
    for paragraph in (c.paragraphs[0] for c in table.rows[2].cells):
        keep_with_next(paragraph)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr for row in group.rows %}")
    table.rows[4].cells[0].paragraphs[0].add_run("{%tr if row.description %}")
    fill(table.rows[5], ("{{ row.index }}", "{{ row.name }}", "{{ row.description }}", last_value))
    table.rows[6].cells[0].paragraphs[0].add_run("{%tr else %}")
    # A collective has no description: its name takes both columns instead of wrapping
    # beside an empty one ("…thành phố / Pleiku").
    fill(table.rows[7], ("{{ row.index }}", "{{ row.name }}", "", last_value))
    table.rows[7].cells[1].merge(table.rows[7].cells[2])
    table.rows[8].cells[0].paragraphs[0].add_run("{%tr endif %}")
    table.rows[9].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    table.rows[10].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    if total:
        fill(table.rows[11], ("", "Tổng cộng", "", "{{ prize_total_text }}"), bold=True)


def body(doc, text: str, *, italic: bool = False, after: float = 4) -> None:
    p = para(doc, text, align=JUSTIFY, size=14, italic=italic, after=after)
    p.paragraph_format.first_line_indent = Cm(1.27)
    return p


def recipients_and_signer(doc, *, recipients: list[str] | None = None) -> None:
    """ "Nơi nhận:" on the left, the signer's block on the right, in one row that never splits
    across pages (the title and the name the signer signs between stay together). `recipients`:
    fixed lines instead of the authority's list."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, [75, 90])
    row_flags(table.rows[0])
    left, right = table.rows[0].cells
    clear_first_paragraph(left)
    clear_first_paragraph(right)
    para(left, "Nơi nhận:", align=LEFT, size=12, bold=True, italic=True, before=6)
    if recipients is None:
        para(left, "{%p for line in recipient_lines %}")
        para(left, "{{ line }}", align=LEFT, size=11)
        para(left, "{%p endfor %}")
    for line in recipients or []:
        para(left, line, align=LEFT, size=11)
    para(left, "{{ archive_line }}", align=LEFT, size=11)
    para(right, "", size=6, before=6)
    signer_lines(right)


def article_paragraph(doc, article: str):
    p = body(doc, "", after=4)
    label = p.add_run("{{ " + article + ".label }}")
    label.bold, label.font.size, label.font.name = True, Pt(14), FONT
    rest = p.add_run(" {{ " + article + ".text }}")
    rest.font.size, rest.font.name = Pt(14), FONT
    return p


def articles_with_the_last_kept_with_the_signer(doc) -> None:
    """ "Điều 1. …", one paragraph each; the last one is kept with the signer's block, so the
    page the signer signs always carries text of the decision (never the block alone, when the
    block does not fit under the articles)."""
    para(doc, "{%p for article in articles[:-1] %}")
    article_paragraph(doc, "article")
    para(doc, "{%p endfor %}")
    article_paragraph(doc, "articles[-1]").paragraph_format.keep_with_next = True


def decision_head() -> Document:
    """A decision up to "QUYẾT ĐỊNH:" (Nghị định 30/2020): the issuing body and the motto, number,
    place and date, the title and summary, the deciding authority, the "Căn cứ" lines and the
    proposal line; portrait A4, numbered pages, the draft mark."""
    doc = new_document(landscape=False, margins_mm=(20, 15, 20, 30))
    page_numbers(doc)
    draft_mark(doc)
    header_block(
        doc,
        left_lines=[("{{ governing_body }}", False), ("{{ issuing_body }}", True)],
        right_date="{{ date_line }}",
    )
    para(doc, "QUYẾT ĐỊNH", size=14, bold=True, before=8)
    para(doc, "{{ summary }}", size=14, bold=True)
    rule(doc, length_mm=40, width_mm=165, after=6)
    para(doc, "{{ authority_title }}", size=14, bold=True, after=6)
    para(doc, "{%p for basis in legal_bases %}")
    body(doc, "{{ basis }}", italic=True, after=2)
    para(doc, "{%p endfor %}")
    body(doc, "{{ proposal_line }}", italic=True, after=3)
    para(doc, "QUYẾT ĐỊNH:", size=14, bold=True, before=4, after=4)
    return doc


def decision_template() -> None:
    doc = decision_head()
    articles_with_the_last_kept_with_the_signer(doc)
    recipients_and_signer(doc)
    doc.add_page_break()
    para(doc, "DANH SÁCH", size=14, bold=True)
    para(doc, "{{ annex_title }}", size=14, bold=True)
    para(doc, "{{ annex_reference }}", size=13, italic=True)
    rule(doc, length_mm=40, width_mm=165, after=8)
    awardee_table(
        doc,
        last_header="Tiền thưởng (đồng)",
        last_value="{{ row.amount_text }}",
        group_total="{{ group.subtotal_text }}",
        total=True,
    )
    doc.save(HERE / "quyet_dinh.docx")


def submission_letter_template() -> None:
    doc = new_document(landscape=False, margins_mm=(20, 15, 20, 30))
    page_numbers(doc)
    draft_mark(doc)
    header_block(
        doc,
        left_lines=[("{{ governing_body }}", False), ("{{ issuing_body }}", True)],
        right_date="{{ date_line }}",
    )
    para(doc, "TỜ TRÌNH", size=14, bold=True, before=14)
    para(doc, "Về việc đề nghị tặng {{ award_name }}", size=14, bold=True)
    rule(doc, length_mm=40, width_mm=165, after=8)
    para(doc, "Kính gửi: {{ recipient }}", size=14, after=8)
    para(doc, "{%p for basis in legal_bases %}")
    body(doc, "{{ basis }}", italic=True, after=3)
    para(doc, "{%p endfor %}")
    body(
        doc,
        "Thực hiện {{ campaign_name }}, trên cơ sở kết quả xét duyệt của Hội đồng Thi đua - "
        "Khen thưởng, {{ sender }} kính đề nghị {{ recipient }} xét, tặng {{ award_name }} cho "
        "{{ count_text }} có thành tích xuất sắc (danh sách dưới đây).",
    )
    para(doc, "{%p if meeting_line %}")
    body(doc, "{{ meeting_line }}")
    para(doc, "{%p endif %}")
    awardee_table(
        doc,
        last_header="Kết quả biểu quyết",
        last_value="{{ row.vote }}",
        group_total="",
        total=False,
        widths=(11, 62, 54, 38),
    )
    body(doc, "Hồ sơ kèm theo gồm:", after=2).paragraph_format.space_before = Pt(6)
    para(doc, "{%p for item in attached_files %}")
    body(doc, "- {{ item }};", after=0)
    para(doc, "{%p endfor %}")
    closing = body(doc, "Kính trình {{ recipient_short }} xem xét, quyết định./.")
    closing.paragraph_format.space_before = Pt(6)
    keep_with_next(closing)
    recipients_and_signer(doc, recipients=["- Như trên;"])
    doc.save(HERE / "to_trinh.docx")


def minutes_template() -> None:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (the council's record, for the Ministry's
    dossier): header grid (the council's name at 12 pt so it keeps to one line), title, per
    session its time and place, chair, secretary, members present and absent by name and title,
    the vote and the result per nominee, the conclusion and the closing time; signed by the
    secretary (left) and the chair (right)."""
    doc = new_document(landscape=False, margins_mm=(20, 15, 20, 30))
    page_numbers(doc)
    draft_mark(doc)
    header_block(
        doc,
        left_lines=[("{{ governing_body }}", False), ("{{ issuing_body }}", True)],
        right_date="{{ date_line }}",
        left_size=12,
    )
    para(doc, "BIÊN BẢN", size=14, bold=True, before=14)
    para(doc, "Họp Hội đồng Thi đua - Khen thưởng", size=14, bold=True)
    para(doc, "xét đề nghị tặng {{ award_name }}", size=14, bold=True)
    rule(doc, length_mm=40, width_mm=165, after=8)
    para(doc, "{%p for session in sessions %}")
    body(doc, "{{ session.opening }}", after=2)
    body(doc, "{{ session.chair_line }}", after=2)
    body(doc, "{{ session.secretary_line }}", after=2)
    body(doc, "{{ session.present_count_line }}", after=0)
    para(doc, "{%p for person in session.present %}")
    body(doc, "- {{ person }};", after=0)
    para(doc, "{%p endfor %}")
    body(doc, "{{ session.absent_line }}", after=4).paragraph_format.space_before = Pt(2)
    keep_with_next(body(doc, "Kết quả biểu quyết của từng trường hợp như sau:", after=4))
    table = doc.add_table(rows=4, cols=7)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [10, 55, 19, 21, 21, 21, 23]
    fixed_widths(table, widths)
    headers = (
        "TT",
        "Tập thể / Họ và tên",
        "Tán thành",
        "Không tán thành",
        "Không biểu quyết",
        "Không tham gia xét",
        "Kết quả",
    )
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    row_flags(table.rows[0], header=True)
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in session.rows %}")
    values = (
        "{{ row.index }}",
        "{{ row.name }}",
        "{{ row.votes_for }}",
        "{{ row.votes_against }}",
        "{{ row.votes_abstain }}",
        "{{ row.recused }}",
        "{{ row.result }}",
    )
    for cell, text in zip(table.rows[2].cells, values, strict=True):
        cell.paragraphs[0].alignment = LEFT if text == "{{ row.name }}" else CENTER
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(12)
    row_flags(table.rows[2])
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    conclusion = body(doc, "{{ session.conclusion }}", after=2)
    conclusion.paragraph_format.space_before = Pt(6)
    keep_with_next(body(doc, "{{ session.closing }}", after=6))  # never a signature alone
    para(doc, "{%p endfor %}")
    signer_table = doc.add_table(rows=1, cols=2)
    no_borders(signer_table)
    fixed_widths(signer_table, [82, 83])
    row_flags(signer_table.rows[0])
    for cell, heading, name in zip(
        signer_table.rows[0].cells,
        ("{{ secretary_heading }}", "{{ chair_heading }}"),
        ("{{ secretary_name }}", "{{ chair_name }}"),
        strict=True,
    ):
        clear_first_paragraph(cell)
        para(cell, "", size=6, before=10)
        para(cell, heading, size=13, bold=True)
        para(cell, "", size=13, after=62)
        para(cell, name, size=14, bold=True)
    doc.save(HERE / "bien_ban.docx")


# --- Quyết định công nhận danh hiệu thi đua (issue #24: the year-end rating's decision) ---------


def recognition_template() -> None:
    """Quyết định công nhận danh hiệu thi đua (Nghị định 30/2020 layout, like quyet_dinh.docx):
    the articles may carry item lines ("- Danh hiệu “Chiến sĩ tiên tiến”: 10 cá nhân;"), and the
    annex "Danh sách … (Kèm theo Quyết định số …)" is grouped by title (I., II., with its count
    and subtotal), then by unit, the people numbered from 1 within each title."""
    doc = decision_head()
    para(doc, "{%p for article in articles %}")
    p = body(doc, "", after=1)
    p.paragraph_format.space_before = Pt(3)
    keep_with_next(p)  # with its first line; Điều 3 with the signer's block (never alone)
    label = p.add_run("{{ article.label }}")
    label.bold, label.font.size, label.font.name = True, Pt(14), FONT
    rest = p.add_run(" {{ article.text }}")
    rest.font.size, rest.font.name = Pt(14), FONT
    para(doc, "{%p for line in article.lines %}")
    body(doc, "{{ line }}", after=1)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    recipients_and_signer(doc)
    # the annex starts a page of its own: a break before its heading, not a paragraph holding
    # a break (which, when the signer's block ends the page, would leave a blank page)
    para(doc, "DANH SÁCH", size=14, bold=True).paragraph_format.page_break_before = True
    para(doc, "{{ annex_title }}", size=14, bold=True)
    para(doc, "{{ annex_reference }}", size=13, italic=True)
    rule(doc, length_mm=40, width_mm=165, after=8)
    recognition_table(doc)
    doc.save(HERE / "cong_nhan.docx")


def recognition_table(doc, *, widths: tuple[float, ...] = (11, 58, 66, 30)) -> None:
    """TT | Họ và tên | Cấp bậc, chức vụ | Tiền thưởng: a title's row (its numeral, name, count
    and subtotal), a unit's row across the table, then its people; the header row repeats on
    every page, no row splits, a title's and a unit's rows keep with the next."""
    table = doc.add_table(rows=13, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, list(widths))
    headers = ("TT", "Họ và tên", "Cấp bậc, chức vụ", "Tiền thưởng (đồng)")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    row_flags(table.rows[0], header=True)

    def text(cell, value: str, *, align=LEFT, bold=False, italic=False, keep=False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = align
        run = paragraph.add_run(value)
        run.font.size = Pt(12)
        run.bold, run.italic = bold, italic
        if keep:
            keep_with_next(paragraph)

    def tag(index: int, value: str) -> None:
        table.rows[index].cells[0].paragraphs[0].add_run(value)

    tag(1, "{%tr for title in titles %}")
    title = table.rows[2]
    text(title.cells[0], "{{ title.numeral }}", align=CENTER, bold=True, keep=True)
    merged = title.cells[1].merge(title.cells[2])
    text(merged, "{{ title.label }} ({{ title.count_text }})", bold=True, keep=True)
    text(title.cells[3], "{{ title.subtotal_text }}", align=RIGHT, bold=True, keep=True)
    row_flags(title)
    tag(3, "{%tr for unit in title.units %}")
    unit = table.rows[4]
    merged = unit.cells[0].merge(unit.cells[3])
    text(merged, "{{ unit.name }}", bold=True, italic=True, keep=True)
    row_flags(unit)
    tag(5, "{%tr for row in unit.rows %}")
    person = table.rows[6]
    text(person.cells[0], "{{ row.index }}", align=CENTER)
    text(person.cells[1], "{{ row.name }}")
    text(person.cells[2], "{{ row.description }}")
    text(person.cells[3], "{{ row.amount_text }}", align=RIGHT)
    row_flags(person)
    tag(7, "{%tr endfor %}")
    tag(8, "{%tr endfor %}")
    tag(9, "{%tr endfor %}")
    tag(10, "{%tr if has_prize %}")
    total = table.rows[11]
    merged = total.cells[0].merge(total.cells[2])
    text(merged, "Tổng cộng", align=CENTER, bold=True)
    text(total.cells[3], "{{ prize_total_text }}", align=RIGHT, bold=True)
    row_flags(total)
    tag(12, "{%tr endif %}")


def main() -> None:
    certificate("bang_khen.docx", big=True)
    certificate("giay_khen.docx", big=False)
    decision_template()
    submission_letter_template()
    minutes_template()
    recognition_template()
    title_certificate_template()
    print("built:", ", ".join(sorted(p.name for p in HERE.glob("*.docx"))))


# --- issue #24: Giấy chứng nhận Chiến sĩ thi đua cơ sở (the title's certificate) ---------------


def title_certificate_template(filename: str = "gcn_cstdcs.docx") -> None:
    """The Giấy chứng nhận of an annual title the province prints (Chiến sĩ thi đua cơ sở):
    landscape A4 like the Giấy khen; the Director "CHỨNG NHẬN" the officer (the line fitted into
    its box by the code: `{{r recipient_fitted }}` carries its size), their unit, "Đạt danh hiệu",
    the title in red and its year; below, the decision, the registry number, the QR code and
    the lookup code on the left, the date and the signer on the right."""
    doc = new_document(landscape=True, margins_mm=(12, 20, 10, 20))
    page_border(doc.sections[0], color="C00000")
    para(doc, "{{ emblem_image }}", size=6)
    para(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=14, bold=True, before=4)
    para(doc, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, after=4)
    para(doc, "{{ authority_title }}", size=18, bold=True, color=RED, before=12, after=4)
    para(doc, "{{ award_verb }}", size=18, bold=True, after=16)
    para(doc, "{{r recipient_fitted }}", size=26, bold=True, after=6)
    para(doc, "{{ position_line }}", size=16)
    para(doc, "Đạt danh hiệu", size=16, italic=True, before=16)
    para(doc, "{{ title_name }}", size=36, bold=True, color=RED, before=4, after=4)
    para(doc, "{{ title_year }}", size=18, bold=True)
    para(doc, "{{ replacement_note }}", size=12, italic=True, after=6)
    certificate_footer(doc, qr_before=4)
    doc.save(HERE / filename)


if __name__ == "__main__":
    main()
