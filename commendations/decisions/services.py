"""Quyết định khen thưởng: draft it from nominations awaiting one authority, then issue it, which
approves every nomination in it at once (all or none)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commendations.access.permissions import can_decide_for_authority
from commendations.campaigns.models import AuthorityProfile
from commendations.decisions.models import Decision, DecisionState
from commendations.documents.signer import Signer, signer_from_legacy
from commendations.events import AuditEventKind
from commendations.nominations.models import AWAITING_BY_AUTHORITY, Nomination
from workflow.services import audit_event_record


def decision_nominations_check(
    *, authority: str, nominations: Iterable[Nomination], decision: Decision | None
) -> list[Nomination]:
    nominations = list(nominations)
    if not nominations:
        raise ValidationError({"nominations": _("Quyết định phải có ít nhất một hồ sơ.")})
    expected_state = AWAITING_BY_AUTHORITY[authority]
    problems = []
    for nomination in nominations:
        if nomination.state != expected_state:
            problems.append(
                _("“%(name)s” đang ở trạng thái “%(state)s”, không chờ cấp này quyết định.")
                % {"name": nomination.nominee_name, "state": nomination.get_state_display()}
            )
        elif nomination.decision_id and (decision is None or nomination.decision_id != decision.pk):
            problems.append(
                _("“%(name)s” đã có trong một quyết định khác.") % {"name": nomination.nominee_name}
            )
    if problems:
        raise ValidationError({"nominations": problems})
    return nominations


@transaction.atomic
def decision_create(
    *,
    actor: Any,
    authority: str,
    number: str,
    date: datetime.date,
    signer_name: str,
    signer_title: str,
    nomination_ids: Iterable[int],
    place: str | None = None,
    scan: Any = None,
    signer_mode: str = "",
    signer_principal_title: str = "",
    signer_rank: str = "",
    registry_first_number: int | None = None,
    registry_prefix: str = "",
) -> Decision:
    """Draft a decision. The signer is structured (mode, principal's title, own title, rank,
    name); the old pair still works: a title written "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC" is split."""
    if not can_decide_for_authority(actor, authority):
        raise PermissionDenied(_("Bạn không có quyền lập quyết định của cấp này."))
    ids = sorted(set(int(i) for i in nomination_ids))
    nominations = list(
        Nomination.objects.select_for_update().filter(pk__in=ids).select_related("award_type")
    )
    if len(nominations) != len(ids):
        raise ValidationError({"nominations": _("Có hồ sơ không tồn tại.")})
    decision_nominations_check(authority=authority, nominations=nominations, decision=None)
    signer = _signer(
        mode=signer_mode,
        principal_title=signer_principal_title,
        title=signer_title,
        rank=signer_rank,
        name=signer_name,
    )
    decision = Decision(
        authority=authority,
        number=number,
        date=date,
        signer_mode=signer.mode,
        signer_principal_title=signer.principal_title,
        signer_title=signer.title,
        signer_rank=signer.rank,
        signer_name=signer.name,
        created_by=actor,
        place=place or AuthorityProfile.for_authority(authority).place,
    )
    if scan:
        decision.scan = scan
    decision.full_clean(exclude=["year", "created_by", "state", "signature_state"])
    decision.year = date.year
    _unique_number_check(decision)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:
        raise ValidationError(
            {
                "number": _("Số quyết định này đã được dùng trong năm %(year)s.")
                % {"year": date.year}
            }
        ) from exc
    Nomination.objects.filter(pk__in=ids).update(decision=decision)
    if registry_first_number:
        _received_numbers_set(decision, registry_first_number, (registry_prefix or "").strip())
    return decision


def _signer(*, mode: str, principal_title: str, title: str, rank: str, name: str) -> Signer:
    mode = (mode or "").strip().upper()
    if not mode and not principal_title:
        legacy = signer_from_legacy(title, name.strip(), rank.strip())
        if legacy.mode:
            return legacy
    return Signer(
        mode=mode,
        principal_title=principal_title.strip().upper(),
        title=title.strip().upper(),
        rank=rank.strip(),
        name=name.strip(),
    )


def _received_numbers_set(decision: Decision, first: int, prefix: str) -> None:
    """The authority prints and numbers its certificates itself: keep its numbers (numbering
    checks they are free when it creates the certificates)."""
    if AuthorityProfile.for_authority(decision.authority).certificates_printed_here:
        raise ValidationError(
            {"registry_first_number": _("Cấp này do Công an tỉnh in và đánh số vào sổ.")}
        )
    decision.registry_first_number = first
    decision.registry_prefix = prefix
    decision.save(update_fields=["registry_first_number", "registry_prefix"])


def _unique_number_check(decision: Decision) -> None:
    clash = Decision.objects.filter(
        authority=decision.authority, year=decision.year, number=decision.number.strip()
    ).exclude(pk=decision.pk)
    if clash.exists():
        raise ValidationError(
            {
                "number": _("Số quyết định %(number)s đã được dùng trong năm %(year)s.")
                % {"number": decision.number, "year": decision.year}
            }
        )


@transaction.atomic
def decision_set_nominations(
    *, decision: Decision, actor: Any, nomination_ids: Iterable[int]
) -> Decision:
    """Replace the list of a draft decision."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not can_decide_for_authority(actor, decision.authority):
        raise PermissionDenied(_("Bạn không có quyền sửa quyết định này."))
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã ban hành, không sửa được danh sách."))
    ids = sorted(set(int(i) for i in nomination_ids))
    nominations = list(
        Nomination.objects.select_for_update().filter(pk__in=ids).select_related("award_type")
    )
    if len(nominations) != len(ids):
        raise ValidationError({"nominations": _("Có hồ sơ không tồn tại.")})
    decision_nominations_check(
        authority=decision.authority, nominations=nominations, decision=decision
    )
    Nomination.objects.filter(decision=decision).exclude(pk__in=ids).update(decision=None)
    Nomination.objects.filter(pk__in=ids).update(decision=decision)
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, actor: Any) -> int:
    """Delete a draft decision (a wrong number, the wrong list): its nominations go back to the
    authority's queue, each with an audit event naming the deleted draft. Returns how many
    nominations it listed. An issued decision is never deleted (it is annulled instead)."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if not can_decide_for_authority(actor, locked.authority):
        raise PermissionDenied(_("Chỉ cấp có thẩm quyền của quyết định mới được xóa dự thảo."))
    if locked.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã ban hành không xóa được; chỉ thu hồi, hủy bỏ."))
    nominations = list(Nomination.objects.select_for_update().filter(decision=locked))
    for nomination in nominations:
        audit_event_record(
            kind=AuditEventKind.DRAFT_DECISION_DELETED,
            subject=nomination,
            actor=actor,
            data={"decision": locked.pk, "decision_number": locked.number},
        )
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(decision=None)
    locked.delete()
    return len(nominations)
