"""The decision's Word documents: the Quyết định with its annex, and the Tờ trình."""

import datetime
from collections.abc import Iterable
from typing import Any

from commendations.annual_titles.selectors import (
    AnnexGroup,
    decision_annex_groups,
    row_subject_kind,
    row_subject_name,
    service_lines_on,
)
from commendations.campaigns.models import Authority, AuthorityProfile, NomineeKind
from commendations.committee.models import CommitteeSession, Vote, VoteChoice
from commendations.decisions.models import Decision
from commendations.decisions.prize import PrizeRate, amount_in_words, money, prize_rate
from commendations.documents.layout import count_words, date_words, header_context
from commendations.documents.models import DocumentKind
from commendations.documents.naming import (
    address_line,
    addressed_name_for_document,
    outside_force,
    position_line_for_document,
)
from commendations.documents.rendering import render_docx, template_bytes, template_current
from commendations.documents.signer import Signer
from commendations.eligibility.models import AttachmentKind, LegalBasis
from commendations.nominations.models import Nomination
from commendations.nominations.ordering import ceremony_key
from commendations.nominations.wording import lower_first

GROUP_LABELS = {NomineeKind.COLLECTIVE: ("I", "Tập thể"), NomineeKind.INDIVIDUAL: ("II", "Cá nhân")}
# Citizens, households, village security groups, organisations and foreigners: a group of their
# own after the force's collectives and individuals (its collectives first, then its persons).
OUTSIDE_GROUP = ("III", "Tập thể, cá nhân ngoài lực lượng Công an")


def _group_of(n: Nomination) -> tuple[str, str]:
    return OUTSIDE_GROUP if outside_force(n) else GROUP_LABELS[NomineeKind(n.nominee_kind)]


def _description(n: Nomination, *, on: datetime.date, profile: AuthorityProfile) -> str:
    if outside_force(n):
        return address_line(n)
    if n.nominee_kind != NomineeKind.INDIVIDUAL:
        return ""
    position = position_line_for_document(n, on=on, authority=profile)
    return ", ".join(p for p in (n.rank, position) if p)


def annex_groups(
    nominations: Iterable[Nomination],
    *,
    on: datetime.date,
    profile: AuthorityProfile,
    rate: PrizeRate | None,
) -> list[dict[str, Any]]:
    """I. Tập thể, II. Cá nhân, III. Tập thể, cá nhân ngoài lực lượng Công an, each numbered
    from 1, in ceremony order, with the amount (by collective or individual)."""
    ordered = sorted(nominations, key=ceremony_key)
    kind_order = {NomineeKind.COLLECTIVE: 0, NomineeKind.INDIVIDUAL: 1}
    groups = []
    for numeral, label in (*GROUP_LABELS.values(), OUTSIDE_GROUP):
        members = [n for n in ordered if _group_of(n) == (numeral, label)]
        members.sort(key=lambda n: kind_order[NomineeKind(n.nominee_kind)])  # stable
        if not members:
            continue
        rows = [
            {
                "index": index,
                "pk": n.pk,
                "name": addressed_name_for_document(n, on=on, authority=profile),
                "description": _description(n, on=on, profile=profile),
                "kind_label": str(NomineeKind(n.nominee_kind).label),
                "amount": rate.amount(n.nominee_kind) if rate else 0,
                "amount_text": money(rate.amount(n.nominee_kind)) if rate else "",
            }
            for index, n in enumerate(members, 1)
        ]
        groups.append(
            {
                "numeral": numeral,
                "label": label,
                "rows": rows,
                "subtotal": sum(r["amount"] for r in rows),
                "subtotal_text": money(sum(r["amount"] for r in rows)) if rate else "",
            }
        )
    return groups


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def award_groups(
    nominations: Iterable[Nomination],
    award_types: list[Any],
    *,
    on: datetime.date,
    profile: AuthorityProfile,
) -> list[dict[str, Any]]:
    """A list of several awards: I., II., … one per award in the catalogue's order, each
    numbered from 1 (collectives before individuals, in ceremony order, as in `annex_groups`)."""
    groups = []
    for numeral, award_type in zip(ROMAN, award_types, strict=False):
        members = [n for n in nominations if n.award_type_id == award_type.pk]
        rows = [
            row
            for group in annex_groups(members, on=on, profile=profile, rate=None)
            for row in group["rows"]
        ]
        for index, row in enumerate(rows, 1):
            row["index"] = index
        groups.append(
            {
                "numeral": numeral,
                "label": award_type.name,
                "rows": rows,
                "subtotal": 0,
                "subtotal_text": "",
            }
        )
    return groups


