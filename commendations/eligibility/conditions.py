"""Eligibility conditions: small named checks a rule set switches on by code.

Each check looks at a nomination and the nominee's history and answers met / not met / unknown
with a reason in Vietnamese. "Unknown" means the records do not let the system decide: a reviewer
must confirm it explicitly (services.eligibility.eligibility_confirm), and that is audited.

A check reads nothing from the database itself: `condition_data_load` reads what the checks of a
whole batch of nominations need in a fixed number of queries, and each check reads from that.
A new condition adds what it needs to `ConditionData` and its loader.
"""

import datetime
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commendations.eligibility.models import ConditionCode, NominationEvidence, NomineeLink
from commendations.eligibility.protocols import NominationLike
from commendations.units.models import (
    DisciplinaryRecord,
    HonourKind,
    HonourRecord,
    Initiative,
    Person,
)
from commendations.units.selectors import unit_family_ids


class Status:
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


STATUS_LABELS = {
    Status.MET: gettext_lazy("Đạt"),
    Status.NOT_MET: gettext_lazy("Không đạt"),
    Status.UNKNOWN: gettext_lazy("Chưa xác định"),
}


@dataclass(frozen=True)
class Outcome:
    status: str
    reason: str


@dataclass(frozen=True)
class Condition:
    code: str
    label: object  # a lazy translation
    check: Callable[[NominationLike, "ConditionData"], Outcome]
    applies: Callable[[NominationLike], bool] = lambda nomination: True


REGISTRY: dict[str, Condition] = {}


def register(
    code: "ConditionCode", *, applies: Callable[[NominationLike], bool] | None = None
) -> Callable:
    def decorator(
        func: Callable[[NominationLike, "ConditionData"], Outcome],
    ) -> Callable[[NominationLike, "ConditionData"], Outcome]:
        REGISTRY[code] = Condition(
            code=code, label=code.label, check=func, applies=applies or (lambda n: True)
        )
        return func

    return decorator


@dataclass(frozen=True)
class Holder:
    """A nomination of a campaign that holds its achievement (HOLDING_STATES): what
    `not_already_commended` compares a nomination with."""

    pk: int
    campaign_id: int
    unit_id: int
    nominee_unit_id: int | None
    person_id: int | None
    name_key: str  # the name as the database upper-cases it (what `iexact` compares)
    award_short_name: str


@dataclass
class ConditionData:
    """What the checks of a batch of nominations read: the nominee's person, the person's and the
    unit's records, the evidence and where else it is used, the other nominations of the
    campaigns. Keyed by primary key; everything a check did not need is left empty."""

    today: datetime.date
    persons: dict[int, Person] = field(default_factory=dict)  # nomination pk → linked person
    honours: dict[int, list[HonourRecord]] = field(default_factory=dict)  # person pk →
    # nomination pk → its initiatives' evidence rows, initiatives by (-year, title)
    evidence: dict[int, list[NominationEvidence]] = field(default_factory=dict)
    # initiative pk → its uses by nominations in HOLDING_STATES, by pk
    initiative_uses: dict[int, list[NominationEvidence]] = field(default_factory=dict)
    person_discipline: dict[int, list[DisciplinaryRecord]] = field(default_factory=dict)
    unit_discipline: dict[int, list[DisciplinaryRecord]] = field(default_factory=dict)
    unit_families: dict[int, set[int]] = field(default_factory=dict)  # unit → with predecessors
    # (campaign, "person"|"unit"|"name", key) → holders, newest first (Nomination's ordering)
    holders: dict[tuple, list[Holder]] = field(default_factory=dict)
    name_keys: dict[int, str] = field(default_factory=dict)  # nomination pk → its name's key

    def initiatives_of(self, nomination: NominationLike, person: Person) -> list[Initiative]:
        return [
            e.initiative
            for e in self.evidence.get(nomination.pk, [])
            if e.initiative.person_id == person.pk
        ]


