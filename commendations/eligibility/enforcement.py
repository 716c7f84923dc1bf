"""The checks the transitions run: `submit` and `recommend` call these and stop with a
ValidationError listing every reason."""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commendations.eligibility.conditions import Status
from commendations.eligibility.selectors import eligibility_report, nomination_rule_set, quota_usage
from commendations.units.models import Unit

if TYPE_CHECKING:
    from commendations.nominations.models import Nomination


# The transitions whose guard checks a unit's quota: they take its lock before the rows.
QUOTA_TRANSITIONS = frozenset({"submit", "recommend"})


def quota_locks_take(unit_ids: Iterable[int]) -> None:
    """The quota locks (the units' rows, FOR UPDATE) in primary-key order: two officers
    submitting at once cannot both take the last place. Every writer takes them before the
    nominations' rows (Nomination.workflow_locks_first), so locks cross in one order only."""
    ordered = sorted(set(unit_ids))
    list(
        Unit.objects.select_for_update()
        .filter(pk__in=ordered)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _quota_error(nomination: "Nomination", stage: str) -> str | None:
    quota_locks_take([nomination.unit_id])  # already held when called through the workflow
    usage = quota_usage(
        nomination.unit,
        nomination.campaign,
        nomination.award_type,
        stage=stage,
        exclude_pk=nomination.pk,
    )
    if usage["limit"] is None or usage["used"] < usage["limit"]:
        return None
    return _(
        "Đơn vị “%(unit)s” đã dùng hết chỉ tiêu “%(award)s” của đợt này (%(used)s/%(limit)s)."
    ) % {
        "unit": nomination.unit.name,
        "award": nomination.award_type.short_name,
        "used": usage["used"],
        "limit": usage["limit"],
    }


def nominations_locks_first(nominations: Sequence["Nomination"], transition: str) -> None:
    """The locks a quota-checking transition needs besides the rows, before them."""
    if transition in QUOTA_TRANSITIONS:
        quota_locks_take(n.unit_id for n in nominations)


def enforce_at_submission(nomination: "Nomination") -> None:
    """Unmet conditions and a full quota block submission; unknowns go on to the reviewer."""
    if nomination_rule_set(nomination) is None:
        return
    errors = [
        f"{row['label']}: {row['reason']}"
        for row in eligibility_report(nomination)
        if row["status"] == Status.NOT_MET
    ]
    if quota := _quota_error(nomination, "submission"):
        errors.append(quota)
    if errors:
        raise ValidationError(errors)


def enforce_at_recommendation(nomination: "Nomination") -> None:
    """The committee recommends only when every condition is met or explicitly confirmed."""
    if nomination_rule_set(nomination) is None:
        return
    errors = []
    for row in eligibility_report(nomination):
        if row["status"] == Status.NOT_MET:
            errors.append(f"{row['label']}: {row['reason']}")
        elif row["status"] == Status.UNKNOWN and not row["confirmed_by"]:
            errors.append(
                _("%(label)s: chưa xác định (%(reason)s) — cần thành viên Hội đồng xác nhận.")
                % {"label": row["label"], "reason": row["reason"]}
            )
    if quota := _quota_error(nomination, "recommendation"):
        errors.append(quota)
    if errors:
        raise ValidationError(errors)


def vote_rules(nomination: "Nomination") -> tuple[object, int]:
    """(share of votes needed, quorum): the rule set's, else the award type's share, no quorum."""
    rule_set = nomination_rule_set(nomination)
    if rule_set is None:
        return nomination.award_type.vote_share_required, 0
    return rule_set.vote_share_required, rule_set.quorum


class VoteOutcome(TypedDict):
    present: int
    quorum: int
    share_percent: str  # "50" for a share of 0.5: more than this per cent must vote for
    quorum_met: bool
    share_met: bool
    passed: bool


def vote_outcome(
    *, votes_for: int, votes_against: int, votes_abstain: int, share: object, quorum: int
) -> VoteOutcome:
    """Whether a tally carries: at least `quorum` members voting and more than `share` of them
    for. The `recommend` transition refuses a tally that does not; the session page shows it."""
    present = votes_for + votes_against + votes_abstain
    quorum_met = present > 0 and present >= quorum
    share_met = present > 0 and votes_for > Decimal(str(share)) * present
    return VoteOutcome(
        present=present,
        quorum=quorum,
        share_percent=f"{float(share) * 100:g}",
        quorum_met=quorum_met,
        share_met=share_met,
        passed=quorum_met and share_met,
    )
