"""The due list: every registered source asked for one year and scope."""

from collections.abc import Iterable

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
