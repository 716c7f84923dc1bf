"""The checks the transitions run: `submit` and `recommend` call these and stop with a
ValidationError listing every reason, after taking the quota locks (`quota_locks_take`). The bulk
form (`eligibility_refusals`) answers for many nominations in a fixed number of queries; the
single ones are its batch of one. What a vote needs to carry is a read: `eligibility.votes`."""

from collections.abc import Iterable, Sequence
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from commendations.eligibility.conditions import Status
from commendations.eligibility.protocols import NominationLike
from commendations.eligibility.selectors import (
    EligibilityRow,
    eligibility_context,
    eligibility_reports,
    quota_group,
    quota_used_besides,
)
from commendations.units.models import Unit


def quota_locks_take(unit_ids: Iterable[int]) -> None:
    """The quota locks (the units' rows, FOR UPDATE) in primary-key order: two officers
    submitting at once cannot both take the last place. Every action that checks a quota takes
    them before the nominations' rows, so locks cross in one order only."""
    ordered = sorted(set(unit_ids))
    list(
        Unit.objects.select_for_update()
        .filter(pk__in=ordered)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


Stage = Literal["submission", "recommendation"]


def _quota_message(nomination: NominationLike, *, used: int, limit: int) -> str:
    return _(
        "Đơn vị “%(unit)s” đã dùng hết chỉ tiêu “%(award)s” của đợt này (%(used)s/%(limit)s)."
    ) % {
        "unit": nomination.unit.name,
        "award": nomination.award_type.short_name,
        "used": used,
        "limit": limit,
    }


def _condition_messages(rows: list[EligibilityRow], stage: Stage) -> list[str]:
    """Unmet conditions block both stages; an unknown one blocks the recommendation only, until
    a reviewer confirms it."""
    messages = []
    for row in rows:
        if row["status"] == Status.NOT_MET:
            messages.append(f"{row['label']}: {row['reason']}")
        elif (
            stage == "recommendation"
            and row["status"] == Status.UNKNOWN
            and not row["confirmed_by"]
        ):
            messages.append(
                _("%(label)s: chưa xác định (%(reason)s) — cần thành viên Hội đồng xác nhận.")
                % {"label": row["label"], "reason": row["reason"]}
            )
    return messages


def eligibility_refusals(
    nominations: Sequence[NominationLike], *, stage: Stage
) -> dict[int, list[str]]:
    """Why each nomination may not be submitted (`stage="submission"`) or recommended
    (`"recommendation"`) now: pk → the messages `enforce_at_submission` /
    `enforce_at_recommendation` raise, in their order (an empty list: it may go). A fixed number
    of queries (at most 16) whatever the number of nominations.

    The batch counts itself against the quotas: going through `nominations` in the order given,
    a row that is not refused takes its place, so the rows after it see the quota one fuller (as
    if the earlier ones had moved already). Pass only the rows that passed every other check, in
    the order they will move. The quota locks are taken here as in the single checks; the
    caller should hold them already (`quota_locks_take`, before the nominations' rows)."""
    nominations = list(nominations)
    context = eligibility_context(nominations)
    checked = [n for n in nominations if context.rule_sets[n.pk] is not None]
    refusals: dict[int, list[str]] = {n.pk: [] for n in nominations}
    if not checked:
        return refusals
    reports = eligibility_reports(checked, context=context)
    quota_locks_take(n.unit_id for n in checked)
    prefetch_related_objects(checked, "unit", "award_type")
    used = quota_used_besides(checked, stage=stage)
    quota_states = set(type(checked[0]).QUOTA_STATES[stage])
    for nomination in checked:
        if nomination.state in quota_states:  # already counted for the others (not for itself)
            used[quota_group(nomination)] += 1
    for nomination in checked:
        messages = _condition_messages(reports[nomination.pk], stage)
        group = quota_group(nomination)
        holds_place = nomination.state in quota_states
        used_by_others = used[group] - (1 if holds_place else 0)
        limit = context.rule_sets[nomination.pk].quota_limit(nomination.unit.headcount)
        if limit is not None and used_by_others >= limit:
            messages.append(_quota_message(nomination, used=used_by_others, limit=limit))
        if not messages and not holds_place:
            used[group] += 1  # it moves into the quota: the rows after it count it
        refusals[nomination.pk] = messages
    return refusals


def enforce_at_submission(nomination: NominationLike) -> None:
    """Unmet conditions and a full quota block submission; unknowns go on to the reviewer."""
    if errors := eligibility_refusals([nomination], stage="submission")[nomination.pk]:
        raise ValidationError(errors)


def enforce_at_recommendation(nomination: NominationLike) -> None:
    """The committee recommends only when every condition is met or explicitly confirmed."""
    if errors := eligibility_refusals([nomination], stage="recommendation")[nomination.pk]:
        raise ValidationError(errors)
