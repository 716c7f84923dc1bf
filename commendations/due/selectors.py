"""The due list: every registered source asked for one year and scope."""

from collections.abc import Iterable
from typing import Any

from commendations.access.permissions import can_propose_any, sees_all_nominations
from commendations.access.selectors import units_of
from commendations.due import chains  # noqa: F401  (registers the chains source)
from commendations.due.registry import DueEntry, DueQuery, due_sources


def due_list(year: int, *, unit_ids: Iterable[int] | None = None) -> list[DueEntry]:
    """Who becomes due in `year` (people of, and units among, `unit_ids`; None: everyone),
    ordered by award type, then subject name."""
    query = DueQuery(year=year, unit_ids=None if unit_ids is None else frozenset(unit_ids))
    entries: list[DueEntry] = []
    for source in due_sources.values():
        entries.extend(source(query))
    entries.sort(
        key=lambda e: (e.award_type.sort_order, e.award_type.code, e.subject_name, e.source)
    )
    return entries


def due_scope(user: Any) -> frozenset[int] | None:
    """The units whose people and selves a user sees in the due list, like every list: all
    (None) for the office and the council, their unit's subtree for a unit officer."""
    if getattr(user, "is_superuser", False) or sees_all_nominations(user):
        return None
    if not can_propose_any(user):
        return frozenset()
    return frozenset(units_of(user).values_list("pk", flat=True))


def due_list_for(
    user: Any,
    year: int,
    *,
    award_type: str = "",
    subject_kind: str = "",
    unit_id: int | None = None,
) -> list[DueEntry]:
    """The due list a user sees, filtered by award type code, subject kind and unit."""
    scope = due_scope(user)
    if unit_id is not None:
        scope = frozenset({unit_id}) if scope is None or unit_id in scope else frozenset()
    entries = due_list(year, unit_ids=scope)
    return [
        e
        for e in entries
        if (not award_type or e.award_type.code == award_type)
        and (not subject_kind or e.subject_kind == subject_kind)
    ]
