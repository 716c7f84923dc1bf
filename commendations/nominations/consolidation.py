"""Multi-level consolidation, configured per campaign (`Campaign.consolidation_levels`).

When a campaign lists unit kinds (e.g. ["district"]), a nomination proposed below a unit of that
kind waits in `awaiting_consolidation` until that unit's officer consolidates and forwards it;
only then is it `submitted` to the provincial committee. With no levels configured the state and
its transitions are never reached and the workflow is the plain one.

The levels are read from the unit tree in force on the campaign's date (`consolidation_date`):
today while the campaign is open, its closing day once it has closed. A campaign of 2022 keeps
consolidating through the districts of 2022; one of 2026 no longer has districts to go through.
"""

import datetime
from typing import TYPE_CHECKING, Any, Protocol

from django.utils import timezone

from commendations.access.permissions import can_propose_any, user_unit
from commendations.units.models import Unit
from commendations.units.selectors import UnitTree, unit_family_ids, unit_tree_on

if TYPE_CHECKING:
    from commendations.campaigns.models import Campaign


class Nomination(Protocol):
    """What consolidation reads of a nomination (the model imports this module for its
    `consolidate` permission, so the model is not imported here)."""

    pk: int
    campaign: "Campaign"
    unit: Unit
    unit_id: int
    consolidated_through_id: int | None
    consolidation_heir_id: int | None
    consolidation_heir: Unit | None


def consolidation_date(campaign: "Campaign") -> datetime.date:
    """The day whose unit tree the campaign consolidates through: today, kept inside the
    campaign's window."""
    today = timezone.localdate()
    return min(max(today, campaign.opens_on), campaign.closes_on)


def _chain_ids(tree: UnitTree, unit_id: int, levels: set[str]) -> list[int]:
    """The ids of the unit's ancestors of the configured kinds on the tree's day, lowest first."""
    return [node.id for node in tree.ancestors(unit_id) if node.kind in levels]


def _ancestors(unit: "Unit", on: datetime.date, levels: set[str]) -> list["Unit"]:
    """The unit's ancestors of the configured kinds on `on`, closest first (two queries)."""
    ids = _chain_ids(unit_tree_on(on), unit.pk, levels)
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def _done_ids(ids: list[int], through_id: int | None) -> set[int]:
    if through_id is None or through_id not in ids:
        return set()
    return set(ids[: ids.index(through_id) + 1])


def _done(chain: list["Unit"], through_id: int | None) -> set[int]:
    """The levels passed: the chain up to and including `consolidated_through`, which the
    `consolidate` transition sets and `submit` clears."""
    return _done_ids([u.pk for u in chain], through_id)


def consolidation_chain(nomination: "Nomination") -> list["Unit"]:
    """The units that must consolidate this nomination, lowest level first."""
    levels = set(nomination.campaign.consolidation_levels or [])
    if not levels:
        return []
    return _ancestors(nomination.unit, consolidation_date(nomination.campaign), levels)


def next_consolidating_unit(nomination: "Nomination") -> "Unit | None":
    """Whose turn it is: the heir of a dissolved level that was handed the turn, else the lowest
    level of the chain not passed."""
    if nomination.consolidation_heir_id is not None:
        return nomination.consolidation_heir
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
    return can_propose_any(user) and own is not None and own.pk == unit.pk


def levels_remaining_after(nomination: "Nomination", unit: "Unit") -> list["Unit"]:
    chain = consolidation_chain(nomination)
    done = _done(chain, nomination.consolidated_through_id) | {unit.pk}
    if nomination.consolidation_heir_id is not None:
        # The heir stands in for a level no longer in force: none of the ended units is left.
        today = timezone.localdate()
        return [u for u in chain if u.pk not in done and u.is_in_force(today)]
    return [u for u in chain if u.pk not in done]


def nominations_awaiting_unit(nominations: "list[Nomination]", user: Any) -> "list[Nomination]":
    """Those of `nominations` (awaiting consolidation) whose turn is the user's unit: the same
    answer as `can_consolidate` for each, in a fixed number of queries (the ancestor units of all
    of them read at once). A superuser gets every one with a level left."""
    if not nominations or not getattr(user, "is_authenticated", False):
        return []
    own = user_unit(user)
    if not user.is_superuser and (own is None or not can_propose_any(user)):
        return []
    trees: dict[datetime.date, UnitTree] = {}
    chains: dict[int, list[int]] = {}
    for nomination in nominations:
        levels = set(nomination.campaign.consolidation_levels or [])
        on = consolidation_date(nomination.campaign)
        if on not in trees:
            trees[on] = unit_tree_on(on)
        chains[nomination.pk] = _chain_ids(trees[on], nomination.unit_id, levels) if levels else []
    by_id = Unit.objects.in_bulk({i for chain in chains.values() for i in chain})
    waiting = []
    for nomination in nominations:
        if nomination.consolidation_heir_id is not None:
            turn_id: int | None = nomination.consolidation_heir_id
        else:
            chain = [by_id[i] for i in chains[nomination.pk] if i in by_id]
            done = _done(chain, nomination.consolidated_through_id)
            turn_id = next((u.pk for u in chain if u.pk not in done), None)
        if turn_id is not None and (user.is_superuser or turn_id == own.pk):
            waiting.append(nomination)
    return waiting


def nominations_waiting_on_ended(
    unit: "Unit", nominations: "list[Nomination]"
) -> "list[Nomination]":
    """Those of `nominations` (awaiting consolidation) whose turn is `unit`, which has ended: the
    turn an earlier handover gave it, or its place in the chain on its last day in force (kept
    inside each campaign's window). A nomination whose unit did not exist that day (it went to a
    merged commune since) is placed by its unit's predecessors. One query per distinct day, and
    one for the lineage when needed."""
    if unit.valid_to is None:
        return []
    last_day = unit.valid_to - datetime.timedelta(days=1)
    trees: dict[datetime.date, UnitTree] = {}
    placed: list[tuple[Nomination, UnitTree, set[str]]] = []
    found = []
    for nomination in nominations:
        if nomination.consolidation_heir_id is not None:
            if nomination.consolidation_heir_id == unit.pk:
                found.append(nomination)
            continue
        levels = set(nomination.campaign.consolidation_levels or [])
        if not levels:
            continue
        campaign = nomination.campaign
        on = min(max(last_day, campaign.opens_on), campaign.closes_on)
        if on not in trees:
            trees[on] = unit_tree_on(on)
        placed.append((nomination, trees[on], levels))
    missing = {n.unit_id for n, tree, _levels in placed if n.unit_id not in tree.nodes}
    families = unit_family_ids(missing) if missing else {}
    for nomination, tree, levels in placed:
        starts = [nomination.unit_id] if nomination.unit_id in tree.nodes else []
        family = families.get(nomination.unit_id, set())
        starts = starts or sorted(i for i in family if i in tree.nodes)
        for start in starts:
            ids = _chain_ids(tree, start, levels)
            done = _done_ids(ids, nomination.consolidated_through_id)
            if next((i for i in ids if i not in done), None) == unit.pk:
                found.append(nomination)
                break
    return found