def condition_data_load(
    nominations: Sequence[NominationLike], codes: Collection[str]
) -> ConditionData:
    """Everything the checks `codes` read for `nominations`, in at most eight queries whatever
    their number. The nominations' `campaign` must be loaded (or it is read per row)."""
    data = ConditionData(today=timezone.localdate())
    if not nominations or not codes:
        return data
    model = type(nominations[0])
    pks = [n.pk for n in nominations]
    individuals = [n.pk for n in nominations if n.is_individual]
    if individuals:
        data.persons = {
            link.nomination_id: link.person
            for link in NomineeLink.objects.filter(nomination_id__in=individuals).select_related(
                "person"
            )
        }
    person_ids = {p.pk for p in data.persons.values()}

    if ConditionCode.INDIVIDUAL_MINISTRY_RECORD in codes and person_ids:
        for honour in HonourRecord.objects.filter(person_id__in=person_ids).select_related(
            "award_type"
        ):
            data.honours.setdefault(honour.person_id, []).append(honour)

    if {ConditionCode.INDIVIDUAL_MINISTRY_RECORD, ConditionCode.NOT_ALREADY_COMMENDED} & set(codes):
        _evidence_load(data, pks, model.HOLDING_STATES)

    if ConditionCode.NO_PENDING_DISCIPLINE in codes:
        _discipline_load(data, nominations, person_ids)

    if ConditionCode.NOT_ALREADY_COMMENDED in codes:
        _holders_load(data, nominations, model)
    return data


def _evidence_load(data: ConditionData, pks: list[int], holding_states: Sequence[str]) -> None:
    rows = (
        NominationEvidence.objects.filter(nomination_id__in=pks, initiative__isnull=False)
        .select_related("initiative__used_for__award_type")
        .order_by("-initiative__year", "initiative__title", "pk")  # Initiative's own ordering
    )
    for evidence in rows:
        data.evidence.setdefault(evidence.nomination_id, []).append(evidence)
    unused = {
        e.initiative_id
        for rows in data.evidence.values()
        for e in rows
        if not e.initiative.used_for_id
    }
    if unused:
        uses = (
            NominationEvidence.objects.filter(
                initiative_id__in=unused, nomination__state__in=holding_states
            )
            .select_related("nomination__award_type", "nomination__campaign")
            .order_by("pk")
        )
        for use in uses:
            data.initiative_uses.setdefault(use.initiative_id, []).append(use)


def _discipline_load(
    data: ConditionData, nominations: Sequence[NominationLike], person_ids: set[int]
) -> None:
    units = {n.nominee_unit_id for n in nominations if not n.is_individual and n.nominee_unit_id}
    if units:
        # A unit answers for its predecessors' pending matters too (history follows lineage).
        data.unit_families = unit_family_ids(units)
    family = set().union(*data.unit_families.values())
    if not person_ids and not family:
        return
    records = DisciplinaryRecord.objects.filter(
        Q(person_id__in=person_ids) | Q(unit_id__in=family)
    ).order_by("-started_on", "pk")
    for record in records:
        if record.person_id:
            data.person_discipline.setdefault(record.person_id, []).append(record)
        else:
            data.unit_discipline.setdefault(record.unit_id, []).append(record)


