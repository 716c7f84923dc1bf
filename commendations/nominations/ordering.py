"""The order in which nominees are listed in a decision's annex and called at the ceremony."""

from typing import TYPE_CHECKING

from commendations.campaigns.models import Authority, NomineeKind
from commendations.documents.vietnamese import person_name_key, vietnamese_key

if TYPE_CHECKING:
    from commendations.nominations.models import Nomination


def ceremony_key(nomination: "Nomination") -> tuple:
    """Bằng khen before Giấy khen, collectives before individuals, then by name."""
    authority_order = 0 if nomination.award_type.authority == Authority.MINISTRY else 1
    individual = nomination.nominee_kind == NomineeKind.INDIVIDUAL
    name_key = (
        person_name_key(nomination.nominee_name)
        if individual
        else (vietnamese_key(nomination.nominee_name)[:2], nomination.nominee_name)
    )
    return (authority_order, 1 if individual else 0, name_key, nomination.pk)
