"""Prize money (tiền thưởng): coefficient × mức lương cơ sở in force on the decision date, a
collective a multiple of the individual's, rounded up as the decree in force says. Reads dated
data only (BaseSalary, PrizeRule); nothing here writes."""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from commendations.campaigns.models import NomineeKind
from commendations.decisions.models import BaseSalary, PrizeRule


@dataclass(frozen=True)
class PrizeRate:
    """The amounts of one award on one date, and where they come from."""

    individual: int
    collective: int
    base_salary: int
    coefficient: Decimal
    source: str
    # False when the coefficient was not checked against the text (`PrizeRule.verified`): the
    # decision's page says so before it is issued; the document prints the source alone.
    verified: bool = True

    def amount(self, nominee_kind: str) -> int:
        return self.collective if nominee_kind == NomineeKind.COLLECTIVE else self.individual


def base_salary_on(on: datetime.date) -> BaseSalary | None:
    return BaseSalary.objects.in_force(on).first()


def prize_rule_on(
    *,
    authority: str,
    on: datetime.date,
    award_type_id: int | None = None,
    own_rule_only: bool = False,
) -> PrizeRule | None:
    """The rule for this award type if one exists, else the authority's (unless
    `own_rule_only`: an emulation title's money is its own, never the Giấy khen's coefficient
    of the authority that recognises it)."""
    own = Q(award_type_id=award_type_id)
    rules = (
        PrizeRule.objects.filter(authority=authority)
        .in_force(on)
        .filter(own if own_rule_only else Q(award_type__isnull=True) | own)
    )
    ordered = sorted(rules, key=lambda r: (r.award_type_id is None, -r.valid_from.toordinal()))
    return ordered[0] if ordered else None


def round_up(amount: Decimal, unit: int) -> int:
    if unit <= 0:
        return int(amount.to_integral_value())
    return math.ceil(Decimal(amount) / unit) * unit


def prize_rate(
    *,
    authority: str,
    on: datetime.date,
    award_type_id: int | None = None,
    own_rule_only: bool = False,
) -> PrizeRate | None:
    """None when no rule or no base salary is in force that day (the decision then prints no
    amount rather than a wrong one)."""
    rule = prize_rule_on(
        authority=authority, on=on, award_type_id=award_type_id, own_rule_only=own_rule_only
    )
    salary = base_salary_on(on)
    if rule is None or salary is None:
        return None
    unrounded = rule.coefficient * salary.amount
    individual = round_up(unrounded, rule.rounding_unit)
    collective = round_up(rule.collective_multiplier * unrounded, rule.rounding_unit)
    return PrizeRate(
        individual=individual,
        collective=collective,
        base_salary=salary.amount,
        coefficient=rule.coefficient,
        source=rule.source,
        verified=rule.verified,
    )


def prize_total(rate: PrizeRate | None, kinds: Iterable[str]) -> int:
    return sum(rate.amount(kind) for kind in kinds) if rate else 0


def money(amount: int) -> str:
    """ "1.490.000" (Vietnamese digit grouping)."""
    return f"{amount:,}".replace(",", ".")


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ"]


def _three(n: int, *, full: bool) -> str:
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """ "Bốn trăm bốn mươi bảy nghìn đồng" for 447000 (the "Bằng chữ" of a decision)."""
    if amount == 0:
        return "Không đồng"
    groups: list[int] = []
    while amount:
        groups.append(amount % 1000)
        amount //= 1000
    parts: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        value = groups[index]
        if value == 0:
            continue
        text = _three(value, full=index != len(groups) - 1)
        parts.append(f"{text} {_GROUPS[index % 4] if index < 4 else 'nghìn tỷ'}".strip())
    words = " ".join(parts)
    return f"{words[:1].upper()}{words[1:]} đồng"
