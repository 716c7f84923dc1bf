"""Reads of the year-end rating: the lists a user sees, why a row is excluded, how much of a cap
a unit uses. Each is a fixed number of queries whatever the number of rows or lists."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import can_propose_any, sees_all_nominations
from commendations.access.selectors import units_of
from commendations.annual_titles.models import (
    RATINGS_PROPOSABLE,
    Rating,
    RatingList,
    RatingListState,
    RatingRow,
    Registration,
    RegistrationRule,
    TitleCap,
)
from commendations.campaigns.models import AwardType, NomineeKind
from commendations.units.models import DisciplinaryRecord, HonourRecord, ServiceRecord, Unit

# The lists whose rows take places of a cap at each stage: a proposal counts what the unit has
# already sent up; the council's recommendation what it has already recommended.
COUNTED_AT_SUBMISSION = (
    RatingListState.SUBMITTED,
    RatingListState.RECOMMENDED,
    RatingListState.DECIDED,
)
COUNTED_AT_RECOMMENDATION = (RatingListState.RECOMMENDED, RatingListState.DECIDED)


def rating_lists_visible_to(user: Any) -> QuerySet[RatingList]:
    """Province-wide roles see every list; a unit officer their units' lists; others none."""
    lists = RatingList.objects.select_related("unit", "decision")
    if getattr(user, "is_superuser", False) or sees_all_nominations(user):
        return lists
    if not can_propose_any(user):
        return lists.none()
    return lists.filter(unit__in=units_of(user))


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def registrations_visible_to(user: Any) -> QuerySet[Registration]:
    """The registrations of the year, consolidated up the tree: the province-wide roles see
    every unit's, a unit officer those of their unit and the units below it."""
    rows = Registration.objects.select_related("unit", "person", "award_type")
    if getattr(user, "is_superuser", False) or sees_all_nominations(user):
        return rows
    if not can_propose_any(user):
        return rows.none()
    return rows.filter(unit__in=units_of(user))


def registration_latest_year(user: Any) -> int:
    """The year a registrations page opens on: the latest the user sees registrations of (not
    past next year), else this year."""
    this_year = timezone.localdate().year
    latest = (
        registrations_visible_to(user)
        .filter(year__lte=this_year + 1)
        .aggregate(latest=Max("year"))["latest"]
    )
    return latest or this_year


def registrations_of_year(user: Any, year: int, unit: Unit | None = None) -> QuerySet[Registration]:
    """The visible registrations of `year`, of `unit`'s subtree in force when given, in the
    tree's order (unit, then officer, then title)."""
    rows = registrations_visible_to(user).filter(year=year)
    if unit is not None:
        rows = rows.filter(unit__in=Unit.objects.subtree_of(unit))
    return rows.order_by(
        "unit__path", "person__full_name", "person__code", "award_type__sort_order", "pk"
    )


@dataclass
class RegistrationSummaryRow:
    unit: Unit
    counts: list[int]  # one per title of the summary, in its order
    total: int
    with_units_below: int  # the consolidation: this unit's and every unit's below it


@dataclass
class RegistrationSummary:
    """Who registered what, counted: a row per unit, a column per title, totals."""

    year: int
    titles: list[AwardType]
    rows: list[RegistrationSummaryRow]
    totals: list[int]
    total: int


def registration_summary(user: Any, year: int, unit: Unit | None = None) -> RegistrationSummary:
    """Counts per unit and title of the registrations `registrations_of_year` returns, each unit
    also with the units below it (consolidated up the tree by paths). Three queries."""
    counts = {
        (row["unit_id"], row["award_type_id"]): row["n"]
        for row in registrations_of_year(user, year, unit)
        .order_by()
        .values("unit_id", "award_type_id")
        .annotate(n=Count("pk"))
    }
    units = sorted(Unit.objects.filter(pk__in={k[0] for k in counts}), key=lambda u: (u.path, u.pk))
    titles = list(
        AwardType.objects.filter(pk__in={k[1] for k in counts}).order_by("sort_order", "code")
    )
    rows = []
    for each in units:
        per_title = [counts.get((each.pk, t.pk), 0) for t in titles]
        rows.append(
            RegistrationSummaryRow(
                unit=each, counts=per_title, total=sum(per_title), with_units_below=0
            )
        )
    for row in rows:
        row.with_units_below = sum(r.total for r in rows if r.unit.is_within(row.unit))
    totals = [sum(r.counts[i] for r in rows) for i in range(len(titles))]
    return RegistrationSummary(
        year=year, titles=titles, rows=rows, totals=totals, total=sum(totals)
    )


