"""The consolidating unit forwards its subordinate units' list in one go."""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workflow.services import transition_perform

from ..models import Campaign, NominationState
from ..rules.consolidation import can_consolidate
from ..selectors import nominations_visible_to


@transaction.atomic
def nominations_consolidate(
    *,
    campaign: Campaign,
    actor: Any,
    comment: str = "",
    ids: Collection[int] | None = None,
) -> int:
    """Consolidate the nominations of the campaign waiting for the actor's unit — all of them, or
    only `ids` (then every one must be waiting for this unit: all or none); each goes through the
    `consolidate` transition (audit row, lock). Returns how many were forwarded."""
    waiting = nominations_visible_to(actor).filter(
        campaign=campaign, state=NominationState.AWAITING_CONSOLIDATION
    )
    if ids is not None:
        ids = set(ids)
        if not ids:
            raise ValidationError(_("Chưa chọn hồ sơ nào."))
        waiting = waiting.filter(pk__in=ids)
    count = 0
    found = set()
    for nomination in waiting.select_for_update(of=("self",)).order_by("pk"):
        found.add(nomination.pk)
        if can_consolidate(nomination, actor):
            transition_perform(
                instance=nomination,
                name="consolidate",
                actor=actor,
                comment=comment,
                expected_state=NominationState.AWAITING_CONSOLIDATION,
            )
            count += 1
        elif ids is not None:
            raise ValidationError(
                _("“%(name)s” không chờ đơn vị của đồng chí tổng hợp.")
                % {"name": nomination.nominee_name}
            )
    if ids is not None and found != ids:
        raise ValidationError(_("Có hồ sơ đã được người khác xử lý; hãy tải lại trang."))
    return count