def _holders_load(data: ConditionData, nominations: Sequence[NominationLike], model: type) -> None:
    by_name = [
        n
        for n in nominations
        if not (n.is_individual and n.pk in data.persons) and not n.nominee_unit_id
    ]
    if by_name:
        # The database upper-cases the names, as `nominee_name__iexact` would compare them (ASCII
        # only on SQLite, by locale on PostgreSQL): one CASE over the rows, of the names as they
        # are in memory.
        key = Upper(
            Case(
                *(When(pk=n.pk, then=Value(n.nominee_name.strip())) for n in by_name),
                output_field=CharField(),
            )
        )
        data.name_keys = dict(
            model.objects.filter(pk__in=[n.pk for n in by_name]).order_by().values_list("pk", key)
        )
    persons = {p.pk for p in data.persons.values()}
    nominee_units = {n.nominee_unit_id for n in nominations if n.nominee_unit_id}
    name_units = {n.unit_id for n in by_name}
    rows = (
        model.objects.filter(
            campaign_id__in={n.campaign_id for n in nominations},
            state__in=model.HOLDING_STATES,
        )
        .filter(
            Q(nominee_link__person_id__in=persons)
            | Q(nominee_unit_id__in=nominee_units)
            | Q(unit_id__in=name_units)
        )
        .values_list(  # in Nomination's ordering (newest first), as `.first()` took them
            "pk",
            "campaign_id",
            "unit_id",
            "nominee_unit_id",
            "nominee_link__person_id",
            Upper("nominee_name"),
            "award_type__short_name",
        )
    )
    for row in rows:
        holder = Holder(*row)
        keys = [("name", holder.unit_id, holder.name_key)]
        if holder.person_id:
            keys.append(("person", holder.person_id))
        if holder.nominee_unit_id:
            keys.append(("unit", holder.nominee_unit_id))
        for key in keys:
            data.holders.setdefault((holder.campaign_id, *key), []).append(holder)


def _is_individual(nomination: NominationLike) -> bool:
    return nomination.is_individual


def _consecutive_pair(years: set[int], last_year: int) -> tuple[int, int] | None:
    """Two consecutive years, the later one being the campaign's year or the year before."""
    for later in (last_year, last_year - 1):
        if later in years and later - 1 in years:
            return later - 1, later
    return None


def _initiative_used_elsewhere(
    initiative: Initiative, nomination: NominationLike, data: ConditionData
) -> str | None:
    if initiative.used_for_id:
        return _("sáng kiến “%(title)s” đã dùng để xét %(honour)s") % {
            "title": initiative.title,
            "honour": initiative.used_for,
        }
    other = next(
        (
            use
            for use in data.initiative_uses.get(initiative.pk, [])
            if use.nomination_id != nomination.pk
        ),
        None,
    )
    if other:
        return _("sáng kiến “%(title)s” đã dùng cho hồ sơ “%(other)s” (%(campaign)s)") % {
            "title": initiative.title,
            "other": other.nomination,
            "campaign": other.nomination.campaign,
        }
    return None


@register(
    ConditionCode.INDIVIDUAL_MINISTRY_RECORD,
    applies=_is_individual,
)
def individual_ministry_record(nomination: NominationLike, data: ConditionData) -> Outcome:
    person = data.persons.get(nomination.pk)
    if person is None:
        return Outcome(
            Status.UNKNOWN, _("Hồ sơ chưa gắn với cá nhân trong dữ liệu lịch sử thi đua.")
        )
    honours = data.honours.get(person.pk, [])
    if not honours:
        return Outcome(
            Status.UNKNOWN,
            _("Chưa có dữ liệu danh hiệu các năm trước của %(name)s.") % {"name": person},
        )
    year = nomination.campaign.year
    by_kind: dict[str, set[int]] = {}
    for honour in honours:
        by_kind.setdefault(honour.kind, set()).add(honour.year)
    pair = _consecutive_pair(by_kind.get(HonourKind.GRASSROOTS_EMULATION, set()), year)
    if pair:
        return Outcome(
            Status.MET,
            _("Chiến sĩ thi đua cơ sở năm %(first)s và %(second)s.")
            % {"first": pair[0], "second": pair[1]},
        )
    excellent = by_kind.get(HonourKind.EXCELLENT_DUTY, set()) | by_kind.get(
        HonourKind.GRASSROOTS_EMULATION, set()
    )
    pair = _consecutive_pair(excellent, year)
    if not pair:
        return Outcome(
            Status.NOT_MET,
            _(
                "Không có 2 năm liên tục (đến năm %(year)s) đạt Chiến sĩ thi đua cơ sở hoặc "
                "Hoàn thành xuất sắc nhiệm vụ."
            )
            % {"year": year},
        )
    usable, refused = [], []
    for initiative in data.initiatives_of(nomination, person):
        problem = _initiative_used_elsewhere(initiative, nomination, data)
        (refused if problem else usable).append(problem or initiative)
    if len(usable) >= 2:
        return Outcome(
            Status.MET,
            _("Hoàn thành xuất sắc nhiệm vụ năm %(first)s và %(second)s, %(count)s sáng kiến.")
            % {"first": pair[0], "second": pair[1], "count": len(usable)},
        )
    reason = _(
        "Hoàn thành xuất sắc nhiệm vụ năm %(first)s và %(second)s nhưng chỉ có %(count)s sáng "
        "kiến được công nhận chưa sử dụng (cần 2)."
    ) % {"first": pair[0], "second": pair[1], "count": len(usable)}
    if refused:
        reason += " " + _("Không tính: %(items)s.") % {"items": "; ".join(refused)}
    return Outcome(Status.NOT_MET, reason)