def _subjects_q(rows: Iterable[RatingRow], prefix: str = "") -> Q:
    """Rows (or records) of the rows' officers or collectives."""
    rows = list(rows)
    return Q(**{f"{prefix}person_id__in": {r.person_id for r in rows if r.person_id}}) | Q(
        **{
            f"{prefix}person__isnull": True,
            f"{prefix}unit_id__in": {r.unit_id for r in rows if r.unit_id},
        }
    )


def _key(person_id: int | None, unit_id: int | None) -> tuple[str, int]:
    return ("person", person_id) if person_id is not None else ("unit", unit_id)


def registration_reasons(rows: list[RatingRow], year: int) -> dict[int, str]:
    """Rows whose title needs a registration at the start of the year (a `RegistrationRule` in
    force) that their officer (or, for a collective, the unit itself) did not make. Two queries
    at most."""
    required = set(
        RegistrationRule.objects.in_force(year_end(year))
        .filter(required=True)
        .values_list("award_type_id", flat=True)
    )
    concerned = [r for r in rows if r.award_type_id in required]
    if not concerned:
        return {}
    registered = {
        (_key(person_id, unit_id), award_type_id)
        for person_id, unit_id, award_type_id in Registration.objects.filter(
            _subjects_q(concerned), year=year, award_type_id__in=required
        ).values_list("person_id", "unit_id", "award_type_id")
    }
    return {
        r.pk: _("Không xét: chưa đăng ký thi đua danh hiệu này đầu năm %(year)s.") % {"year": year}
        for r in concerned
        if (r.subject_key, r.award_type_id) not in registered
    }


def discipline_reasons(person_ids: Iterable[int], year: int) -> dict[int, str]:
    """Why each person is excluded from `year`'s rating: under discipline, investigation or a
    complaint being handled at some time in the year (the existing records). One query."""
    records = DisciplinaryRecord.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1)),
        person_id__in=set(person_ids),
        started_on__lte=year_end(year),
    ).order_by("started_on", "pk")
    reasons: dict[int, str] = {}
    for record in records:
        reasons.setdefault(
            record.person_id,
            _("Không xét trong năm: %(kind)s từ ngày %(date)s.")
            % {"kind": record.get_kind_display(), "date": f"{record.started_on:%d/%m/%Y}"},
        )
    return reasons


def rating_reason(rating: str) -> str:
    """Why a rating excludes from the titles ("" when it does not)."""
    if rating in RATINGS_PROPOSABLE:
        return ""
    return _("Không xét: xếp loại “%(rating)s”.") % {"rating": Rating(rating).label}


def row_exclusions(rows: list[RatingRow], year: int) -> dict[int, str]:
    """Each row's exclusion reason ("" when it may be recognised), by row pk: its rating, a
    discipline in the year (officers), a registration the title needs and the officer or unit
    did not make, the same title already recorded for the year, or the same officer or
    collective and title on another list of the year that went up. Six queries at most for any
    number of rows, officers and collectives alike."""
    person_ids = {r.person_id for r in rows if r.person_id}
    discipline = discipline_reasons(person_ids, year)
    recorded = {
        (_key(person_id, unit_id), award_type_id): reference
        for person_id, unit_id, award_type_id, reference in HonourRecord.objects.filter(
            _subjects_q(rows), year=year
        ).values_list("person_id", "unit_id", "award_type_id", "reference")
    }
    unregistered = registration_reasons(rows, year)
    list_ids = {r.rating_list_id for r in rows}
    elsewhere = {
        (_key(person_id, unit_id), award_type_id)
        for person_id, unit_id, award_type_id in RatingRow.objects.filter(
            _subjects_q(rows),
            rating_list__year=year,
            rating_list__state__in=COUNTED_AT_SUBMISSION,
            excluded_reason="",
        )
        .exclude(rating_list_id__in=list_ids)
        .values_list("person_id", "unit_id", "award_type_id")
    }
    reasons: dict[int, str] = {}
    seen: set[tuple] = set()  # lists acted on together: the first row of a pair holds
    for row in sorted(rows, key=lambda r: r.pk):
        key = (row.subject_key, row.award_type_id)
        if reason := rating_reason(row.rating):
            reasons[row.pk] = reason
        elif row.person_id in discipline:
            reasons[row.pk] = discipline[row.person_id]
        elif row.pk in unregistered:
            reasons[row.pk] = unregistered[row.pk]
        elif key in recorded:
            reasons[row.pk] = _("Đã được công nhận danh hiệu này năm %(year)s (%(ref)s).") % {
                "year": year,
                "ref": recorded[key] or _("không rõ số quyết định"),
            }
        elif key in elsewhere or key in seen:
            reasons[row.pk] = _("Đã có trong danh sách đề nghị khác của năm %(year)s.") % {
                "year": year
            }
        else:
            reasons[row.pk] = ""
        if not reasons[row.pk]:
            seen.add(key)
    return reasons


