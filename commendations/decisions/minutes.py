"""Biên bản họp Hội đồng Thi đua - Khen thưởng for a Tờ trình: the council's record as the system
holds it (the session's date, the members present, each nominee's vote), rendered from its Word
template (doc_templates/bien_ban.docx, replaceable in the admin like the others) for the
electronic dossier package."""

import datetime
from collections import defaultdict
from typing import Any

from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.committee.models import CommitteeSession, Vote, member_name, session_votes
from commendations.committee.selectors import committee_members
from commendations.documents.layout import date_words, place_date_line
from commendations.documents.models import DocumentKind
from commendations.documents.naming import nominee_name_for_document
from commendations.documents.rendering import render_docx, template_bytes, template_current
from commendations.documents.signer import Signer
from commendations.eligibility.votes import vote_outcome, vote_rules_bulk
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


def _person(user: Any) -> str:
    """ "đồng chí Trần Văn Long, Trưởng phòng Tham mưu": the name and the title, never one alone."""
    name = member_name(user)
    profile = getattr(user, "profile", None)
    title = getattr(profile, "title", "") if profile is not None else ""
    return f"đồng chí {name}, {title}" if title else f"đồng chí {name}"


def _time_words(time: datetime.time | None) -> str:
    return f"{time.hour:02d} giờ {time.minute:02d} phút" if time else "…… giờ …… phút"


def _session_record(session: CommitteeSession, members_of: list[Nomination], *, profile) -> dict:
    votes = session_votes(session, members_of)
    rules = vote_rules_bulk(members_of)
    present = sorted(session.members.select_related("profile"), key=member_name)
    present_ids = {m.pk for m in present}
    absent = [m for m in committee_members().select_related("profile") if m.pk not in present_ids]
    rows, carried = [], []
    for index, nomination in enumerate(members_of, 1):
        tally = votes[nomination.pk][1]
        share, quorum = rules[nomination.pk]
        outcome = vote_outcome(
            votes_for=tally["votes_for"],
            votes_against=tally["votes_against"],
            votes_abstain=tally["votes_abstain"],
            share=share,
            quorum=quorum,
        )
        name = nominee_name_for_document(nomination, on=session.held_on, authority=profile)
        if outcome["passed"]:
            carried.append(name)
        rows.append(
            {
                "index": index,
                "name": name,
                "votes_for": tally["votes_for"],
                "votes_against": tally["votes_against"],
                "votes_abstain": tally["votes_abstain"],
                "recused": len(tally["recused"]),
                "result": "Đề nghị" if outcome["passed"] else "Không đề nghị",
            }
        )
    award = members_of[0].award_type.name if members_of else ""
    place = session.place or "……"
    chair = _person(session.chair) if session.chair_id else "đồng chí ……"
    secretary = _person(session.secretary) if session.secretary_id else "đồng chí ……"
    conclusion = (
        f"Hội đồng thống nhất đề nghị tặng {award} cho {len(carried)}/{len(rows)} trường hợp "
        "có kết quả biểu quyết đạt tỷ lệ theo quy định (cột Kết quả); các trường hợp còn lại "
        "không đề nghị."
        if len(carried) < len(rows)
        else f"Hội đồng thống nhất đề nghị tặng {award} cho cả {len(rows)} trường hợp trên, "
        "đều có kết quả biểu quyết đạt tỷ lệ theo quy định."
    )
    return {
        "heading": session.title,
        "opening": f"Vào hồi {_time_words(session.starts_at)}, {date_words(session.held_on)}, "
        f"tại {place}, Hội đồng Thi đua - Khen thưởng họp xét đề nghị tặng {award}.",
        "chair_line": f"Chủ trì: {chair}.",
        "secretary_line": f"Thư ký: {secretary}.",
        "present_count_line": f"Thành viên có mặt: {len(present)} đồng chí:",
        "present": [_person(m) for m in present],
        "absent_line": "Thành viên vắng mặt: "
        + ("; ".join(_person(m) for m in absent) if absent else "không")
        + ".",
        "rows": rows,
        "conclusion": f"Kết luận: {conclusion}",
        "closing": f"Cuộc họp kết thúc vào hồi {_time_words(session.ends_at)} cùng ngày. Biên "
        "bản lập từ phiếu biểu quyết của từng thành viên được ghi nhận trong hệ thống, đã "
        "thông qua trước Hội đồng.",
    }


def minutes_context(
    nominations: list[Nomination], *, signer: Signer | None = None, **_letter: Any
) -> dict[str, Any] | None:
    """What the minutes print (DocumentKind.MINUTES), or None when no council session voted on
    these nominations. A biên bản of the meeting itself: dated the meeting's day (the last
    session's), its time and place, chair and secretary, members present and absent by name and
    title, the vote and the result per nominee, the conclusion, signed by the secretary and the
    chair. It refers to no later document (the Tờ trình is written after it); `signer` and the
    letter's number and date are accepted for the callers that pass them, and unused."""
    sessions = council_sessions(nominations)
    if not sessions:
        return None
    province = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    held_on = max(session.held_on for session in sessions)
    last = max(sessions, key=lambda session: (session.held_on, session.pk))
    first = nominations[0]
    shown = [
        _session_record(session, members_of, profile=province)
        for session, members_of in sessions.items()
    ]
    return {
        "governing_body": province.issuing_body,
        "issuing_body": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "number": f"{' ' * 6}/BB-HĐTĐKT",
        "date_line": place_date_line(province.place, held_on),
        "is_draft": False,
        "award_name": first.award_type.name,
        "sessions": shown,
        "secretary_heading": "THƯ KÝ",
        "secretary_name": member_name(last.secretary) if last.secretary_id else "",
        "chair_heading": "CHỦ TRÌ",
        "chair_name": member_name(last.chair) if last.chair_id else "",
    }


def council_minutes(
    nominations: list[Nomination], *, signer: Signer | None = None, **_letter: Any
) -> bytes | None:
    """The minutes as .docx from the current MINUTES template, or None (no session voted)."""
    context = minutes_context(nominations, signer=signer)
    if context is None:
        return None
    return render_docx(template_bytes(template_current(DocumentKind.MINUTES)), context)
