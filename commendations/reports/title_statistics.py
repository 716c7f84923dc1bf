"""Statistics of the annual titles by year, unit and title: how many rows the units proposed,
how many were excluded, how many were recognised, and for a capped title how much of the cap
each unit used ("used X of at most Y (P % of base B)").

What is counted: the rows of the year-end lists sent up (submitted, recommended or decided — a
draft is the unit's work in progress), officers and collectives alike; `recognised` are the rows
still proposed on the decided lists. The caps are those the actions check, read by the same
selector (`annual_titles.selectors.cap_uses`, counting the lists sent up). Scope like every
list: the lists the user sees (`rating_lists_visible_to`: the office sees every unit, a unit
officer their subtree). A fixed number of queries whatever the number of units and rows: three,
plus two per year of the range that has lists."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from commendations.annual_titles.models import RatingListState, RatingRow
from commendations.annual_titles.selectors import (
    COUNTED_AT_SUBMISSION,
    CapUse,
    cap_uses,
    rating_lists_visible_to,
)
from commendations.campaigns.models import AwardType
from commendations.units.models import Unit

# The widest range of years one request covers.
MAX_YEARS = 10


@dataclass
class TitleCell:
    """One year, one unit (the list's), one title."""

    year: int
    unit: Unit
    award_type: AwardType
    proposed: int = 0
    excluded: int = 0
    recognised: int = 0
    cap: CapUse | None = None

    @property
    def cap_text(self) -> str:
        """ "dùng 3 trên tối đa 3 (15 % của 20)", or "" for a title without a cap."""
        return cap_text(self.cap) if self.cap else ""


@dataclass
class TitleTotal:
    """One title over every unit and year of the statistics; for a capped title the places used
    and the most allowed, summed over the units and years."""

    award_type: AwardType
    proposed: int = 0
    excluded: int = 0
    recognised: int = 0
    capped: bool = False
    used: int = 0
    limit: int = 0

    @property
    def cap_text(self) -> str:
        if not self.capped:
            return ""
        return _("dùng %(used)s trên tối đa %(limit)s") % {"used": self.used, "limit": self.limit}


@dataclass
class TitleStatistics:
    year_from: int
    year_to: int
    cells: list[TitleCell] = field(default_factory=list)
    totals: list[TitleTotal] = field(default_factory=list)


def cap_text(use: CapUse) -> str:
    """The cap's use in words, from the same numbers as the refusal (`CapUse.message`)."""
    return _("dùng %(used)s trên tối đa %(limit)s (%(percent)s %% của %(base)s)") % {
        "used": use.used,
        "limit": use.limit,
        "percent": f"{use.cap.percent.normalize():f}",
        "base": use.base_count,
    }


def _order(cell: TitleCell) -> tuple[Any, ...]:
    return (
        cell.year,
        cell.unit.sort_order,
        cell.unit.code,
        cell.award_type.sort_order,
        cell.award_type.code,
    )


def title_statistics(*, user: Any, year_from: int, year_to: int | None = None) -> TitleStatistics:
    """The statistics of the years `year_from` … `year_to` (one year when `year_to` is empty)."""
    year_to = year_to or year_from
    if year_to < year_from:
        year_from, year_to = year_to, year_from
    year_to = min(year_to, year_from + MAX_YEARS - 1)
    stats = TitleStatistics(year_from=year_from, year_to=year_to)
    lists = rating_lists_visible_to(user).filter(
        year__gte=year_from, year__lte=year_to, state__in=COUNTED_AT_SUBMISSION
    )
    counts = list(
        RatingRow.objects.filter(rating_list__in=lists.values("pk"))
        .order_by()
        .values("rating_list__year", "rating_list__unit_id", "award_type_id")
        .annotate(
            proposed=Count("pk"),
            excluded=Count("pk", filter=~Q(excluded_reason="")),
            recognised=Count(
                "pk",
                filter=Q(excluded_reason="", rating_list__state=RatingListState.DECIDED),
            ),
        )
    )
    if not counts:
        return stats
    units = {
        u.pk: u for u in Unit.objects.filter(pk__in={c["rating_list__unit_id"] for c in counts})
    }
    titles = {
        t.pk: t for t in AwardType.objects.filter(pk__in={c["award_type_id"] for c in counts})
    }
    cells: dict[tuple[int, int, int], TitleCell] = {}
    for c in counts:
        key = (c["rating_list__year"], c["rating_list__unit_id"], c["award_type_id"])
        cells[key] = TitleCell(
            year=key[0],
            unit=units[key[1]],
            award_type=titles[key[2]],
            proposed=c["proposed"],
            excluded=c["excluded"],
            recognised=c["recognised"],
        )
    units_by_year: dict[int, set[int]] = defaultdict(set)
    for year, unit_id, _title in cells:
        units_by_year[year].add(unit_id)
    for year, unit_ids in sorted(units_by_year.items()):
        uses = cap_uses(
            unit_ids=unit_ids, year=year, counted_states=COUNTED_AT_SUBMISSION, list_ids=[]
        )
        for unit_id, unit_uses in uses.items():
            for use in unit_uses:
                key = (year, unit_id, use.cap.award_type_id)
                if key not in cells:
                    if not use.used and not use.base_count:
                        continue  # neither the title nor its base proposed: nothing to show
                    cells[key] = TitleCell(
                        year=year, unit=units[unit_id], award_type=use.cap.award_type
                    )
                cells[key].cap = use
    stats.cells = sorted(cells.values(), key=_order)
    totals: dict[int, TitleTotal] = {}
    for cell in stats.cells:
        total = totals.setdefault(cell.award_type.pk, TitleTotal(award_type=cell.award_type))
        total.proposed += cell.proposed
        total.excluded += cell.excluded
        total.recognised += cell.recognised
        if cell.cap is not None:
            total.capped = True
            total.used += cell.cap.used
            total.limit += cell.cap.limit
    stats.totals = sorted(
        totals.values(), key=lambda t: (t.award_type.sort_order, t.award_type.code)
    )
    return stats