@dataclass(frozen=True)
class CapUse:
    """How much of a cap a unit uses in a year."""

    unit_id: int
    cap: TitleCap
    used: int
    base_count: int

    @property
    def limit(self) -> int:
        return self.cap.limit(self.base_count)

    @property
    def exceeded(self) -> bool:
        return self.used > self.limit

    @property
    def message(self) -> str:
        """ "Chiến sĩ thi đua cơ sở: 3 trên tối đa 3 (15 % của 20)"."""
        return _("%(award)s: %(used)s trên tối đa %(limit)s (%(percent)s %% của %(base)s)") % {
            "award": self.cap.award_type.name,
            "used": self.used,
            "limit": self.limit,
            "percent": f"{self.cap.percent.normalize():f}",
            "base": self.base_count,
        }

    def as_audit(self) -> dict[str, Any]:
        return {
            "award_type": self.cap.award_type.code,
            "used": self.used,
            "limit": self.limit,
            "percent": str(self.cap.percent),
            "base": self.base_count,
            "source": self.cap.source,
            "verified": self.cap.verified,
        }


def caps_in_force(year: int) -> list[TitleCap]:
    return list(TitleCap.objects.in_force(year_end(year)).select_related("award_type", "base"))


def cap_uses(
    *, unit_ids: Iterable[int], year: int, counted_states: Iterable[str], list_ids: Iterable[int]
) -> dict[int, list[CapUse]]:
    """Per unit, each cap in force at the end of `year` with the places it uses: the rows not
    excluded of the unit's lists of the year in `counted_states`, plus the lists `list_ids`
    being acted on. Two queries for any number of units."""
    unit_ids = sorted(set(unit_ids))
    caps = caps_in_force(year)
    if not caps or not unit_ids:
        return {unit_id: [] for unit_id in unit_ids}
    counts: dict[tuple[int, int], int] = defaultdict(int)
    rows = (
        RatingRow.objects.filter(
            Q(rating_list__state__in=list(counted_states)) | Q(rating_list_id__in=list(list_ids)),
            rating_list__unit_id__in=unit_ids,
            rating_list__year=year,
            excluded_reason="",
        )
        .values("rating_list__unit_id", "award_type_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[(row["rating_list__unit_id"], row["award_type_id"])] += row["n"]
    return {
        unit_id: [
            CapUse(
                unit_id=unit_id,
                cap=cap,
                used=counts[(unit_id, cap.award_type_id)],
                base_count=counts[(unit_id, cap.base_id)],
            )
            for cap in caps
        ]
        for unit_id in unit_ids
    }


def rating_list_summary(rating_list: RatingList) -> dict[str, Any]:
    """The list's rows by title (proposed, excluded) and its caps as they stand, for its page."""
    rows = list(rating_list.rows.select_related("person", "unit", "award_type", "initiative"))
    by_title: dict[str, dict[str, int]] = defaultdict(lambda: {"proposed": 0, "excluded": 0})
    for row in rows:
        by_title[row.award_type.name]["excluded" if row.excluded else "proposed"] += 1
    uses = cap_uses(
        unit_ids=[rating_list.unit_id],
        year=rating_list.year,
        counted_states=COUNTED_AT_SUBMISSION,
        list_ids=[rating_list.pk],
    )[rating_list.unit_id]
    return {"rows": rows, "by_title": dict(by_title), "caps": uses}


# --- the recognition decision's annex -------------------------------------------------------


def row_subject_name(row: RatingRow) -> str:
    """The name a row is listed under (the annex, the decision): the officer's full name, or the
    collective's unit name (`RatingRow.subject_name`, the one place that says it)."""
    return row.subject_name


def row_subject_kind(row: RatingRow) -> str:
    """Individual or collective (the prize money differs)."""
    return NomineeKind.COLLECTIVE if row.is_collective else NomineeKind.INDIVIDUAL


def row_subject_code(row: RatingRow) -> str:
    """The subject's code beside its name in the annex (the officer's code, or the unit's)."""
    return row.subject_code


@dataclass
class AnnexGroup:
    """The rows of one title and one unit, in the annex's order."""

    award_type: str
    unit: str
    award_type_id: int = 0
    unit_id: int = 0
    collective: bool = False  # a collective title: `people` are the units recognised
    people: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    rows: list[RatingRow] = field(default_factory=list)


def _annex_rows(rows: QuerySet[RatingRow]) -> QuerySet[RatingRow]:
    return (
        rows.filter(excluded_reason="")
        .select_related("person", "unit", "award_type", "rating_list__unit")
        .order_by(
            "award_type__sort_order",
            "award_type__code",
            "rating_list__unit__sort_order",
            "rating_list__unit__code",
            "person__full_name",
            "unit__sort_order",
            "unit__name",
            "pk",
        )
    )


def annex_grouped(
    rows: Iterable[RatingRow], *, on: datetime.date | None = None
) -> list[AnnexGroup]:
    """Rows (already in the annex's order) grouped by title, then unit: the one grouping of the
    annex, for the .xlsx, the API and the decision's document. `on`: the units' names in force
    that day (a document's date), else today's."""
    groups: list[AnnexGroup] = []
    names: dict[int, str] = {}
    for row in rows:
        unit = row.rating_list.unit
        if unit.pk not in names:
            names[unit.pk] = unit.name_on(on) if on else unit.name
        key = (row.award_type_id, unit.pk)
        if not groups or (groups[-1].award_type_id, groups[-1].unit_id) != key:
            groups.append(
                AnnexGroup(
                    award_type=row.award_type.name,
                    unit=names[unit.pk],
                    award_type_id=row.award_type_id,
                    unit_id=unit.pk,
                    collective=row.is_collective,
                )
            )
        groups[-1].people.append((row_subject_code(row), row_subject_name(row)))
        groups[-1].rows.append(row)
    return groups


def annex_groups(rating_list: RatingList) -> list[AnnexGroup]:
    """Every row still proposed of the decision's lists (of this list alone while undecided),
    officers and collectives, grouped by title (catalogue order), then the list's unit, then
    name. One query."""
    if rating_list.decision_id:
        rows = RatingRow.objects.filter(rating_list__decision_id=rating_list.decision_id)
    else:
        rows = RatingRow.objects.filter(rating_list=rating_list)
    return annex_grouped(_annex_rows(rows))


def decision_annex_groups(decision: Any) -> list[AnnexGroup]:
    """The recognition decision's annex: every row still proposed of the lists it decided,
    with the units' names in force on its date."""
    rows = _annex_rows(RatingRow.objects.filter(rating_list__decision=decision))
    return annex_grouped(rows, on=decision.date)


def service_lines_on(person_ids: Iterable[int], on: datetime.date) -> dict[int, str]:
    """ "Đại úy, Phó Đội trưởng" per person, from the service record in force on `on` (none:
    absent). One query."""
    records = ServiceRecord.objects.filter(person_id__in=set(person_ids)).in_force(on)
    return {
        r.person_id: ", ".join(p for p in (r.rank, r.position) if p)
        for r in records.order_by("valid_from", "pk")
    }


def latest_year_sent_up(user: Any) -> int:
    """The year the titles' statistics open on: the latest (not past this year) of which the
    user sees a list sent up (submitted, recommended or decided), else last year — whose titles
    are decided at the start of this one."""
    this_year = timezone.localdate().year
    latest = (
        rating_lists_visible_to(user)
        .exclude(state=RatingListState.DRAFT)
        .filter(year__lte=this_year)
        .aggregate(latest=Max("year"))["latest"]
    )
    return latest or this_year - 1
