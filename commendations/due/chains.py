"""The chains of titles: who completes, with the year just ended, the consecutive years a rule
asks for. A person's titles follow them across transfers; a unit's include those of the units
whose work it inherited (`UnitLink.inherits`), named as they were."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _

from commendations.campaigns.models import NomineeKind
from commendations.due.models import ChainRule
from commendations.due.registry import DueEntry, DueQuery, Evidence, register_due_source
from commendations.units.models import (
    INITIATIVE_LEVEL_RANK,
    DisciplinaryRecord,
    HonourRecord,
    Initiative,
    InitiativeLevel,
    Unit,
    UnitLink,
)


def _heirs(links: Iterable[UnitLink]) -> dict[int, int]:
    """predecessor id → the unit that carries its work today (following heirs transitively)."""
    heir = {link.predecessor_id: link.successor_id for link in links}
    resolved: dict[int, int] = {}
    for start in heir:
        seen = {start}
        current = heir[start]
        while current in heir and current not in seen:
            seen.add(current)
            current = heir[current]
        resolved[start] = current
    return resolved


def _chain_reason(rule: ChainRule, years: list[int]) -> str:
    return _(
        "Đạt %(source)s %(count)s năm liên tục (%(years)s): đủ điều kiện đề nghị %(target)s "
        "(%(reference)s)."
    ) % {
        "source": rule.source.name,
        "count": rule.years,
        "years": ", ".join(str(y) for y in years),
        "target": rule.target.name,
        "reference": rule.legal_reference,
    }


@register_due_source("chains")
def chain_entries(query: DueQuery) -> list[DueEntry]:
    """One entry per (subject, rule) whose last `years` years up to the year before `query.year`
    all hold the rule's source title, and who has not had the target since the chain began.
    A fixed number of queries whatever the number of people and years."""
    rules = list(
        ChainRule.objects.filter(
            Q(valid_from__lte=query.on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=query.on))
        ).select_related("source", "target", "target__decided_by")
    )
    if not rules:
        return []
    first_year = query.year - max(rule.years for rule in rules)
    award_type_ids = {r.source_id for r in rules} | {r.target_id for r in rules}
    honours = HonourRecord.objects.filter(
        year__gte=first_year, year__lte=query.year, award_type_id__in=award_type_ids
    ).select_related("award_type")
    entries: list[DueEntry] = []

    individual_rules = [r for r in rules if r.subject_kind == NomineeKind.INDIVIDUAL]
    if individual_rules:
        people = honours.filter(person__isnull=False).select_related("person", "person__unit")
        if query.unit_ids is not None:
            people = people.filter(person__unit_id__in=query.unit_ids)
        by_person: dict[int, list[HonourRecord]] = defaultdict(list)
        for honour in people:
            by_person[honour.person_id].append(honour)
        initiatives: dict[int, list[Initiative]] = defaultdict(list)
        if any(r.initiative_level for r in individual_rules) and by_person:
            for initiative in Initiative.objects.filter(
                person_id__in=by_person, used_for__isnull=True, year__gte=first_year
            ).order_by("year", "pk"):
                initiatives[initiative.person_id].append(initiative)
        found: list[DueEntry] = []
        for records in by_person.values():
            for rule in individual_rules:
                entry = _entry(rule, records, query.year)
                if entry is None:
                    continue
                entry.person = records[0].person
                if rule.initiative_level:
                    _initiative_add(entry, rule, initiatives[entry.person.pk], query.year)
                found.append(entry)
        _exclusions_mark(found, query.year)
        entries.extend(found)

    collective_rules = [r for r in rules if r.subject_kind == NomineeKind.COLLECTIVE]
    if collective_rules:
        heirs = _heirs(UnitLink.objects.filter(inherits=True))
        units = honours.filter(unit__isnull=False).select_related("unit")
        if query.unit_ids is not None:
            predecessors = [p for p, h in heirs.items() if h in query.unit_ids]
            units = units.filter(Q(unit_id__in=query.unit_ids) | Q(unit_id__in=predecessors))
        by_unit: dict[int, list[HonourRecord]] = defaultdict(list)
        for honour in units:
            by_unit[heirs.get(honour.unit_id, honour.unit_id)].append(honour)
        today = {u.pk: u for u in Unit.objects.filter(pk__in=by_unit)}
        for unit_id, records in by_unit.items():
            unit = today[unit_id]
            if query.unit_ids is not None and unit_id not in query.unit_ids:
                continue
            for rule in collective_rules:
                entry = _entry(rule, records, query.year, holder=unit)
                if entry is not None:
                    entry.unit = unit
                    entries.append(entry)
    return entries


def _entry(
    rule: ChainRule, records: list[HonourRecord], year: int, holder: Unit | None = None
) -> DueEntry | None:
    years = list(range(year - rule.years, year))
    links = {r.year: r for r in records if r.award_type_id == rule.source_id}
    if any(y not in links for y in years):
        return None
    if any(r.award_type_id == rule.target_id and r.year >= years[0] for r in records):
        return None  # the chain has served (or the target is already held)
    evidence = []
    for y in years:
        link = links[y]
        name = link.award_type.name
        if holder is not None and link.unit_id != holder.pk:
            name = _("%(award)s (%(unit)s)") % {"award": name, "unit": link.unit.name}
        evidence.append(Evidence(year=y, award_type=name, decision=link.reference))
    return DueEntry(
        subject_kind=rule.subject_kind,
        award_type=rule.target,
        reason=_chain_reason(rule, years),
        evidence=evidence,
        source="chains",
    )


def _initiative_add(
    entry: DueEntry, rule: ChainRule, initiatives: list[Initiative], year: int
) -> None:
    wanted = INITIATIVE_LEVEL_RANK[rule.initiative_level]
    usable = [
        i
        for i in initiatives
        if INITIATIVE_LEVEL_RANK.get(i.level, 0) >= wanted and i.year >= year - rule.years
    ]
    level = InitiativeLevel(rule.initiative_level).label
    if not usable:
        entry.missing.append(_("sáng kiến được công nhận %(level)s") % {"level": level})
        entry.reason += " " + _("Còn thiếu: sáng kiến được công nhận %(level)s.") % {"level": level}
        return
    initiative = usable[0]
    entry.reason += " " + _("Sáng kiến “%(title)s” được công nhận %(level)s năm %(year)s.") % {
        "title": initiative.title,
        "level": InitiativeLevel(initiative.level).label,
        "year": initiative.year,
    }
    entry.evidence.append(
        Evidence(
            year=initiative.year,
            award_type=_("Sáng kiến: %(title)s") % {"title": initiative.title},
            decision=initiative.decision_number or initiative.recognised_by,
        )
    )


def _exclusions_mark(entries: list[DueEntry], year: int) -> None:
    """Mark the people under discipline, investigation or a complaint being handled at some
    time in `year` (the existing records): excluded from that year's rating, reason shown."""
    person_ids = {e.person.pk for e in entries if e.person is not None}
    if not person_ids:
        return
    records = DisciplinaryRecord.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1)),
        person_id__in=person_ids,
        started_on__lte=datetime.date(year, 12, 31),
    ).order_by("started_on", "pk")
    reasons: dict[int, str] = {}
    for record in records:
        reasons.setdefault(
            record.person_id,
            _("Không xét trong năm: %(kind)s từ ngày %(date)s.")
            % {"kind": record.get_kind_display(), "date": f"{record.started_on:%d/%m/%Y}"},
        )
    for entry in entries:
        if entry.person is not None and entry.person.pk in reasons:
            entry.excluded = reasons[entry.person.pk]
