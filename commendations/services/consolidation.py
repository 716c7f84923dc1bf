"""The consolidating unit forwards its subordinate units' list in one go."""

from typing import Any

from django.db import transaction

from workflow.services import transition_perform

from ..models import Campaign, NominationState
from ..rules.consolidation import can_consolidate
from ..selectors import nominations_visible_to


@transaction.atomic
def nominations_consolidate(*, campaign: Campaign, actor: Any, comment: str = "") -> int:
    """Consolidate every nomination of the campaign waiting for the actor's unit; each goes
    through the `consolidate` transition (audit row, lock). Returns how many were forwarded."""
    waiting = nominations_visible_to(actor).filter(
        campaign=campaign, state=NominationState.AWAITING_CONSOLIDATION
    )
    count = 0
    for nomination in waiting.select_for_update(of=("self",)).order_by("pk"):
        if can_consolidate(nomination, actor):
            transition_perform(
                instance=nomination, name="consolidate", actor=actor, comment=comment
            )
            count += 1
    return count
