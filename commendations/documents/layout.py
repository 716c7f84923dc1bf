"""Pieces every administrative document shares (Nghị định 30/2020/NĐ-CP, Phụ lục I): the header
lines of the issuing authority, the place and date, counts written out, dates in words."""

import datetime

from commendations.campaigns.models import AuthorityProfile, NomineeKind


def date_words(date: datetime.date) -> str:
    """ "ngày 06 tháng 3 năm 2023": a leading zero for days below 10 and for months 1 and 2."""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


NBSP = "\u00a0"


def date_words_unbroken(date: datetime.date) -> str:
    """`date_words` with no-break spaces: a line never ends at "năm" with the year on the next
    (Word and LibreOffice both keep U+00A0-joined words together)."""
    return date_words(date).replace(" ", NBSP)


def place_date_line(place: str, date: datetime.date) -> str:
    return f"{place}, {date_words(date)}"


def count_words(kinds: list[str]) -> str:
    """ "11 tập thể và 9 cá nhân" (or just one of them)."""
    collectives = sum(1 for k in kinds if k == NomineeKind.COLLECTIVE)
    individuals = len(kinds) - collectives
    parts = []
    if collectives:
        parts.append(f"{collectives} tập thể")
    if individuals:
        parts.append(f"{individuals} cá nhân")
    return " và ".join(parts)


def header_context(
    profile: AuthorityProfile, *, date: datetime.date, is_draft: bool
) -> dict[str, object]:
    """The left column (governing body, issuing body), the place and date line, the draft mark."""
    return {
        "governing_body": profile.governing_body,
        "issuing_body": profile.issuing_body,
        # templates uploaded before authorities were data use this one line
        "authority_header": profile.issuing_body,
        "authority_title": profile.title,
        "authority_in_sentence": profile.title_in_sentence,
        "place": profile.place,
        "date_line": place_date_line(profile.place, date),
        "date_words": date_words(date),
        "is_draft": is_draft,
    }
