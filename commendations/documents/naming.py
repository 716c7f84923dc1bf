"""How a unit is named on a document: the one function every document calls for a unit's name.

An authority reads the province's units in its own terms: the Minister's decision names "Công an
xã Ia Sao, Công an tỉnh Gia Lai", the Director's just "Công an xã Ia Sao". The name itself is the
unit's name (the dated registry's name in force on the document's date, once units carry one)."""

import datetime

from commendations.campaigns.models import AuthorityProfile
from commendations.units.models import Unit


def qualified(name: str, *, authority: AuthorityProfile) -> str:
    """`name` followed by the authority's qualifier, unless it already ends with it or is it."""
    name = (name or "").strip()
    qualifier = authority.unit_qualifier.strip()
    if not name or not qualifier:
        return name
    folded, folded_qualifier = name.casefold(), qualifier.casefold()
    if folded == folded_qualifier or folded.endswith(folded_qualifier):
        return name
    return f"{name}, {qualifier}"


def unit_name_for_document(unit: Unit, *, on: datetime.date, authority: AuthorityProfile) -> str:
    """The name of `unit` as a document of `authority` dated `on` prints it."""
    return qualified(unit.name, authority=authority)


def nominee_name_for_document(nomination, *, on: datetime.date, authority: AuthorityProfile) -> str:
    """A collective's printed name: its unit's name when the nomination names the unit as it is,
    else the name typed (a team, a village group), qualified the same way. An individual's
    name is printed as typed."""
    if nomination.nominee_kind != "collective":
        return nomination.nominee_name
    unit = nomination.nominee_unit
    if unit is not None and (not nomination.nominee_name or nomination.nominee_name == unit.name):
        return unit_name_for_document(unit, on=on, authority=authority)
    return qualified(nomination.nominee_name, authority=authority)


def workplace_for_document(nomination, *, on: datetime.date, authority: AuthorityProfile) -> str:
    """An individual's unit line, qualified like a unit's name."""
    return qualified(nomination.workplace, authority=authority)
