"""Reads: the nominations a user may see, search and sorting, history, the consolidation queue."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from commendations.access.permissions import (
    can_decide_for_authority,
    can_propose_any,
    sees_all_nominations,
    user_unit,
)
from commendations.campaigns.models import Authority
from commendations.nominations.consolidation import nominations_awaiting_unit
from commendations.nominations.models import Nomination, NominationImport, NominationState
from commendations.nominations.search import search_normalise
from commendations.units.models import Unit
from commendations.units.selectors import unit_lineage
from workflow.selectors import history


def nominations_visible_to(user: Any) -> QuerySet[Nomination]:
    """What a user may see: the nominations in their scope (`nominations_in_scope`), a dossier
    with state secrets only if they are directly involved in it (`secret_involvement_q`). Every
    list, search, export, notification and API answer reads this, so anyone else gets a 404 for
    a secret dossier, as for another unit's nomination."""
    return nominations_in_scope(user).filter(secret_involvement_q(user))


def secret_involvement_q(user: Any) -> Q:
    """Not secret, or the user is directly involved: the author, an officer of the proposing unit
    itself (not of the units above it), a designated reviewer, or the deciding authority of its
    award type. A superuser (the administrator) is not restricted; their views are audited like
    anyone's."""
    if getattr(user, "is_superuser", False):
        return Q()
    involved = Q(created_by_id=user.pk) | Q(
        pk__in=Nomination.designated_reviewers.through.objects.filter(user_id=user.pk).values(
            "nomination_id"
        )
    )
    own = user_unit(user)
    if own is not None and can_propose_any(user):
        involved |= Q(unit=own)
    authorities = [a for a in Authority.values if can_decide_for_authority(user, a)]
    if authorities:
        involved |= Q(award_type__authority__in=authorities)
    return Q(contains_state_secrets=False) | involved


def designated_reviewer_ids(nominations: Sequence[Nomination]) -> dict[int, set[int]]:
    """The designated reviewers of the secret ones among `nominations` (one query, none if no
    nomination is secret)."""
    secret = [n.pk for n in nominations if n.contains_state_secrets]
    found: dict[int, set[int]] = {pk: set() for pk in secret}
    if secret:
        through = Nomination.designated_reviewers.through.objects.filter(nomination_id__in=secret)
        for nomination_id, user_id in through.values_list("nomination_id", "user_id"):
            found[nomination_id].add(user_id)
    return found


def secret_nomination_involves(
    nomination: Nomination, user: Any, designated: dict[int, set[int]]
) -> bool:
    """`secret_involvement_q` for one loaded nomination and user (no query): who may be told of
    it (`designated` from `designated_reviewer_ids`)."""
    if not nomination.contains_state_secrets or user.is_superuser:
        return True
    own = user_unit(user)
    return (
        nomination.created_by_id == user.pk
        or user.pk in designated.get(nomination.pk, set())
        or (own is not None and own.pk == nomination.unit_id and can_propose_any(user))
        or can_decide_for_authority(user, nomination.award_type.authority)
    )


def nominations_in_scope(user: Any) -> QuerySet[Nomination]:
    """Unit staff see their own subtree's nominations; province-wide roles see every nomination
    that has left its unit (drafts stay private to the unit). Secret dossiers included: the
    statistics count them (without describing them); everything else reads
    `nominations_visible_to`."""
    base = Nomination.objects.select_related(
        "campaign", "unit", "award_type", "nominee_unit", "decision"
    )
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if user.is_superuser:
        return base
    condition = Q(pk__in=[])
    own = user_unit(user)
    if own is not None and can_propose_any(user):
        condition |= Q(unit__path__startswith=f"{own.path}/") | Q(unit=own)
        # A unit's history includes what its predecessors proposed (a merged commune, the
        # district it inherited from): read-only, the transitions check the scope in force.
        condition |= Q(unit_id__in=unit_lineage(own).predecessor_ids)
        # A nomination whose consolidation a dissolved unit handed over to this one.
        condition |= Q(consolidation_heir=own)
    if sees_all_nominations(user):
        condition |= ~Q(state=NominationState.DRAFT)
    return base.filter(condition)


