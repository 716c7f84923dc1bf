"""Statistics for the dashboard, the API and the Excel export: counted by the database.

Every figure is one aggregate query whatever the number of nominations (the dashboard's query
count is fixed; tests/reports/test_statistics.py proves it for 10 and 250 nominations). The
nominations counted are the ones in the user's scope (`nominations_in_scope`): a dossier with
state secrets the user is not involved in is counted in the totals (by state, award type, kind,
year, and `secret`) but never described — the figures by unit, the step durations, the
certificates, the overdue count and the prize money come from what the user may see."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _lazy

from commendations.campaigns.models import Affiliation, Campaign, NomineeKind
from commendations.certificates.models import Certificate, CertificateState
from commendations.decisions.prize import prize_rate
from commendations.nominations.consolidation import consolidation_date
from commendations.nominations.deadlines import overdue
from commendations.nominations.models import Nomination
from commendations.nominations.models import NominationState as S
from commendations.nominations.selectors import nominations_in_scope, nominations_visible_to
from commendations.units.models import UnitKind
from commendations.units.selectors import (
    lineage_member_on,
    predecessor_names,
    unit_links,
    unit_tree_on,
)
from workflow.models import TransitionLog
from workflow.selectors import transition_label

# The workflow as a funnel: how many nominations reached each stage (or went past it).
_DECIDING = [S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR, S.APPROVED, S.DECLINED]
FUNNEL = [
    # every state a nomination reaches once sent (including states added later, e.g. consolidation)
    ("submitted", _lazy("Đã gửi"), [s for s in S.values if s not in (S.DRAFT, S.WITHDRAWN)]),
    ("recommended", _lazy("Hội đồng đề nghị"), [S.RECOMMENDED, *_DECIDING]),
    ("forwarded", _lazy("Đã trình cấp quyết định"), _DECIDING),
    ("approved", _lazy("Đã khen thưởng"), [S.APPROVED]),
]
FINISHED = (S.APPROVED, S.DECLINED, S.REJECTED)
SECONDS_PER_DAY = 86400


@dataclass
class Statistics:
    campaign: Campaign
    total: int = 0
    by_state: list[dict[str, Any]] = field(default_factory=list)
    by_award_type: list[dict[str, Any]] = field(default_factory=list)
    by_unit: list[dict[str, Any]] = field(default_factory=list)
    by_kind: list[dict[str, Any]] = field(default_factory=list)
    funnel: list[dict[str, Any]] = field(default_factory=list)
    approved: int = 0
    finished: int = 0
    approval_rate: float | None = None
    step_days: list[dict[str, Any]] = field(default_factory=list)
    by_year: list[dict[str, Any]] = field(default_factory=list)
    certificates: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    prize_total: int = 0
    # Dossiers with state secrets among `total` (counted, never described).
    secret: int = 0
    # Citizens, households, village groups, organisations and foreigners among `total`, and the
    # count of each kind (the force's own included), counted apart.
    outside_force: int = 0
    by_affiliation: list[dict[str, Any]] = field(default_factory=list)


def _counts() -> dict[str, Count]:
    return {
        "total": Count("pk"),
        "approved": Count("pk", filter=Q(state=S.APPROVED)),
        "collective": Count("pk", filter=Q(nominee_kind=NomineeKind.COLLECTIVE)),
        "individual": Count("pk", filter=Q(nominee_kind=NomineeKind.INDIVIDUAL)),
    }


def _by_unit(visible, campaign: Campaign) -> list[dict[str, Any]]:
    """Per unit of the tree in force on the campaign's date (its name that day), its own
    nominations plus those of every unit below it that day. A nomination whose unit did not
    exist that day counts for the unit that stood in its lineage then (its predecessor or heir),
    and each row names its predecessors ("gồm cả đơn vị tiền thân: …"). Three queries: the
    counts by unit, the tree of that day, the lineage links."""
    on = consolidation_date(campaign)
    counts = {
        row["unit_id"]: row
        for row in visible.filter(campaign=campaign)
        .order_by()
        .values("unit_id")
        .annotate(total=Count("pk"), approved=Count("pk", filter=Q(state=S.APPROVED)))
    }
    tree = unit_tree_on(on)
    links = unit_links()
    own: dict[int, dict[str, int]] = {}
    for unit_id, row in counts.items():
        target = unit_id if unit_id in tree.nodes else lineage_member_on(unit_id, tree, links)
        if target is None:
            continue
        slot = own.setdefault(target, {"total": 0, "approved": 0})
        slot["total"] += row["total"]
        slot["approved"] += row["approved"]
    totals: dict[int, dict[str, int]] = {}
    for unit_id, slot in own.items():
        for node_id in [unit_id, *(n.id for n in tree.ancestors(unit_id))]:
            total = totals.setdefault(node_id, {"total": 0, "approved": 0})
            total["total"] += slot["total"]
            total["approved"] += slot["approved"]
    predecessors = predecessor_names(links)
    result = []
    for depth, node in tree.ordered():
        if node.kind == UnitKind.PROVINCE or node.id not in totals:
            continue
        result.append(
            {
                "id": node.id,
                "code": node.code,
                "name": node.name,
                "kind": node.kind,
                "path": "/".join([*(a.code for a in reversed(tree.ancestors(node.id))), node.code]),
                "total": totals[node.id]["total"],
                "approved": totals[node.id]["approved"],
                "own": own.get(node.id, {}).get("total", 0),
                "depth": depth - 1,
                "predecessors": ", ".join(predecessors.get(node.id, [])),
            }
        )
    return result


def _step_days(visible, campaign: Campaign) -> list[dict[str, Any]]:
    """Average days spent before each transition (from the previous audit row, or from the
    nomination's creation for the first one), grouped by transition: one query."""
    content_type = ContentType.objects.get_for_model(Nomination)
    previous_at = (
        TransitionLog.objects.filter(
            content_type=content_type, object_id=OuterRef("object_id"), at__lt=OuterRef("at")
        )
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    created_at = Nomination.objects.filter(pk=OuterRef("object_id")).values("created_at")[:1]
    ids = visible.filter(campaign=campaign).order_by().values("pk")
    rows = (
        TransitionLog.objects.filter(content_type=content_type, object_id__in=ids)
        .annotate(started=Coalesce(Subquery(previous_at), Subquery(created_at)))
        .annotate(spent=ExpressionWrapper(F("at") - F("started"), output_field=DurationField()))
        .order_by()
        .values("transition")
        .annotate(avg=Avg("spent"), n=Count("pk"))
        .order_by("transition")
    )
    result = []
    for row in rows:
        spent = row["avg"]
        seconds = spent.total_seconds() if spent is not None else 0.0
        result.append(
            {
                "transition": row["transition"],
                "label": transition_label(Nomination, row["transition"]),
                "count": row["n"],
                "days": round(seconds / SECONDS_PER_DAY, 2),
            }
        )
    return result


def _certificates(visible, campaign: Campaign) -> dict[str, int]:
    """Certificates of the campaign's visible nominations: generated (rendered or later),
    printed (printed or presented), presented, failed, revoked (award annulled) — one aggregate
    query."""
    C = CertificateState
    ids = visible.filter(campaign=campaign).order_by().values("pk")
    return Certificate.objects.filter(nomination__in=ids).aggregate(
        total=Count("pk"),
        generated=Count("pk", filter=Q(state__in=[C.RENDERED, C.PRINTED, C.PRESENTED])),
        printed=Count("pk", filter=Q(state__in=[C.PRINTED, C.PRESENTED])),
        presented=Count("pk", filter=Q(state=C.PRESENTED)),
        failed=Count("pk", filter=Q(state=C.FAILED)),
        revoked=Count("pk", filter=Q(state=C.REVOKED)),
    )


def _prize_total(in_campaign) -> int:
    """Prize money of the approved awards: each decision's rate (dated data) × its awards."""
    total = 0
    rows = (
        in_campaign.filter(state=S.APPROVED, decision__isnull=False)
        .values("decision__authority", "decision__date", "award_type_id", "nominee_kind")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        rate = prize_rate(
            authority=row["decision__authority"],
            on=row["decision__date"],
            award_type_id=row["award_type_id"],
        )
        if rate is not None:
            total += rate.amount(row["nominee_kind"]) * row["n"]
    return total


def campaign_statistics(*, campaign: Campaign, user: Any) -> Statistics:
    visible = nominations_visible_to(user).select_related(None)
    counted = nominations_in_scope(user).select_related(None)
    in_campaign = counted.filter(campaign=campaign).order_by()
    described = visible.filter(campaign=campaign).order_by()
    stats = Statistics(campaign=campaign)

    # One query: by state, with the secret dossiers and each affiliation counted alongside.
    state_rows = list(
        in_campaign.values("state").annotate(
            n=Count("pk"),
            secret=Count("pk", filter=Q(contains_state_secrets=True)),
            **{
                f"aff_{value}": Count("pk", filter=Q(affiliation=value))
                for value in Affiliation.values
            },
        )
    )
    state_counts = {row["state"]: row["n"] for row in state_rows}
    stats.secret = sum(row["secret"] for row in state_rows)
    stats.by_affiliation = [
        {
            "affiliation": value,
            "label": str(label),
            "count": sum(row[f"aff_{value}"] for row in state_rows),
        }
        for value, label in Affiliation.choices
    ]
    stats.outside_force = sum(
        r["count"] for r in stats.by_affiliation if r["affiliation"] != Affiliation.FORCE
    )
    stats.total = sum(state_counts.values())
    stats.by_state = [
        {"state": value, "label": str(label), "count": state_counts.get(value, 0)}
        for value, label in S.choices
    ]
    stats.funnel = [
        {"stage": key, "label": str(label), "count": sum(state_counts.get(s, 0) for s in states)}
        for key, label, states in FUNNEL
    ]
    stats.approved = state_counts.get(S.APPROVED, 0)
    stats.finished = sum(state_counts.get(s, 0) for s in FINISHED)
    stats.approval_rate = round(stats.approved / stats.finished, 4) if stats.finished else None

    stats.by_award_type = list(
        in_campaign.values("award_type__code", "award_type__short_name", "award_type__name")
        .annotate(**_counts())
        .order_by("award_type__sort_order", "award_type__code")
    )
    kind_counts = dict(in_campaign.values_list("nominee_kind").annotate(n=Count("pk")))
    stats.by_kind = [
        {"kind": value, "label": str(label), "count": kind_counts.get(value, 0)}
        for value, label in NomineeKind.choices
    ]
    stats.by_unit = _by_unit(visible, campaign)
    stats.step_days = _step_days(visible, campaign)
    stats.by_year = list(
        counted.order_by().values("campaign__year").annotate(**_counts()).order_by("campaign__year")
    )
    stats.certificates = _certificates(visible, campaign)
    stats.overdue = len(overdue(described))
    stats.prize_total = _prize_total(described)
    for row in stats.by_year:
        row["year"] = row.pop("campaign__year")
    return stats
