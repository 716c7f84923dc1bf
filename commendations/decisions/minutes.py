"""Biên bản họp Hội đồng Thi đua - Khen thưởng for a Tờ trình: the council's record as the system
holds it (the session's date, the members present, each nominee's vote), rendered as .docx for
the electronic dossier package when no minutes document was uploaded."""

import io
from collections import defaultdict

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.committee.models import CommitteeSession, Vote, session_votes
from commendations.documents.layout import date_words
from commendations.documents.signer import Signer
from commendations.nominations.models import Nomination
from commendations.nominations.ordering import ceremony_key

FONT = "Times New Roman"


def council_sessions(nominations: list[Nomination]) -> dict[CommitteeSession, list[Nomination]]:
    """For each nomination the latest session that voted on it (as the Tờ trình counts), grouped
    by session, oldest session first."""
    latest: dict[int, CommitteeSession] = {}
    for vote in Vote.objects.filter(nomination__in=nominations).select_related("session"):
        session = latest.get(vote.nomination_id)
        if session is None or (vote.session.held_on, vote.session.pk) > (
            session.held_on,
            session.pk,
        ):
            latest[vote.nomination_id] = vote.session
    grouped: dict[CommitteeSession, list[Nomination]] = defaultdict(list)
    for nomination in sorted(nominations, key=ceremony_key):
        if nomination.pk in latest:
            grouped[latest[nomination.pk]].append(nomination)
    return dict(sorted(grouped.items(), key=lambda item: (item[0].held_on, item[0].pk)))


def _paragraph(document, text: str = "", *, bold=False, size=13, align=None, italic=False):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name, run.font.size = FONT, Pt(size)
    return paragraph


def council_minutes(
    nominations: list[Nomination], *, signer: Signer, letter_number: str, letter_date
) -> bytes | None:
    """The minutes as .docx, or None when no council session voted on these nominations."""
    sessions = council_sessions(nominations)
    if not sessions:
        return None
    province = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    document = Document()
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, province.issuing_body, size=12, align=center)
    _paragraph(document, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", bold=True, size=12, align=center)
    _paragraph(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=center)
    _paragraph(document, "Độc lập - Tự do - Hạnh phúc", bold=True, align=center)
    _paragraph(document, "BIÊN BẢN", bold=True, size=14, align=center)
    _paragraph(document, "HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", bold=True, size=14, align=center)
    _paragraph(
        document,
        f"(Kèm theo Tờ trình số {letter_number} {date_words(letter_date)} của "
        f"{province.title_in_sentence})",
        italic=True,
        align=center,
    )
    for session, members_of in sessions.items():
        votes = session_votes(session, members_of)
        members = sorted(m.get_full_name() or m.username for m in session.members.all())
        _paragraph(document, f"{session.title} — ngày {session.held_on:%d/%m/%Y}", bold=True)
        _paragraph(document, f"Thành viên dự họp: {len(members)} đồng chí.")
        for index, name in enumerate(members, 1):
            _paragraph(document, f"{index}. {name}")
        _paragraph(document, "Kết quả biểu quyết của từng trường hợp:", bold=True)
        table = document.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        headings = (
            "STT",
            "Tập thể, cá nhân",
            "Tán thành",
            "Không tán thành",
            "Không biểu quyết",
            "Không tham gia xét",
        )
        for cell, text in zip(table.rows[0].cells, headings, strict=True):
            cell.text = text
        for index, nomination in enumerate(members_of, 1):
            tally = votes[nomination.pk][1]
            cells = table.add_row().cells
            values = (
                str(index),
                nomination.nominee_name,
                str(tally["votes_for"]),
                str(tally["votes_against"]),
                str(tally["votes_abstain"]),
                str(len(tally["recused"])),
            )
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    _paragraph(
        document,
        "Biên bản lập từ phiếu biểu quyết của từng thành viên được ghi nhận trong hệ thống.",
        italic=True,
    )
    for line in signer.heading:
        _paragraph(document, line, bold=True, align=right)
    for _blank in range(3):
        _paragraph(document, "", align=right)
    _paragraph(document, signer.name_line, bold=True, align=right)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
