"""The ceremony run-sheet and the MC's reading script (.docx), in ceremony order: Bằng khen
before Giấy khen, collectives before individuals, grouped by decision with the official who
presents them (CeremonyPresenter; the signer when none is named). The order is
ceremony_certificates(ceremony), the one the print pack uses, so the stack of certificates
matches the script. A4, Times New Roman, black; column widths fitted, numbers never broken."""

import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from commendations.campaigns.models import Authority, AuthorityProfile, NomineeKind
from commendations.ceremonies.models import Ceremony, CeremonyPresenter
from commendations.ceremonies.selectors import ceremony_certificates
from commendations.certificates.models import Certificate
from commendations.decisions.models import Decision
from commendations.documents.layout import count_words, date_words
from commendations.documents.naming import nominee_name_for_document, position_line_for_document
from commendations.documents.pages import number_pages_from_the_second
from commendations.documents.rendering import document_properties_set
from commendations.documents.signer import sentence_case
from commendations.nominations.wording import saluted_name

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)


@dataclass
class PresentationGroup:
    decision: Decision
    presenter: str
    certificates: list[Certificate] = field(default_factory=list)


def presenter_of(decision: Decision, presenters: dict[int, CeremonyPresenter] | None = None) -> str:
    """ "Đại tá Nguyễn Ngọc Sơn, Phó Giám đốc": the presenter named for this ceremony, else the
    signer (rank, name, own title in sentence case)."""
    named = (presenters or {}).get(decision.pk)
    if named is not None:
        return named.line
    signer = decision.signer
    return ", ".join(p for p in (signer.name_line, sentence_case(signer.title)) if p)


def presentation_groups(ceremony: Ceremony) -> list[PresentationGroup]:
    presenters = {p.decision_id: p for p in ceremony.presenters.all()}
    groups: list[PresentationGroup] = []
    for certificate in ceremony_certificates(ceremony):
        presenter = presenter_of(certificate.decision, presenters)
        if not groups or (groups[-1].decision.pk, groups[-1].presenter) != (
            certificate.decision_id,
            presenter,
        ):
            groups.append(PresentationGroup(decision=certificate.decision, presenter=presenter))
        groups[-1].certificates.append(certificate)
    return groups


def recipient_line(certificate: Certificate) -> str:
    nomination = certificate.recipient
    decision = certificate.decision
    profile = AuthorityProfile.for_authority(decision.authority)
    if nomination.nominee_kind != NomineeKind.INDIVIDUAL or nomination.nominee_alias:
        return nominee_name_for_document(nomination, on=decision.date, authority=profile)
    head = saluted_name(nomination)
    tail = position_line_for_document(nomination, on=decision.date, authority=profile)
    return f"{head}, {tail}" if tail else head


# An award with state-secret content is presented, but not in public: the run-sheet marks it and
# the MC does not read it out.
NOT_PUBLIC = "KHÔNG CÔNG KHAI (khen thưởng có nội dung bí mật nhà nước)"


def posthumous_line(certificate: Certificate) -> str:
    """ "TRUY TẶNG — người nhận thay: Bà Nguyễn Thị B (vợ)" for a posthumous award, else ""."""
    nomination = certificate.recipient
    if not nomination.posthumous:
        return ""
    receiver = nomination.posthumous_receiver or "thân nhân"
    return f"TRUY TẶNG — người nhận thay: {receiver}"


def is_public(certificate: Certificate) -> bool:
    return not certificate.recipient.contains_state_secrets


def _award(decision: Decision, certificates: list[Certificate] | None = None) -> str:
    """What is handed over: "Bằng khen", "Giấy khen", or a recognition decision's "Giấy chứng
    nhận Chiến sĩ thi đua cơ sở" (its certificates are of titles)."""
    title = next((c.award_honour for c in certificates or [] if c.honour_id), None)
    if title is not None:
        return f"Giấy chứng nhận {title.award_type.name}"
    return "Bằng khen" if decision.authority == Authority.MINISTRY else "Giấy khen"


