"""How a nominee is named in the documents: the salutation and the one-line description."""

from typing import TYPE_CHECKING

from commendations.campaigns.models import NomineeKind
from commendations.nominations.models import Gender

if TYPE_CHECKING:
    from commendations.nominations.models import Nomination


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def salutation(nomination: "Nomination") -> str:
    if nomination.nominee_kind != NomineeKind.INDIVIDUAL:
        return ""
    if nomination.is_outside_force:  # a citizen or a foreigner: never "Đồng chí"
        return {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(nomination.gender, "")
    if nomination.rank:
        return "Đồng chí"
    return {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(nomination.gender, "")


def saluted_name(nomination: "Nomination") -> str:
    """ "Đồng chí Trung tá Huỳnh Thị Ngọc Ánh" for an officer, "Ông Nguyễn Văn A" / "Bà …" for
    a citizen (no rank); a secret award's alias alone. The certificate's recipient line and the
    ceremony papers' both start with it."""
    if getattr(nomination, "nominee_alias", ""):
        return nomination.nominee_alias
    words = (salutation(nomination), nomination.rank, nomination.nominee_name)
    return " ".join(w for w in words if w)


def description_line(nomination: "Nomination") -> str:
    """Rank, position and unit on one line for the decision's annex."""
    parts = [nomination.rank, nomination.position, nomination.workplace]
    return ", ".join(p for p in parts if p)