def legal_bases(*, authority: str, on: datetime.date, award_type_id: int | None) -> list[str]:
    """The "Căn cứ …;" lines of the texts in force on the document's date."""
    rows = LegalBasis.objects.citable(on=on, authority=authority, award_type_id=award_type_id)
    return [row.citation for row in rows]


def _prize_article(
    rate: PrizeRate | None, kinds: list[str], total: int, profile: AuthorityProfile
) -> str:
    if rate is None:
        return "Tiền thưởng kèm theo thực hiện theo quy định hiện hành về thi đua, khen thưởng."
    per = []
    if NomineeKind.COLLECTIVE in kinds:
        per.append(f"mỗi tập thể được thưởng {money(rate.collective)} đồng")
    if NomineeKind.INDIVIDUAL in kinds:
        per.append(f"mỗi cá nhân được thưởng {money(rate.individual)} đồng")
    coefficient = f"{rate.coefficient.normalize():f}".replace(".", ",")
    return (
        f"{'; '.join(per).capitalize()} (hệ số {coefficient} lần mức lương cơ sở "
        f"{money(rate.base_salary)} đồng theo {rate.source}). Tổng số tiền thưởng: "
        f"{money(total)} đồng (Bằng chữ: {amount_in_words(total)}), chi từ {profile.prize_fund}."
    )


