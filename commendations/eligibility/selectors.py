"""Reads the UI and the API call: the rule set in force, the eligibility report, quota usage."""

from typing import TYPE_CHECKING, TypedDict

from django.utils.translation import gettext as _

from commendations.access.permissions import can_review
from commendations.eligibility.conditions import REGISTRY, STATUS_LABELS, Outcome, Status
from commendations.eligibility.models import AttachmentKind, EligibilityConfirmation, RuleSet

if TYPE_CHECKING:
    from commendations.campaigns.models import AwardType, Campaign
    from commendations.eligibility.models import RuleSet
    from commendations.nominations.models import Nomination
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


def nomination_rule_set(nomination: "Nomination") -> "RuleSet | None":
    return rule_set_for(nomination.award_type, nomination.campaign)


def _dossier_outcome(nomination: "Nomination", rule_set: "RuleSet") -> Outcome:
    present = set(nomination.attachments.values_list("kind", flat=True))
    missing = [AttachmentKind(k).label for k in rule_set.required_documents if k not in present]
    if missing:
        return Outcome(
            Status.NOT_MET, _("Còn thiếu: %(docs)s.") % {"docs": ", ".join(map(str, missing))}
        )
    return Outcome(Status.MET, _("Đủ tài liệu theo quy định."))


def eligibility_report(nomination: "Nomination") -> list[EligibilityRow]:
    """Every condition the rule set in force switches on, with its status and reason.
    An "unknown" a reviewer has confirmed carries who confirmed it and why."""
    rule_set = nomination_rule_set(nomination)
    if rule_set is None:
        return []
    confirmations = {
        c.code: c
        for c in EligibilityConfirmation.objects.filter(nomination=nomination).select_related(
            "confirmed_by"
        )
    }
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

    if rule_set.required_documents:
        add(DOSSIER_CODE, _("Hồ sơ đủ tài liệu bắt buộc"), _dossier_outcome(nomination, rule_set))
    for code in rule_set.conditions:
        condition = REGISTRY.get(code)
        if condition is None or not condition.applies(nomination):
            continue
        add(code, str(condition.label), condition.check(nomination))
    return rows


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


def nomination_rules_context(nomination: "Nomination", user: object = None) -> dict:
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
