"""Multi-level consolidation, configured per campaign (`Campaign.consolidation_levels`).

When a campaign lists unit kinds (e.g. ["district"]), a nomination proposed below a unit of that
kind waits in `awaiting_consolidation` until that unit's officer consolidates and forwards it;
only then is it `submitted` to the provincial committee. With no levels configured the state and
its transitions are never reached and the workflow is the plain one.
"""

from typing import TYPE_CHECKING, Any

from workflow.models import TransitionLog

from ..permissions import has_perm, user_unit

if TYPE_CHECKING:
    from ..models import Nomination, Unit

CONSOLIDATE = "consolidate"


def _ancestors(unit: "Unit") -> list["Unit"]:
    """The unit's ancestors, closest first."""
    from ..models import Unit

    codes = unit.path.split("/")[:-1]
    by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    return [by_code[code] for code in reversed(codes) if code in by_code]


def _done_since_submission(nomination: "Nomination") -> set[int]:
    logs = list(
        TransitionLog.objects.for_object(nomination)
        .filter(transition__in=["submit", CONSOLIDATE])
        .order_by("at", "id")
        .values_list("transition", "data")
    )
    return _done_from_logs(logs)


def _done_from_logs(logs: list[tuple[str, dict]]) -> set[int]:
    """The units that consolidated since the last submission, from its audit rows in order."""
    done: set[int] = set()
    for name, data in logs:
        if name == "submit":
            done = set()
        elif data.get("unit_id"):
            done.add(data["unit_id"])
    return done


def consolidation_chain(nomination: "Nomination") -> list["Unit"]:
    """The units that must consolidate this nomination, lowest level first."""
    levels = set(nomination.campaign.consolidation_levels or [])
    if not levels:
        return []
    return [unit for unit in _ancestors(nomination.unit) if unit.kind in levels]


def next_consolidating_unit(nomination: "Nomination") -> "Unit | None":
    done = _done_since_submission(nomination)
    return next((u for u in consolidation_chain(nomination) if u.pk not in done), None)


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
    done = _done_since_submission(nomination) | {unit.pk}
    return [u for u in consolidation_chain(nomination) if u.pk not in done]


def nominations_awaiting_unit(nominations: "list[Nomination]", user: Any) -> "list[Nomination]":
    """Those of `nominations` (awaiting consolidation) whose turn is the user's unit: the same
    answer as `can_consolidate` for each, in a fixed number of queries (the audit rows of all of
    them and their ancestor units read at once). A superuser gets every one with a level left."""
    from django.contrib.contenttypes.models import ContentType

    from ..models import Nomination, Unit

    if not nominations or not getattr(user, "is_authenticated", False):
        return []
    own = user_unit(user)
    if not user.is_superuser and (own is None or not has_perm(user, "propose_nomination")):
        return []
    codes = {code for n in nominations for code in n.unit.path.split("/")[:-1]}
    by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    logs: dict[int, list[tuple[str, dict]]] = {n.pk: [] for n in nominations}
    rows = (
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Nomination),
            object_id__in=list(logs),
            transition__in=["submit", CONSOLIDATE],
        )
        .order_by("at", "id")
        .values_list("object_id", "transition", "data")
    )
    for object_id, name, data in rows:
        logs[int(object_id)].append((name, data))
    waiting = []
    for nomination in nominations:
        levels = set(nomination.campaign.consolidation_levels or [])
        done = _done_from_logs(logs[nomination.pk])
        chain = [
            by_code[code]
            for code in reversed(nomination.unit.path.split("/")[:-1])
            if code in by_code and by_code[code].kind in levels
        ]
        turn = next((u for u in chain if u.pk not in done), None)
        if turn is not None and (user.is_superuser or turn.pk == own.pk):
            waiting.append(nomination)
    return waiting