def nominations_for_submission_letter(user: Any) -> QuerySet[Nomination]:
    """What a Tờ trình (to the Minister or to the Director) may list: the visible nominations the
    council has recommended or already forwarded, in the letter's order (by unit). The forward
    queue's page and the API choose from these."""
    return (
        nominations_visible_to(user)
        .filter(
            state__in=[
                NominationState.RECOMMENDED,
                NominationState.AWAITING_MINISTRY,
                NominationState.AWAITING_DIRECTOR,
            ]
        )
        .order_by("unit__path", "pk")
    )


# --- the web UI's reads -------------------------------------------------------------------

# A list filter value grouping the states in which a nomination waits for a deciding authority.
DECIDING = "deciding"
DECIDING_STATES = (
    NominationState.RECOMMENDED,
    NominationState.AWAITING_DIRECTOR,
    NominationState.AWAITING_MINISTRY,
)

NOMINATION_SORTS = {
    "name": ("nominee_name", "pk"),
    "-name": ("-nominee_name", "-pk"),
    "unit": ("unit__path", "nominee_name", "pk"),
    "submitted": ("submitted_at", "pk"),
    "-submitted": ("-submitted_at", "-pk"),
    "-created": ("-created_at", "-pk"),
}


def nominations_matching(text: str) -> Q:
    """What typed text finds, ignoring case and diacritics (đ = d): nominations whose name holds
    every typed word ("hung nguyen" finds "Nguyễn Văn Hùng"), or whose proposing unit's name holds
    the text. The name is matched on the stored `search_text` (a trigram index on PostgreSQL);
    unit names, a few hundred, are matched here (one query)."""
    needle = search_normalise(text)
    if not needle:
        return Q()
    by_name = Q()
    for word in needle.split():
        by_name &= Q(search_text__contains=word)
    units = [
        pk
        for pk, name in Unit.objects.values_list("pk", "name")
        if needle in search_normalise(name)
    ]
    return by_name | Q(unit_id__in=units) if units else by_name


def nominations_search(
    user: Any,
    *,
    campaign: Any = None,
    unit: Any = None,
    award_type: Any = None,
    nominee_kind: str = "",
    state: str | Sequence[str] = "",
    q: str = "",
    sort: str = "",
    include_subunits: bool = True,
    simplified_first: bool = False,
) -> QuerySet[Nomination]:
    """The visible nominations narrowed by the list filters; one query whatever the page size.
    `simplified_first`: a queue, where sudden feats (simplified procedure) come first."""
    qs = nominations_visible_to(user)
    if campaign:
        qs = qs.filter(campaign=campaign)
    if unit:
        # A unit's nominations include its predecessors' (gồm cả đơn vị tiền thân).
        family = unit_lineage(unit).family_ids
        qs = qs.filter(Q(unit_id__in=family) | Q(unit__path__startswith=f"{unit.path}/"))
        if not include_subunits:
            qs = qs.filter(unit_id__in=family)
    if award_type:
        qs = qs.filter(award_type=award_type)
    if nominee_kind:
        qs = qs.filter(nominee_kind=nominee_kind)
    if state:
        qs = qs.filter(state__in=[state] if isinstance(state, str) else list(state))
    if q:
        qs = qs.filter(nominations_matching(q))
    order = NOMINATION_SORTS.get(sort, NOMINATION_SORTS["-created"])
    if simplified_first:
        order = ("-simplified_procedure", *order)
    return qs.order_by(*order)


def nomination_history(nomination: Nomination) -> list[Any]:
    """The transitions and named events of a nomination merged by time, oldest first, with the
    actor (two queries)."""
    return history(nomination)


# --- consolidation and revocation -------------------------------------------------------------


def consolidation_queue(user: Any) -> list[Nomination]:
    """The nominations waiting for the user's unit to consolidate them, by campaign."""
    candidates = list(
        nominations_visible_to(user)
        .filter(state=NominationState.AWAITING_CONSOLIDATION)
        .order_by("campaign__opens_on", "campaign_id", "unit__path", "nominee_name", "pk")
    )
    return nominations_awaiting_unit(candidates, user)


def nomination_imports_of(user: Any) -> QuerySet[NominationImport]:
    """The Excel imports a user may follow: their own (a superuser sees every one)."""
    imports = NominationImport.objects.select_related("campaign")
    if getattr(user, "is_superuser", False):
        return imports
    return imports.filter(created_by=user)
