"""After an import: its drafts, those the actor may submit now, and what to do next."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commendations.eligibility.enforcement import enforce_at_submission
from commendations.nominations.models import Nomination, NominationImport, NominationState
from workflow.selectors import available_transitions


def import_drafts(job: NominationImport) -> list[Nomination]:
    return list(
        Nomination.objects.filter(pk__in=job.created_ids)
        .select_related("award_type", "unit")
        .order_by("pk")
    )


# Past this many drafts the status page does not check each one (the bulk submit still does).
READY_CHECK_MAX = 200


def _complete(nomination: Nomination) -> bool:
    try:
        enforce_at_submission(nomination)
    except ValidationError:
        return False
    return True


def drafts_ready_to_submit(drafts: list[Nomination], actor: Any) -> list[Nomination]:
    """The imported drafts the actor may submit now: `submit` is available to them (state
    machine) and the rule set finds nothing missing (documents, conditions, quota)."""
    return [
        n
        for n in drafts
        if n.state == NominationState.DRAFT
        and any(t.name == "submit" for t in available_transitions(n, actor))
        and _complete(n)
    ]


def next_steps(drafts: list[Nomination], ready: list[Nomination] | None) -> str:
    """What to do after a successful import (`ready` is None when not checked: too many)."""
    parts = [_("Đã tạo %(n)s hồ sơ dự thảo.") % {"n": len(drafts)}]
    waiting = len(drafts) - len(ready or [])
    if ready is None or waiting:
        parts.append(
            _(
                "%(n)s hồ sơ còn phải bổ sung tài liệu (tờ trình, báo cáo thành tích...) rồi mới "
                "gửi được: mở từng hồ sơ, tải tài liệu lên, rồi bấm “Gửi hồ sơ”, hoặc quay lại "
                "trang này để gửi tất cả hồ sơ đã đủ một lần."
            )
            % {"n": len(drafts) if ready is None else waiting}
        )
    if ready:
        parts.append(
            _("%(n)s hồ sơ đã đủ điều kiện: có thể gửi tất cả một lần.") % {"n": len(ready)}
        )
    return " ".join(parts)
