"""How a unit is named on a document: the one function every document calls for a unit's name.

An authority reads the province's units in its own terms: the Minister's decision names "Công an
xã Ia Sao, Công an tỉnh Gia Lai", the Director's just "Công an xã Ia Sao". The name itself is the
unit's name in the dated registry on the document's date: a 2023 decision prints "Công an huyện
Chư Păh" even after the district was dissolved; nothing issued changes when a unit is renamed.
Callers that name many units prefetch `versions` (`nominee_unit__versions`): no query per row."""

import datetime

from commendations.campaigns.models import Affiliation, AuthorityProfile
from commendations.units.models import Unit, UnitVersion


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


def _prefetched_versions(unit: Unit) -> list[UnitVersion] | None:
    cache = getattr(unit, "_prefetched_objects_cache", {})
    if "versions" not in cache:
        return None
    return sorted(cache["versions"], key=lambda version: version.valid_from)


def unit_name_on(unit: Unit, on: datetime.date) -> str:
    """The registry's name of `unit` on `on` (its first name before it existed, its last after
    it ended), from prefetched versions when there are some."""
    versions = _prefetched_versions(unit)
    if versions is None:
        return unit.name_on(on)
    started = [version for version in versions if version.valid_from <= on]
    version = started[-1] if started else (versions[0] if versions else None)
    return version.name if version is not None else unit.name


def _names_ever(unit: Unit) -> set[str]:
    versions = _prefetched_versions(unit)
    if versions is None:
        return set(unit.versions.values_list("name", flat=True)) | {unit.name}
    return {version.name for version in versions} | {unit.name}


def unit_name_for_document(unit: Unit, *, on: datetime.date, authority: AuthorityProfile) -> str:
    """The name of `unit` as a document of `authority` dated `on` prints it."""
    return qualified(unit_name_on(unit, on), authority=authority)


def outside_force(nomination) -> bool:
    """A citizen, household, village security group, organisation or foreigner."""
    return getattr(nomination, "affiliation", Affiliation.FORCE) != Affiliation.FORCE


def address_line(nomination) -> str:
    """What a recipient outside the force prints instead of a position and unit: its address,
    after the nationality for a foreigner ("Quốc tịch Nhật Bản; địa chỉ: …")."""
    address = (nomination.address or "").strip()
    nationality = (nomination.nationality or "").strip()
    if nomination.affiliation == Affiliation.FOREIGNER and nationality:
        foreign = f"Quốc tịch {nationality}"
        return f"{foreign}; địa chỉ: {address}" if address else foreign
    return f"Địa chỉ: {address}" if address else ""


def addressed_name_for_document(
    nomination, *, on: datetime.date, authority: AuthorityProfile
) -> str:
    """The name a list of recipients prints: a person outside the force is addressed "Ông" or
    "Bà" by sex, anyone else (an organisation, a household, an officer) by the printed name."""
    name = nominee_name_for_document(nomination, on=on, authority=authority)
    if getattr(nomination, "nominee_alias", ""):
        return name  # an alias is printed as given, without "Ông"/"Bà"
    if outside_force(nomination) and nomination.nominee_kind == "individual":
        title = {"male": "Ông", "female": "Bà"}.get(nomination.gender, "")
        return f"{title} {name}" if title else name
    return name


def alias_or_name(nomination) -> str:
    """What a document prints for the recipient's name: the alias of a secret award's person
    outside the force (bí danh), else the name."""
    return getattr(nomination, "nominee_alias", "") or nomination.nominee_name


def nominee_name_for_document(nomination, *, on: datetime.date, authority: AuthorityProfile) -> str:
    """A collective's printed name: its unit's name on `on` when the nomination names the unit by
    one of the names it has had,
    else the name typed (a team, a village group), qualified the same way. An individual's
    name is printed as typed, and so is the name of a recipient outside the force (a household,
    an organisation is not part of the authority: never qualified)."""
    if getattr(nomination, "nominee_alias", ""):
        return nomination.nominee_alias  # a secret award's alias: never the name (issue #25)
    if nomination.nominee_kind != "collective" or outside_force(nomination):
        return nomination.nominee_name
    unit = nomination.nominee_unit
    if unit is not None and (
        not nomination.nominee_name or nomination.nominee_name in _names_ever(unit)
    ):
        return unit_name_for_document(unit, on=on, authority=authority)
    return qualified(nomination.nominee_name, authority=authority)


def workplace_for_document(nomination, *, on: datetime.date, authority: AuthorityProfile) -> str:
    """An individual's unit line, qualified like a unit's name; the address outside the force."""
    if outside_force(nomination):
        return address_line(nomination)
    return qualified(nomination.workplace, authority=authority)


def _words(text: str) -> list[str]:
    return text.split()


def position_at_workplace(position: str, workplace: str) -> str:
    """ "Trưởng Công an xã" at "Công an xã Nghĩa Hưng, huyện Chư Păh" reads "Trưởng Công an xã
    Nghĩa Hưng, huyện Chư Păh": when the position ends with the words the workplace begins with
    (the kind of unit), the workplace continues the position instead of repeating the unit.
    Otherwise the two are joined by a comma."""
    position, workplace = (position or "").strip(), (workplace or "").strip()
    if not position or not workplace:
        return position or workplace
    head, tail = _words(position), _words(workplace)
    folded_head = [w.casefold() for w in head]
    folded_tail = [w.casefold().rstrip(",") for w in tail]
    for size in range(min(len(head), len(tail)), 1, -1):
        if folded_head[-size:] == folded_tail[:size] and not tail[size - 1].endswith(","):
            return " ".join(head[:-size] + tail)
    if workplace.casefold() in position.casefold():
        return position
    return f"{position}, {workplace}"


def position_line_for_document(
    nomination, *, on: datetime.date, authority: AuthorityProfile
) -> str:
    """An individual's position and unit as one phrase, the unit named once; the address (and
    nationality) for a recipient outside the force, who has no position in it."""
    if outside_force(nomination):
        return address_line(nomination)
    return position_at_workplace(
        nomination.position, workplace_for_document(nomination, on=on, authority=authority)
    )
