"""Biên bản họp Hội đồng Thi đua - Khen thưởng for a Tờ trình: the council's record as the system
holds it (the session's date, the members present, each nominee's vote), rendered from its Word
template (doc_templates/bien_ban.docx, replaceable in the admin like the others) for the
electronic dossier package."""

from collections import defaultdict
from typing import Any

from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.committee.models import CommitteeSession, Vote, session_votes
from commendations.documents.layout import date_words, place_date_line
from commendations.documents.models import DocumentKind
from commendations.documents.naming import nominee_name_for_document
from commendations.documents.rendering import render_docx, template_bytes, template_current
from commendations.documents.signer import Signer
from commendations.nominations.models import Nomination
from commendations.nominations.ordering import ceremony_key


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


def minutes_context(
    nominations: list[Nomination], *, signer: Signer, letter_number: str, letter_date
) -> dict[str, Any] | None:
    """What the minutes print (DocumentKind.MINUTES), or None when no council session voted on
    these nominations. Dated the last session's day; the number is left for the văn thư."""
    sessions = council_sessions(nominations)
    if not sessions:
        return None
    province = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    ministry = AuthorityProfile.for_authority(Authority.MINISTRY)
    held_on = max(session.held_on for session in sessions)
    first = nominations[0]
    shown = []
    for session, members_of in sessions.items():
        votes = session_votes(session, members_of)
        members = sorted(m.get_full_name() or m.username for m in session.members.all())
        rows = []
        for index, nomination in enumerate(members_of, 1):
            tally = votes[nomination.pk][1]
            rows.append(
                {
                    "index": index,
                    "name": nominee_name_for_document(
                        nomination, on=letter_date, authority=ministry
                    ),
                    "votes_for": tally["votes_for"],
                    "votes_against": tally["votes_against"],
                    "votes_abstain": tally["votes_abstain"],
                    "recused": len(tally["recused"]),
                }
            )
        shown.append(
            {
                "heading": f"{session.title}, ngày {session.held_on:%d/%m/%Y}",
                "members_line": f"Thành viên dự họp: {len(members)} đồng chí: "
                + ", ".join(members)
                + ".",
                "rows": rows,
            }
        )
    return {
        "governing_body": province.issuing_body,
        "issuing_body": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "number": f"{' ' * 6}/BB-HĐTĐKT",
        "date_line": place_date_line(province.place, held_on),
        "is_draft": False,
        "award_name": first.award_type.name,
        "letter_reference": f"(Kèm theo Tờ trình số {letter_number} {date_words(letter_date)} "
        f"của {province.title_in_sentence})",
        "sessions": shown,
        "closing_line": "Biên bản lập từ phiếu biểu quyết của từng thành viên được ghi nhận "
        "trong hệ thống.",
        **signer.context(),
    }


def council_minutes(
    nominations: list[Nomination], *, signer: Signer, letter_number: str, letter_date
) -> bytes | None:
    """The minutes as .docx from the current MINUTES template, or None (no session voted)."""
    context = minutes_context(
        nominations, signer=signer, letter_number=letter_number, letter_date=letter_date
    )
    if context is None:
        return None
    return render_docx(template_bytes(template_current(DocumentKind.MINUTES)), context)