def decision_context(decision: Decision) -> dict[str, Any]:
    profile = AuthorityProfile.for_authority(decision.authority)
    nominations = list(
        decision.nominations.select_related("award_type", "campaign", "nominee_unit")
        .prefetch_related("nominee_unit__versions")
        .order_by("pk")
    )
    first = nominations[0] if nominations else None
    award_type = first.award_type if first else None
    rate = prize_rate(
        authority=decision.authority,
        on=decision.date,
        award_type_id=award_type.pk if award_type else None,
    )
    groups = annex_groups(nominations, on=decision.date, profile=profile, rate=rate)
    kinds = [n.nominee_kind for n in nominations]
    total = sum(g["subtotal"] for g in groups)
    citation = first.campaign.citation if first else ""
    award_name = award_type.name if award_type else ""
    award_short = award_type.short_name if award_type else ""
    count_text = count_words(kinds)
    articles = [
        (
            "Điều 1.",
            f"Tặng {award_name} cho {count_text} (có danh sách kèm theo) "
            f"{lower_first(citation)}.".replace("  ", " "),
        ),
        ("Điều 2.", _prize_article(rate, kinds, total, profile)),
        (
            "Điều 3.",
            "Quyết định có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị có liên quan và các "
            "tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        ),
    ]
    return {
        **header_context(profile, date=decision.date, is_draft=decision.is_draft),
        **decision.signer.context(),
        "number": decision.number,
        "date": decision.date.strftime("%d/%m/%Y"),
        "summary": f"Về việc tặng {award_short}",
        "legal_bases": legal_bases(
            authority=decision.authority,
            on=decision.date,
            award_type_id=award_type.pk if award_type else None,
        ),
        "proposal_line": f"{profile.proposal_line},",
        "articles": [{"label": label, "text": text} for label, text in articles],
        "recipient_lines": profile.recipient_lines,
        "archive_line": profile.archive_line,
        "campaign_name": first.campaign.name if first else "",
        "award_name": award_name,
        "award_short": award_short,
        "annex_title": f"Tập thể, cá nhân được tặng {award_short} của {profile.title_in_sentence}",
        "annex_reference": f"(Kèm theo Quyết định số {decision.number} "
        f"{date_words(decision.date)} của {profile.title_in_sentence})",
        "citation": citation,
        "citation_lower": lower_first(citation),
        "count": len(nominations),
        "count_text": count_text,
        "groups": groups,
        "rows": [row for group in groups for row in group["rows"]],
        "prize_total": total,
        "prize_total_text": money(total) if rate else "",
        "has_prize": rate is not None,
    }


def decision_document(decision: Decision) -> bytes:
    """The decision as .docx bytes: a Quyết định công nhận danh hiệu thi đua when it recognises
    year-end rating lists, else the Quyết định khen thưởng with its annex table. Every path
    that prints a decision (the preview, the PDF made after the issue, the print pack) comes
    here."""
    if decision.rating_lists.exists():
        return render_docx(
            template_bytes(template_current(DocumentKind.RECOGNITION)),
            recognition_context(decision),
        )
    return render_docx(
        template_bytes(template_current(DocumentKind.DECISION)), decision_context(decision)
    )


# --- the recognition decision (Quyết định công nhận danh hiệu thi đua) -----------------------


def _coefficient(rate: PrizeRate) -> str:
    """ "1,0", "0,3", "1,5" (as the decrees write them)."""
    text = f"{rate.coefficient:.2f}".rstrip("0")
    return (text + "0" if text.endswith(".") else text).replace(".", ",")


def _recognition_annex(
    groups: list[AnnexGroup], *, rates: dict[int, PrizeRate | None], on: datetime.date
) -> list[dict[str, Any]]:
    """I., II., … one per title (catalogue order), each with its units and their people
    numbered from 1 within the title, the amount of each and the title's subtotal."""
    described = service_lines_on(
        (row.person_id for group in groups for row in group.rows if row.person_id), on
    )
    titles: list[dict[str, Any]] = []
    for group in groups:
        if not titles or titles[-1]["award_type_id"] != group.award_type_id:
            titles.append(
                {
                    "award_type_id": group.award_type_id,
                    "numeral": ROMAN[len(titles)] if len(titles) < len(ROMAN) else "",
                    "label": f"Danh hiệu “{group.award_type}”",
                    "name": group.award_type,
                    "units": [],
                    "kinds": [],
                    "subtotal": 0,
                }
            )
        title = titles[-1]
        rate = rates.get(group.award_type_id)
        rows = []
        for row in group.rows:
            kind = row_subject_kind(row)
            amount = rate.amount(kind) if rate else 0
            title["kinds"].append(kind)
            title["subtotal"] += amount
            rows.append(
                {
                    "index": len(title["kinds"]),
                    "name": row_subject_name(row),
                    "description": described.get(row.person_id, ""),
                    "amount": amount,
                    "amount_text": money(amount) if rate else "",
                }
            )
        title["units"].append({"name": group.unit, "rows": rows})
    for title in titles:
        rate = rates.get(title["award_type_id"])
        title["count_text"] = count_words(title["kinds"])
        title["subtotal_text"] = money(title["subtotal"]) if rate else ""
    return titles


def _recognition_prize_article(
    titles: list[dict[str, Any]],
    rates: dict[int, PrizeRate | None],
    profile: AuthorityProfile,
) -> tuple[str, list[str]]:
    """Điều 2: the money of each title from its own dated coefficient and the base salary in
    force on the decision date. A title with no coefficient in force (or no base salary) says
    the money follows the rules in force, never an invented amount."""
    known = [rates[t["award_type_id"]] for t in titles if rates.get(t["award_type_id"])]
    if not known:
        return (
            "Tiền thưởng kèm theo danh hiệu thi đua thực hiện theo quy định hiện hành về thi "
            "đua, khen thưởng.",
            [],
        )
    items = []
    for title in titles:
        rate = rates.get(title["award_type_id"])
        if rate is None:
            items.append(
                f"- {title['label']}: tiền thưởng thực hiện theo quy định hiện hành về thi "
                "đua, khen thưởng;"
            )
            continue
        kinds = set(title["kinds"])
        per = []
        if NomineeKind.COLLECTIVE in kinds:
            per.append(f"mỗi tập thể được thưởng {money(rate.collective)} đồng")
        if NomineeKind.INDIVIDUAL in kinds:
            per.append(f"mỗi cá nhân được thưởng {money(rate.individual)} đồng")
        items.append(
            f"- {title['label']}: {'; '.join(per)} ({_coefficient(rate)} lần mức lương cơ sở, "
            f"theo {rate.source});"
        )
    items[-1] = items[-1].removesuffix(";") + "."
    total = sum(t["subtotal"] for t in titles)
    salaries = sorted({rate.base_salary for rate in known})
    text = (
        "Tiền thưởng kèm theo danh hiệu thi đua, tính trên mức lương cơ sở "
        f"{money(salaries[0])} đồng:"
    )
    closing = (
        f"Tổng số tiền thưởng: {money(total)} đồng (Bằng chữ: {amount_in_words(total)}), chi "
        f"từ {profile.prize_fund}."
    )
    return text, [*items, closing]


def _subjects(kinds: list[str]) -> str:
    """ "Cá nhân", "Tập thể" or "Tập thể, cá nhân": who the decision recognises."""
    words = []
    if NomineeKind.COLLECTIVE in kinds:
        words.append("tập thể")
    if NomineeKind.INDIVIDUAL in kinds or not kinds:
        words.append("cá nhân")
    return ", ".join(words).capitalize()


def recognition_context(decision: Decision) -> dict[str, Any]:
    """The Quyết định công nhận danh hiệu thi đua (Nghị định 30/2020 format) and its annex
    "Danh sách cá nhân được công nhận danh hiệu thi đua", grouped by title then unit, for the
    rating lists the decision decided: the "Căn cứ" lines in force on its date for those
    titles, the money of each title from its own dated coefficient."""
    profile = AuthorityProfile.for_authority(decision.authority)
    groups = decision_annex_groups(decision)
    award_types = list(
        {row.award_type_id: row.award_type for g in groups for row in g.rows}.values()
    )
    rates = {
        t.pk: prize_rate(
            authority=decision.authority, on=decision.date, award_type_id=t.pk, own_rule_only=True
        )
        for t in award_types
    }
    titles = _recognition_annex(groups, rates=rates, on=decision.date)
    years = sorted(set(decision.rating_lists.values_list("year", flat=True)))
    year_text = ", ".join(str(y) for y in years)
    kinds = [kind for t in titles for kind in t["kinds"]]
    count_text = count_words(kinds)
    subjects = _subjects(kinds)
    basis: list[str] = []
    for award_type in award_types or [None]:
        for line in legal_bases(
            authority=decision.authority,
            on=decision.date,
            award_type_id=award_type.pk if award_type else None,
        ):
            if line not in basis:  # the texts every title shares, once
                basis.append(line)
    prize_text, prize_items = _recognition_prize_article(titles, rates, profile)
    total = sum(t["subtotal"] for t in titles)
    has_prize = any(rates.get(t["award_type_id"]) for t in titles)
    articles = [
        {
            "label": "Điều 1.",
            "text": f"Công nhận danh hiệu thi đua năm {year_text} cho {count_text} (có danh "
            "sách kèm theo), gồm:",
            "lines": [f"- {t['label']}: {t['count_text']};" for t in titles[:-1]]
            + [f"- {t['label']}: {t['count_text']}." for t in titles[-1:]],
        },
        {"label": "Điều 2.", "text": prize_text, "lines": prize_items},
        {
            "label": "Điều 3.",
            "text": "Quyết định có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị có liên quan "
            f"và các {subjects.lower()} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
            "này.",
            "lines": [],
        },
    ]
    return {
        **header_context(profile, date=decision.date, is_draft=decision.is_draft),
        **decision.signer.context(),
        "number": decision.number,
        "date": decision.date.strftime("%d/%m/%Y"),
        "year": year_text,
        "summary": f"Về việc công nhận danh hiệu thi đua năm {year_text}",
        "legal_bases": basis,
        "proposal_line": f"{profile.proposal_line},",
        "articles": articles,
        "recipient_lines": profile.recipient_lines,
        "archive_line": profile.archive_line,
        "award_name": ", ".join(t["name"] for t in titles),
        "annex_title": f"{subjects} được công nhận danh hiệu thi đua năm {year_text}",
        "annex_reference": f"(Kèm theo Quyết định số {decision.number} "
        f"{date_words(decision.date)} của {profile.title_in_sentence})",
        "count": len(kinds),
        "count_text": count_text,
        "titles": titles,
        "prize_total": total,
        "prize_total_text": money(total) if has_prize else "",
        "has_prize": has_prize,
    }


MINUTES_ITEM = "Biên bản họp Hội đồng Thi đua - Khen thưởng"


def attached_files(nominations: list[Nomination], *, has_minutes: bool) -> list[str]:
    """What the Tờ trình says is attached: only what is (the minutes when the council voted,
    the Báo cáo thành tích and the evidence of those whose dossier holds them, counted)."""
    items = [MINUTES_ITEM] if has_minutes else []
    kinds_of = {
        n.pk: {a.kind for a in n.attachments.all()} for n in nominations if n.pk is not None
    }
    for kind, label in (
        (AttachmentKind.ACHIEVEMENT_REPORT, "Báo cáo thành tích"),
        (AttachmentKind.EVIDENCE, "Tài liệu minh chứng"),
    ):
        having = [n.nominee_kind for n in nominations if kind in kinds_of.get(n.pk, set())]
        if having:
            items.append(f"{label} của {count_words(having)}")
    return items


def council_votes(nominations: list[Nomination]) -> tuple[datetime.date | None, dict[int, str]]:
    """The council meeting's date (the latest one that voted on these nominations) and the
    result per nomination: "12/13 phiếu tán thành"."""
    votes = Vote.objects.filter(nomination__in=nominations).select_related("session")
    latest: dict[int, CommitteeSession] = {}
    for vote in votes:
        session = latest.get(vote.nomination_id)
        if session is None or vote.session.held_on > session.held_on:
            latest[vote.nomination_id] = vote.session
    results: dict[int, str] = {}
    for nomination_id, session in latest.items():
        ballots = [v for v in votes if v.nomination_id == nomination_id and v.session == session]
        yes = sum(1 for v in ballots if v.choice == VoteChoice.FOR)
        results[nomination_id] = f"{yes}/{len(ballots)} phiếu tán thành"
    held = max((s.held_on for s in latest.values()), default=None)
    return held, results


def submission_context(
    nominations: list[Nomination],
    *,
    number: str = "",
    date: datetime.date | None = None,
    signer: Signer,
) -> dict[str, Any]:
    """The Tờ trình: to the Minister for Bằng khen (from Công an tỉnh), to the Director for Giấy
    khen (from the council). Number and date are the letter's own: left for the văn thư to
    write in ("Số:      /TTr-…", "ngày … tháng … năm …") until given, never today's date."""
    first = nominations[0] if nominations else None
    target = first.award_type.authority if first else Authority.MINISTRY
    to = AuthorityProfile.for_authority(target)
    province = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    if target == Authority.MINISTRY:
        governing, issuing, sender = "BỘ CÔNG AN", province.issuing_body, province.title_in_sentence
        code = province.document_code.replace("QĐ-", "TTr-", 1)
    else:
        governing, issuing = province.issuing_body, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
        sender = "Hội đồng Thi đua - Khen thưởng"
        code = "TTr-HĐTĐKT"
    on = date or datetime.date.today()
    held_on, results = council_votes(nominations)
    award_types = sorted(
        {n.award_type_id: n.award_type for n in nominations}.values(),
        key=lambda t: (t.sort_order, t.code),
    )
    if len(award_types) > 1:
        # One letter proposing several awards (a long-service batch: Huy chương Chiến sĩ vẻ
        # vang hạng Ba, Nhì, Nhất…): the list is grouped by award, then as any annex.
        groups = award_groups(nominations, award_types, on=on, profile=to)
    else:
        groups = annex_groups(nominations, on=on, profile=to, rate=None)
    for group in groups:
        for row in group["rows"]:
            row["vote"] = results.get(row["pk"], "")
    award_name = ", ".join(t.name for t in award_types)
    kinds = [n.nominee_kind for n in nominations]
    basis: list[str] = []
    for award_type in award_types or [None]:
        for line in legal_bases(
            authority=target, on=on, award_type_id=award_type.pk if award_type else None
        ):
            if line not in basis:  # the texts every award shares, once
                basis.append(line)
    meeting = (
        f"Ngày {held_on:%d/%m/%Y}, Hội đồng Thi đua - Khen thưởng đã họp, xét và biểu quyết "
        "đề nghị; kết quả biểu quyết của từng trường hợp ghi tại danh sách dưới đây."
        if held_on
        else ""
    )
    return {
        "governing_body": governing,
        "issuing_body": issuing,
        "number": number or f"{' ' * 6}/{code}",
        "date_line": f"{province.place}, {date_words(date)}"
        if date
        else f"{province.place}, ngày      tháng      năm {on.year}",
        "is_draft": False,
        "recipient": to.title_in_sentence,
        "recipient_short": to.principal_title.capitalize(),
        "sender": sender,
        "legal_bases": basis,
        "meeting_line": meeting,
        "campaign_name": first.campaign.name if first else "",
        "award_name": award_name,
        "count": len(nominations),
        "count_text": count_words(kinds),
        "groups": groups,
        "rows": [row for group in groups for row in group["rows"]],
        "attached_files": attached_files(nominations, has_minutes=held_on is not None),
        "archive_line": province.archive_line,
        "province": province.place,
        "province_upper": province.place.upper(),
        **signer.context(),
    }


def submission_letter(
    nominations: Iterable[Nomination],
    *,
    number: str = "",
    signer_name: str = "",
    signer_title: str = "",
    date: datetime.date | None = None,
    signer: Signer | None = None,
) -> bytes:
    """The Tờ trình as .docx (see submission_context); `signer` or the old title/name pair."""
    nominations = [n for n in nominations if n.award_type.authority == Authority.MINISTRY] or list(
        nominations
    )
    return render_docx(
        template_bytes(template_current(DocumentKind.SUBMISSION)),
        submission_context(
            nominations,
            number=number,
            date=date,
            signer=signer or Signer(title=signer_title or "GIÁM ĐỐC", name=signer_name),
        ),
    )
