"""Reads the UI and the API call: the rule set in force, the eligibility report, quota usage.

The reports of many nominations are read at once (`eligibility_reports`: a fixed number of
queries whatever their number); the report of one is the batch of one."""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count, prefetch_related_objects
from django.utils.translation import gettext as _

from commendations.access.permissions import can_review
from commendations.campaigns.models import AwardType, Campaign
from commendations.eligibility.conditions import (
    REGISTRY,
    STATUS_LABELS,
    ConditionData,
    Outcome,
    Status,
    condition_data_load,
)
from commendations.eligibility.models import AttachmentKind, EligibilityConfirmation, RuleSet
from commendations.eligibility.protocols import NominationLike
from commendations.units.models import Unit

DOSSIER_CODE = "dossier_complete"


class EligibilityRow(TypedDict):
    code: str
    label: str
    status: str
    status_label: str
    reason: str
    confirmed_by: str
    confirmation_reason: str


class QuotaUsage(TypedDict):
    used: int
    available: int | None
    limit: int | None


def rule_set_for(award_type: "AwardType", campaign: "Campaign") -> "RuleSet | None":
    """The rule set in force when the campaign opened: a rule changed mid-campaign does not
    change the rules of a campaign already running."""
    return (
        RuleSet.objects.filter(award_type=award_type.pk)
        .in_force(campaign.opens_on)
        .order_by("-valid_from")
        .first()
    )


def simplified_rule_set(nomination: NominationLike) -> "RuleSet | None":
    """The rule set that says which steps of the simplified procedure apply: the one in force
    on the feat's date when there is one, else the campaign's."""
    feat_date = getattr(nomination, "feat_date", None)
    if feat_date is None:
        return nomination_rule_set(nomination)
    return (
        RuleSet.objects.filter(award_type=nomination.award_type)
        .in_force(feat_date)
        .order_by("-valid_from")
        .first()
    )


def nomination_rule_set(nomination: NominationLike) -> "RuleSet | None":
    return rule_set_for(nomination.award_type, nomination.campaign)


def _in_force_on(rule_sets: Sequence[RuleSet], on: datetime.date) -> RuleSet | None:
    """`RuleSet.objects.in_force` in memory, over one award type's rule sets (the one meaning of
    `Versioned.is_in_force`); the latest started wins. A test compares the two at the
    boundaries."""
    in_force = [r for r in rule_sets if r.is_in_force(on)]
    return max(in_force, key=lambda r: r.valid_from, default=None)


def rule_sets_in_force(nominations: Sequence[NominationLike]) -> dict[int, RuleSet | None]:
    """Each nomination's rule set (as `nomination_rule_set`), by pk: two queries at most (the
    campaigns not loaded yet, every rule set of the award types)."""
    if not nominations:
        return {}
    prefetch_related_objects(list(nominations), "campaign")
    by_award: dict[int, list[RuleSet]] = {}
    for rule_set in RuleSet.objects.filter(
        award_type_id__in={n.award_type_id for n in nominations}
    ):
        by_award.setdefault(rule_set.award_type_id, []).append(rule_set)
    return {
        n.pk: _in_force_on(by_award.get(n.award_type_id, []), n.campaign.opens_on)
        for n in nominations
    }


@dataclass
class EligibilityContext:
    """What the reports of a batch of nominations read, loaded at once; by nomination pk."""

    rule_sets: dict[int, RuleSet | None]
    confirmations: dict[int, dict[str, EligibilityConfirmation]]
    attachment_kinds: dict[int, set[str]]
    conditions: ConditionData


def _applicable_codes(nomination: NominationLike, rule_set: RuleSet) -> list[str]:
    return [
        code
        for code in rule_set.conditions
        if code in REGISTRY and REGISTRY[code].applies(nomination)
    ]


def eligibility_context(nominations: Sequence[NominationLike]) -> EligibilityContext:
    """Everything `eligibility_reports` reads for `nominations`, in a fixed number of queries
    (at most 12) whatever their number."""
    nominations = list(nominations)
    rule_sets = rule_sets_in_force(nominations)
    checked = [n for n in nominations if rule_sets.get(n.pk) is not None]
    context = EligibilityContext(
        rule_sets=rule_sets,
        confirmations={},
        attachment_kinds={},
        conditions=condition_data_load([], ()),
    )
    if not checked:
        return context
    for confirmation in EligibilityConfirmation.objects.filter(
        nomination_id__in=[n.pk for n in checked]
    ).select_related("confirmed_by"):
        context.confirmations.setdefault(confirmation.nomination_id, {})[confirmation.code] = (
            confirmation
        )
    with_documents = [n.pk for n in checked if rule_sets[n.pk].required_documents]
    if with_documents:
        attachments = type(checked[0])._meta.get_field("attachments").related_model
        for nomination_id, kind in attachments.objects.filter(
            nomination_id__in=with_documents
        ).values_list("nomination_id", "kind"):
            context.attachment_kinds.setdefault(nomination_id, set()).add(kind)
    codes = {code for n in checked for code in _applicable_codes(n, rule_sets[n.pk])}
    context.conditions = condition_data_load(checked, codes)
    return context


# What the simplified procedure (Luật 06/2022/QH15 Điều 85; Nghị định 98/2023 Điều 40) leaves out of
# the dossier of an award with state-secret content: the Tờ trình and a short summary suffice.
NOT_REQUIRED_WHEN_SECRET = (AttachmentKind.ACHIEVEMENT_REPORT, AttachmentKind.MEETING_MINUTES)


