"""The ceremony run-sheet and the MC's reading script (.docx), in ceremony order: Bằng khen
before Giấy khen, collectives before individuals, grouped by the presenting official. The order is
ceremony_certificates(ceremony), the one the print pack uses, so the stack of certificates
matches the script."""

import io
from dataclasses import dataclass, field

from django.conf import settings
from docx import Document
from docx.shared import Pt

from commendations.campaigns.models import Authority, NomineeKind
from commendations.ceremonies.models import Ceremony
from commendations.ceremonies.selectors import ceremony_certificates
from commendations.certificates.models import Certificate
from commendations.decisions.models import Decision
from commendations.nominations.wording import salutation


@dataclass
class PresentationGroup:
    decision: Decision
    presenter: str
    certificates: list[Certificate] = field(default_factory=list)


def presenter_of(decision: Decision) -> str:
    """The official who hands the awards over: the decision's signer."""
    return f"{decision.signer_title.title()} {decision.signer_name}".strip()


def presentation_groups(ceremony: Ceremony) -> list[PresentationGroup]:
    groups: list[PresentationGroup] = []
    for certificate in ceremony_certificates(ceremony):
        presenter = presenter_of(certificate.decision)
        if not groups or (groups[-1].decision.pk, groups[-1].presenter) != (
            certificate.decision_id,
            presenter,
        ):
            groups.append(PresentationGroup(decision=certificate.decision, presenter=presenter))
        groups[-1].certificates.append(certificate)
    return groups


def recipient_line(certificate: Certificate) -> str:
    nomination = certificate.nomination
    if nomination.nominee_kind != NomineeKind.INDIVIDUAL:
        return nomination.nominee_name
    head = " ".join(
        p for p in (salutation(nomination), nomination.rank, nomination.nominee_name) if p
    )
    tail = ", ".join(p for p in (nomination.position, nomination.workplace) if p)
    return f"{head}, {tail}" if tail else head


def _award(decision: Decision) -> str:
    return "Bằng khen" if decision.authority == Authority.MINISTRY else "Giấy khen"


def _authority_phrase(decision: Decision) -> str:
    if decision.authority == Authority.MINISTRY:
        return "Bộ trưởng Bộ Công an"
    return f"Giám đốc Công an tỉnh {settings.PROVINCE_NAME}"


def _date_words(decision: Decision) -> str:
    d = decision.date
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def mc_script_docx(ceremony: Ceremony) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    document.add_heading(f"KỊCH BẢN DẪN CHƯƠNG TRÌNH — {ceremony.name.upper()}", level=1)
    document.add_paragraph(f"{ceremony.place}, {ceremony.date:%d/%m/%Y}")
    number = 0
    for group in presentation_groups(ceremony):
        collectives = sum(
            1 for c in group.certificates if c.nomination.nominee_kind != NomineeKind.INDIVIDUAL
        )
        individuals = len(group.certificates) - collectives
        counts = " và ".join(
            part
            for part in (
                f"{collectives} tập thể" if collectives else "",
                f"{individuals} cá nhân" if individuals else "",
            )
            if part
        )
        document.add_paragraph(
            f"Thừa ủy quyền, tôi xin công bố Quyết định số {group.decision.number} "
            f"{_date_words(group.decision)} của {_authority_phrase(group.decision)} tặng "
            f"{_award(group.decision)} cho {counts} đã có thành tích xuất sắc, gồm:"
        )
        for certificate in group.certificates:
            number += 1
            document.add_paragraph(f"{number}. {recipient_line(certificate)}")
        document.add_paragraph(
            f"Trân trọng kính mời đồng chí {group.presenter} lên trao {_award(group.decision)} "
            "cho các tập thể, cá nhân."
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def run_sheet_docx(ceremony: Ceremony) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.add_heading(f"TRÌNH TỰ TRAO TẶNG — {ceremony.name.upper()}", level=1)
    document.add_paragraph(f"{ceremony.place}, {ceremony.date:%d/%m/%Y}")
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["STT", "Số vào sổ", "Tập thể / cá nhân", "Hình thức", "Quyết định", "Người trao"],
        strict=True,
    ):
        cell.text = text
    number = 0
    for group in presentation_groups(ceremony):
        for certificate in group.certificates:
            number += 1
            row = table.add_row().cells
            row[0].text = str(number)
            row[1].text = certificate.registry_number
            row[2].text = recipient_line(certificate)
            row[3].text = _award(group.decision)
            row[4].text = f"{group.decision.number} ({group.decision.date:%d/%m/%Y})"
            row[5].text = group.presenter
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
