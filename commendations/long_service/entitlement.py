"""Who is due which long-service award, from plain values (no query): the rules in force, one
person's periods by basis, the honours they hold and a pending case. The selector gathers these in
a fixed number of queries; this module decides, so that its edges are tested without a database."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from commendations.long_service.years import Period, ServiceCount, service_count

# How the reason names each award (the office's short forms).
SHORT_NAMES = {
    "hccsvv3": "Huy chương CSVV hạng Ba",
    "hccsvv2": "Huy chương CSVV hạng Nhì",
    "hccsvv1": "Huy chương CSVV hạng Nhất",
    "hcvantq": "Huy chương Vì an ninh Tổ quốc",
    "kncbvantq": "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”",
}


@dataclass(frozen=True)
class Rule:
    """A threshold row as plain values."""

    award: str
    basis: str
    sex: str
    years: int
    doubles: bool
    family: str
    excluded_by: frozenset[str]
    authority: str
    source: str
    verified: bool


@dataclass(frozen=True)
class PersonFacts:
    sex: str
    periods: dict[str, list[Period]]  # by basis
    held: frozenset[str]
    pending_case: str = ""  # what blocks any award today, in words ("" none)


@dataclass(frozen=True)
class Entitlement:
    award: str
    basis: str
    years: int
    count: ServiceCount
    authority: str
    source: str
    verified: bool
    blocked: str = ""
    held_lower: tuple[str, ...] = field(default=())

    @property
    def reason(self) -> str:
        """ "phục vụ 15 năm 3 tháng (01/09/2010 – 30/11/2025), chưa có Huy chương CSVV hạng Nhì"."""
        text = _("%(count)s, chưa có %(award)s") % {
            "count": self.count.words(),
            "award": SHORT_NAMES.get(self.award, self.award),
        }
        if self.blocked:
            text = _("%(text)s; chưa xét: %(case)s") % {"text": text, "case": self.blocked}
        return text


def rules_for_sex(rules: Iterable[Rule], sex: str) -> list[Rule]:
    """The rules that apply to a person of `sex`: the general ones and those of that sex; when
    the sex is not recorded, of sex-specific rows the strictest (most years) only."""
    chosen: dict[tuple[str, str], Rule] = {}
    for rule in rules:
        if rule.sex and sex and rule.sex != sex:
            continue
        key = (rule.award, rule.basis)
        current = chosen.get(key)
        stricter = not sex and current is not None and rule.years > current.years
        if current is None or stricter or (sex and rule.sex == sex):
            chosen[key] = rule
    return list(chosen.values())


def entitlements(
    facts: PersonFacts, rules: Iterable[Rule], *, as_of: datetime.date
) -> list[Entitlement]:
    """The awards `facts` has reached by `as_of` and does not hold (nor anything that bars them),
    one per award (the basis that gives the most service) and, in a family of classes, the
    highest reached only. A pending case does not hide an entry: it marks it blocked."""
    reached: dict[str, Entitlement] = {}
    for rule in rules_for_sex(rules, facts.sex):
        if rule.award in facts.held or rule.excluded_by & facts.held:
            continue
        periods = facts.periods.get(rule.basis, [])
        if not periods:
            continue
        count = service_count(
            periods, as_of=as_of, doubles=rule.doubles, threshold_years=rule.years
        )
        if count.length.months < 12 * rule.years:
            continue
        entry = Entitlement(
            award=rule.award,
            basis=rule.basis,
            years=rule.years,
            count=count,
            authority=rule.authority,
            source=rule.source,
            verified=rule.verified,
            blocked=facts.pending_case,
        )
        other = reached.get(rule.award)
        if other is None or entry.count.length > other.count.length:
            reached[rule.award] = entry
    best_of_family: dict[str, Entitlement] = {}
    families = {rule.award: rule.family for rule in rules}
    result = []
    for entry in reached.values():
        family = families.get(entry.award, "")
        if not family:
            result.append(entry)
            continue
        other = best_of_family.get(family)
        if other is None or entry.years > other.years:
            best_of_family[family] = entry
    result.extend(best_of_family.values())
    return sorted(result, key=lambda e: (e.award, e.basis))