def _document(title: str) -> Document:
    document = Document()
    document_properties_set(document.core_properties, title=title)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.font.color.rgb = BLACK
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    number_pages_from_the_second(section)
    return document


def _heading(document: Document, text: str, *, italic_line: str) -> None:
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(text)
    run.bold = True
    run.font.size = Pt(14)
    sub = document.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(italic_line).italic = True


def _body(document: Document, text: str, *, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    paragraph.add_run(text).bold = bold


def recipients_words(kinds: list[str]) -> str:
    """ "các tập thể, cá nhân", or only the kind there is ("tập thể" when just one)."""
    collectives = sum(1 for kind in kinds if kind == NomineeKind.COLLECTIVE)
    individuals = len(kinds) - collectives
    if collectives and individuals:
        return "các tập thể, cá nhân"
    if collectives:
        return "các tập thể" if collectives > 1 else "tập thể"
    return "các cá nhân" if individuals > 1 else "cá nhân"


def stage_turns(group: PresentationGroup, size: int) -> list[list[tuple[int, Certificate]]]:
    """The group's certificates numbered from 1, cut into turns (tốp) of `size` on the stage."""
    numbered = list(enumerate(group.certificates, 1))
    size = max(size, 1)
    return [numbered[start : start + size] for start in range(0, len(numbered), size)]


def _invitation(turn: list[tuple[int, Certificate]], award: str) -> str:
    kinds = [c.recipient.nominee_kind for _n, c in turn]
    first, last = turn[0][0], turn[-1][0]
    who = recipients_words(kinds)
    if NomineeKind.COLLECTIVE in kinds:
        who = f"đại diện {who}"
    numbers = f"số {first}" if first == last else f"từ số {first} đến số {last}"
    return f"Trân trọng kính mời {who} có tên {numbers} lên sân khấu nhận {award}."


def mc_script_docx(ceremony: Ceremony) -> bytes:
    """The MC's script of the award segment: per decision its announcement and its list
    (numbered from 1), then per turn on the stage the awardees invited up by their numbers and
    the presenter invited to hand over to them."""
    document = _document(f"Kịch bản dẫn chương trình trao khen thưởng — {ceremony.name}")
    _heading(
        document,
        "KỊCH BẢN DẪN CHƯƠNG TRÌNH\nPHẦN CÔNG BỐ QUYẾT ĐỊNH VÀ TRAO KHEN THƯỞNG",
        italic_line=f"({ceremony.name}; {ceremony.place}, {date_words(ceremony.date)})",
    )
    for group in presentation_groups(ceremony):
        decision = group.decision
        award = _award(decision, group.certificates)
        profile = AuthorityProfile.for_authority(decision.authority)
        public = [c for c in group.certificates if is_public(c)]
        if not public:
            continue
        counts = count_words([c.recipient.nominee_kind for c in public])
        _body(
            document,
            f"Thừa ủy quyền, tôi xin công bố Quyết định số {decision.number} "
            f"{date_words(decision.date)} của {profile.title_in_sentence} tặng "
            f"{award} cho {counts} đã có thành tích xuất sắc, gồm:",
        )
        for number, certificate in enumerate(public, 1):
            posthumous = posthumous_line(certificate)
            line = recipient_line(certificate)
            _body(
                document, f"{number}. {line} ({posthumous})" if posthumous else f"{number}. {line}"
            )
        shown = PresentationGroup(decision=decision, presenter=group.presenter, certificates=public)
        for turn in stage_turns(shown, ceremony.group_size):
            _body(document, _invitation(turn, award), bold=True)
            kinds = [c.recipient.nominee_kind for _n, c in turn]
            _body(
                document,
                f"Trân trọng kính mời đồng chí {group.presenter} lên trao {award} cho "
                f"{recipients_words(kinds)}.",
                bold=True,
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# widths in mm (A4 portrait, 165 mm of text; cells keep 1 mm each side): a registry number
# (23.5 mm at 11 pt) and a decision number (31.7 mm) fit their columns, so neither is ever broken
RUN_SHEET_COLUMNS = (
    ("STT", 10),
    ("Số vào sổ", 27),
    ("Tập thể / cá nhân", 78),
    ("Hình thức", 20),
    ("Người nhận", 30),
)
COLLECTIVE_RECEIVER = "Đại diện lãnh đạo đơn vị"
INDIVIDUAL_RECEIVER = "Bản thân"
POSTHUMOUS_RECEIVER = "Thân nhân"


def _receiver(certificate: Certificate, *, collective: bool) -> str:
    """Who walks up: the family member for a posthumous award, a leader for a collective."""
    nomination = certificate.recipient
    if nomination.posthumous:
        return nomination.posthumous_receiver or POSTHUMOUS_RECEIVER
    return COLLECTIVE_RECEIVER if collective else INDIVIDUAL_RECEIVER


CELL_MARGIN_MM = 1.0


def _fixed_table(table, widths_mm: list[float]) -> None:
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(Mm(CELL_MARGIN_MM).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    for column, mm in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(int(Mm(mm).twips)))


def _row_flags(row, *, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell(cell, text: str, width_mm: float, *, bold: bool = False) -> None:
    """Lines of `text` (split on newlines) at 11 pt."""
    cell.width = Mm(width_mm)
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        run.font.size = Pt(11)
        run.bold = bold
        if index < len(text.split("\n")) - 1:
            run.add_break()


def _turn_heading(turn_number: int, group: PresentationGroup, turn) -> str:
    decision = group.decision
    first, last = turn[0][0], turn[-1][0]
    numbers = f"số {first}" if first == last else f"số {first}–{last}"
    award = _award(decision, group.certificates)
    return (
        f"Tốp {turn_number} ({award}, {numbers}; Quyết định số {decision.number} "
        f"ngày {decision.date:%d/%m/%Y}) — Người trao: {group.presenter}"
    )


def run_sheet_docx(ceremony: Ceremony) -> bytes:
    """The run-sheet: the awardees in turns on the stage (tốp, `ceremony.group_size` each),
    each turn headed by its presenter (named once), each row with who receives (a collective's
    representative)."""
    document = _document(f"Trình tự trao tặng — {ceremony.name}")
    _heading(
        document,
        f"TRÌNH TỰ TRAO TẶNG — {ceremony.name.upper()}",
        italic_line=f"{ceremony.place}, {date_words(ceremony.date)}",
    )
    widths = [w for _h, w in RUN_SHEET_COLUMNS]
    table = document.add_table(rows=1, cols=len(RUN_SHEET_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_table(table, widths)
    for cell, (text, width) in zip(table.rows[0].cells, RUN_SHEET_COLUMNS, strict=True):
        _cell(cell, text, width, bold=True)
    _row_flags(table.rows[0], header=True)
    turn_number = 0
    for group in presentation_groups(ceremony):
        decision = group.decision
        for turn in stage_turns(group, ceremony.group_size):
            turn_number += 1
            heading = table.add_row()
            merged = heading.cells[0].merge(heading.cells[-1])
            _cell(merged, _turn_heading(turn_number, group, turn), sum(widths), bold=True)
            _row_flags(heading)
            for paragraph in merged.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
            for number, certificate in turn:
                row = table.add_row()
                collective = certificate.recipient.nominee_kind == NomineeKind.COLLECTIVE
                values = [
                    str(number),
                    certificate.registry_number,
                    "\n".join(
                        p
                        for p in (
                            recipient_line(certificate),
                            posthumous_line(certificate),
                            "" if is_public(certificate) else NOT_PUBLIC,
                        )
                        if p
                    ),
                    _award(decision, [certificate]),
                    _receiver(certificate, collective=collective),
                ]
                for cell, text, width in zip(row.cells, values, widths, strict=True):
                    _cell(cell, text, width)
                _row_flags(row)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
