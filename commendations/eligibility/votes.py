"""What a council's vote needs to carry: the share of votes for and the quorum each nomination's
rule set asks (else its award type's share and no quorum), and whether a tally meets them. Reads
only: the session page shows them and the `recommend` action refuses a tally that fails them."""

from collections.abc import Sequence
from decimal import Decimal
from typing import TypedDict

from django.db.models import prefetch_related_objects

from commendations.eligibility.protocols import NominationLike
from commendations.eligibility.selectors import rule_sets_in_force


def vote_rules_bulk(nominations: Sequence[NominationLike]) -> dict[int, tuple[Decimal, int]]:
    """Each nomination's (share of votes needed, quorum), by pk: its rule set's, else its award
    type's share and no quorum. Three queries at most whatever the number of nominations."""
    nominations = list(nominations)
    rule_sets = rule_sets_in_force(nominations)
    prefetch_related_objects([n for n in nominations if rule_sets[n.pk] is None], "award_type")
    rules: dict[int, tuple[Decimal, int]] = {}
    for nomination in nominations:
        rule_set = rule_sets[nomination.pk]
        if rule_set is None:
            rules[nomination.pk] = (nomination.award_type.vote_share_required, 0)
        else:
            rules[nomination.pk] = (rule_set.vote_share_required, rule_set.quorum)
    return rules


def vote_rules(nomination: NominationLike) -> tuple[Decimal, int]:
    """(share of votes needed, quorum): the rule set's, else the award type's share, no quorum."""
    return vote_rules_bulk([nomination])[nomination.pk]


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