def required_documents(rule_set: RuleSet, nomination: NominationLike) -> list[str]:
    """The rule set's required documents for this nomination: a secret dossier, or a sudden feat
    under the simplified procedure, needs no achievement report and no council minutes."""
    kinds = list(rule_set.required_documents or [])
    if nomination.contains_state_secrets or nomination.simplified_procedure:
        kinds = [k for k in kinds if k not in NOT_REQUIRED_WHEN_SECRET]
    return kinds


def _dossier_outcome(kinds: list[str], present: set[str]) -> Outcome:
    missing = [AttachmentKind(k).label for k in kinds if k not in present]
    if missing:
        return Outcome(
            Status.NOT_MET, _("Còn thiếu: %(docs)s.") % {"docs": ", ".join(map(str, missing))}
        )
    return Outcome(Status.MET, _("Đủ tài liệu theo quy định."))


def _report(
    nomination: NominationLike, rule_set: RuleSet, context: EligibilityContext
) -> list[EligibilityRow]:
    confirmations = context.confirmations.get(nomination.pk, {})
    rows: list[EligibilityRow] = []

    def add(code: str, label: str, outcome: Outcome) -> None:
        confirmation = confirmations.get(code) if outcome.status == Status.UNKNOWN else None
        rows.append(
            EligibilityRow(
                code=code,
                label=label,
                status=outcome.status,
                status_label=str(STATUS_LABELS[outcome.status]),
                reason=outcome.reason,
                confirmed_by=(
                    confirmation.confirmed_by.get_full_name() or confirmation.confirmed_by.username
                )
                if confirmation
                else "",
                confirmation_reason=confirmation.reason if confirmation else "",
            )
        )

    kinds = required_documents(rule_set, nomination)
    if kinds:
        present = context.attachment_kinds.get(nomination.pk, set())
        add(DOSSIER_CODE, _("Hồ sơ đủ tài liệu bắt buộc"), _dossier_outcome(kinds, present))
    for code in _applicable_codes(nomination, rule_set):
        condition = REGISTRY[code]
        add(code, str(condition.label), condition.check(nomination, context.conditions))
    return rows


def eligibility_reports(
    nominations: Sequence[NominationLike], *, context: EligibilityContext | None = None
) -> dict[int, list[EligibilityRow]]:
    """Each nomination's report (pk → rows, as `eligibility_report`), read in a fixed number of
    queries whatever their number; `context`, when the caller has loaded it already."""
    nominations = list(nominations)
    if context is None:
        context = eligibility_context(nominations)
    reports: dict[int, list[EligibilityRow]] = {}
    for nomination in nominations:
        rule_set = context.rule_sets.get(nomination.pk)
        reports[nomination.pk] = [] if rule_set is None else _report(nomination, rule_set, context)
    return reports


def eligibility_report(nomination: NominationLike) -> list[EligibilityRow]:
    """Every condition the rule set in force switches on, with its status and reason.
    An "unknown" a reviewer has confirmed carries who confirmed it and why."""
    return eligibility_reports([nomination])[nomination.pk]


def quota_usage(
    unit: "Unit",
    campaign: "Campaign",
    award_type: "AwardType",
    *,
    stage: str = "submission",
    exclude_pk: int | None = None,
) -> QuotaUsage:
    """How much of a unit's quota for one award in one campaign is taken. `limit` and
    `available` are None when the rule set sets no quota."""
    nominations = campaign.nominations
    used_qs = nominations.filter(
        unit=unit, award_type=award_type, state__in=nominations.model.QUOTA_STATES[stage]
    )
    if exclude_pk is not None:
        used_qs = used_qs.exclude(pk=exclude_pk)
    used = used_qs.count()
    rule_set = rule_set_for(award_type, campaign)
    limit = rule_set.quota_limit(unit.headcount) if rule_set else None
    return QuotaUsage(
        used=used, limit=limit, available=None if limit is None else max(limit - used, 0)
    )


QuotaGroup = tuple[int, int, int]  # (unit, campaign, award type)


def quota_group(nomination: NominationLike) -> QuotaGroup:
    return nomination.unit_id, nomination.campaign_id, nomination.award_type_id


def quota_used_besides(nominations: Sequence[NominationLike], *, stage: str) -> Counter:
    """For the quota groups of `nominations`: how many other nominations (`nominations` left
    out) use each at `stage`, as `quota_usage` counts them. One query."""
    if not nominations:
        return Counter()
    model = type(nominations[0])
    rows = (
        model.objects.filter(
            unit_id__in={n.unit_id for n in nominations},
            campaign_id__in={n.campaign_id for n in nominations},
            award_type_id__in={n.award_type_id for n in nominations},
            state__in=model.QUOTA_STATES[stage],
        )
        .exclude(pk__in=[n.pk for n in nominations])
        .order_by()
        .values_list("unit_id", "campaign_id", "award_type_id")
        .annotate(used=Count("pk"))
    )
    return Counter({(unit, campaign, award): used for unit, campaign, award, used in rows})


def nomination_rules_context(nomination: NominationLike, user: object = None) -> dict:
    """Everything the eligibility partial needs (rules/eligibility_report.html); with `user`,
    whether they may confirm unknown conditions here."""
    return {
        "can_confirm": user is not None
        and nomination.is_under_review
        and can_review(nomination, user),
        "rule_set": nomination_rule_set(nomination),
        "rows": eligibility_report(nomination),
        "quota": quota_usage(nomination.unit, nomination.campaign, nomination.award_type),
    }