@register(ConditionCode.NO_PENDING_DISCIPLINE)
def no_pending_discipline(nomination: NominationLike, data: ConditionData) -> Outcome:
    if nomination.is_individual:
        subject = data.persons.get(nomination.pk)
        if subject is None:
            return Outcome(
                Status.UNKNOWN, _("Hồ sơ chưa gắn với cá nhân trong dữ liệu lịch sử thi đua.")
            )
        records = data.person_discipline.get(subject.pk, [])
    else:
        if not nomination.nominee_unit_id:
            return Outcome(
                Status.UNKNOWN,
                _("Tập thể “%(name)s” không có trong danh mục đơn vị: cần xác nhận thủ công.")
                % {"name": nomination.nominee_name},
            )
        family = data.unit_families.get(nomination.nominee_unit_id, {nomination.nominee_unit_id})
        records = sorted(
            (r for unit_id in family for r in data.unit_discipline.get(unit_id, [])),
            key=lambda r: (-r.started_on.toordinal(), r.pk),
        )
    active = [r for r in records if r.is_active(data.today)]
    if active:
        return Outcome(
            Status.NOT_MET,
            _("%(subject)s: %(items)s.")
            % {
                "subject": nomination.nominee_name,
                "items": "; ".join(
                    f"{r.get_kind_display()} từ {r.started_on:%d/%m/%Y}"
                    + (f" ({r.note})" if r.note else "")
                    for r in active
                ),
            },
        )
    return Outcome(Status.MET, _("Không có kỷ luật, điều tra hay khiếu nại đang giải quyết."))


@register(ConditionCode.NOT_ALREADY_COMMENDED)
def not_already_commended(nomination: NominationLike, data: ConditionData) -> Outcome:
    person = data.persons.get(nomination.pk) if nomination.is_individual else None
    if person is not None:
        key = ("person", person.pk)
    elif nomination.nominee_unit_id:
        key = ("unit", nomination.nominee_unit_id)
    else:
        key = ("name", nomination.unit_id, data.name_keys[nomination.pk])
    duplicate = next(
        (
            holder
            for holder in data.holders.get((nomination.campaign_id, *key), [])
            if holder.pk != nomination.pk
        ),
        None,
    )
    if duplicate:
        return Outcome(
            Status.NOT_MET,
            _("Thành tích trong đợt này đã được đề nghị “%(award)s” (hồ sơ số %(pk)s).")
            % {"award": duplicate.award_short_name, "pk": duplicate.pk},
        )
    problems = [
        problem
        for evidence in sorted(data.evidence.get(nomination.pk, []), key=lambda e: e.pk)
        if (problem := _initiative_used_elsewhere(evidence.initiative, nomination, data))
    ]
    if problems:
        return Outcome(
            Status.NOT_MET, _("Trùng minh chứng: %(items)s.") % {"items": "; ".join(problems)}
        )
    return Outcome(Status.MET, _("Thành tích và sáng kiến chưa được dùng để khen thưởng."))
