"""Multi-level consolidation, configured per campaign (`Campaign.consolidation_levels`).

When a campaign lists unit kinds (e.g. ["district"]), a nomination proposed below a unit of that
kind waits in `awaiting_consolidation` until that unit's officer consolidates and forwards it;
only then is it `submitted` to the provincial committee. With no levels configured the state and
its transitions are never reached and the workflow is the plain one.
"""

from typing import TYPE_CHECKING, Any

from commendations.access.permissions import has_perm, user_unit
from commendations.units.models import Unit

if TYPE_CHECKING:
    from commendations.nominations.models import Nomination
    from commendations.units.models import Unit


def _ancestors(unit: "Unit") -> list["Unit"]:
    """The unit's ancestors, closest first."""
    codes = unit.path.split("/")[:-1]
    by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    return [by_code[code] for code in reversed(codes) if code in by_code]


def _done(chain: list["Unit"], through_id: int | None) -> set[int]:
    """The levels passed: the chain up to and including `consolidated_through`, which the
    `consolidate` transition sets and `submit` clears."""
    if through_id is None:
        return set()
    ids = [u.pk for u in chain]
    if through_id not in ids:
        return set()
    return set(ids[: ids.index(through_id) + 1])


def consolidation_chain(nomination: "Nomination") -> list["Unit"]:
    """The units that must consolidate this nomination, lowest level first."""
    levels = set(nomination.campaign.consolidation_levels or [])
    if not levels:
        return []
    return [unit for unit in _ancestors(nomination.unit) if unit.kind in levels]


def next_consolidating_unit(nomination: "Nomination") -> "Unit | None":
    chain = consolidation_chain(nomination)
    done = _done(chain, nomination.consolidated_through_id)
    return next((u for u in chain if u.pk not in done), None)


def can_consolidate(nomination: "Nomination", user: Any) -> bool:
    """An officer of the unit whose turn it is (or an administrator)."""
    if not getattr(user, "is_authenticated", False):
        return False
    unit = next_consolidating_unit(nomination)
    if unit is None:
        return False
    if user.is_superuser:
        return True
    own = user_unit(user)
    return has_perm(user, "propose_nomination") and own is not None and own.pk == unit.pk


def levels_remaining_after(nomination: "Nomination", unit: "Unit") -> list["Unit"]:
    chain = consolidation_chain(nomination)
    done = _done(chain, nomination.consolidated_through_id) | {unit.pk}
    return [u for u in chain if u.pk not in done]


def nominations_awaiting_unit(nominations: "list[Nomination]", user: Any) -> "list[Nomination]":
    """Those of `nominations` (awaiting consolidation) whose turn is the user's unit: the same
    answer as `can_consolidate` for each, in a fixed number of queries (the ancestor units of all
    of them read at once). A superuser gets every one with a level left."""
    if not nominations or not getattr(user, "is_authenticated", False):
        return []
    own = user_unit(user)
    if not user.is_superuser and (own is None or not has_perm(user, "propose_nomination")):
        return []
    codes = {code for n in nominations for code in n.unit.path.split("/")[:-1]}
    by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    waiting = []
    for nomination in nominations:
        levels = set(nomination.campaign.consolidation_levels or [])
        chain = [
            by_code[code]
            for code in reversed(nomination.unit.path.split("/")[:-1])
            if code in by_code and by_code[code].kind in levels
        ]
        done = _done(chain, nomination.consolidated_through_id)
        turn = next((u for u in chain if u.pk not in done), None)
        if turn is not None and (user.is_superuser or turn.pk == own.pk):
            waiting.append(nomination)
    return waiting
