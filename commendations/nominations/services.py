"""Writes on nominations: create, edit, save with attachments, bulk transitions, consolidation."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commendations.access.permissions import (
    can_designate_secret_reviewers,
    can_propose_any,
    user_may_act_for_unit,
)
from commendations.campaigns.models import Affiliation, AwardType, Campaign, NomineeKind
from commendations.events import AuditEventKind
from commendations.nominations.attachments import attachment_add
from commendations.nominations.models import DUPLICATE_CONSTRAINT, Nomination
from commendations.units.models import Unit
from workflow.services import audit_event_record

EDITABLE_FIELDS = (
    "award_type",
    "nominee_kind",
    "nominee_unit",
    "nominee_name",
    "rank",
    "position",
    "workplace",
    "date_of_birth",
    "gender",
    "affiliation",
    "address",
    "nationality",
    "achievement_summary",
    "citation",
    "contains_state_secrets",
    "state_secrets_note",
    "nominee_alias",
    "posthumous",
    "posthumous_receiver",
    "simplified_procedure",
    "feat_date",
)
INDIVIDUAL_ONLY_FIELDS = ("rank", "position", "date_of_birth", "gender")


def nomination_normalise(nomination: Nomination) -> None:
    """A collective has no rank, position, birth date or gender; it may name a unit of the tree."""
    if nomination.nominee_kind == NomineeKind.COLLECTIVE:
        for field in INDIVIDUAL_ONLY_FIELDS:
            setattr(nomination, field, None if field == "date_of_birth" else "")
        if nomination.nominee_unit_id and not (nomination.nominee_name or "").strip():
            nomination.nominee_name = nomination.nominee_unit.full_name
    else:
        nomination.nominee_unit = None
    nomination.nominee_name = (nomination.nominee_name or "").strip()
    nomination.state_secrets_note = (nomination.state_secrets_note or "").strip()
    nomination.nominee_alias = (nomination.nominee_alias or "").strip()
    if not nomination.contains_state_secrets:
        nomination.state_secrets_note = ""
    nomination.posthumous_receiver = (nomination.posthumous_receiver or "").strip()
    nomination.address = (nomination.address or "").strip()
    nomination.nationality = (nomination.nationality or "").strip()
    if nomination.nominee_kind == NomineeKind.COLLECTIVE:
        nomination.posthumous = False
    if not nomination.posthumous:
        nomination.posthumous_receiver = ""


def _state_secrets_audit(
    nomination: Nomination, *, actor: Any, before: tuple[bool, str] = (False, "")
) -> None:
    """The flag set, changed or cleared by the proposing unit is on the nomination's record."""
    after = (nomination.contains_state_secrets, nomination.state_secrets_note)
    if after == before:
        return
    audit_event_record(
        kind=AuditEventKind.STATE_SECRETS_MARKED
        if nomination.contains_state_secrets
        else AuditEventKind.STATE_SECRETS_CLEARED,
        subject=nomination,
        actor=actor,
        comment=nomination.state_secrets_note,
        data={"contains_state_secrets": after[0], "note": after[1]},
    )


def secret_dossier_view_record(*, nomination: Nomination, actor: Any, what: str) -> None:
    """Every view of a dossier with state secrets is on the audit trail (who, when, what: "page",
    "api", "attachment:<id>"). Nothing for an ordinary dossier."""
    if not nomination.contains_state_secrets or not getattr(actor, "is_authenticated", False):
        return
    audit_event_record(
        kind=AuditEventKind.SECRET_DOSSIER_VIEWED,
        subject=nomination,
        actor=actor,
        data={"viewed": what},
    )


@transaction.atomic
def secret_reviewers_designate(
    *, nomination: Nomination, reviewers: list[Any], actor: Any
) -> Nomination:
    """The deciding authority names the officers who review a secret dossier in place of a
    council session; they (and only they, besides the unit and the authority) then see it."""
    if not nomination.contains_state_secrets:
        raise ValidationError(_("Chỉ giao cán bộ thẩm định riêng cho hồ sơ chứa bí mật nhà nước."))
    if not can_designate_secret_reviewers(nomination, actor):
        raise PermissionDenied(_("Chỉ cấp quyết định giao cán bộ thẩm định hồ sơ mật."))
    nomination.designated_reviewers.set(reviewers)
    audit_event_record(
        kind=AuditEventKind.SECRET_REVIEWERS_DESIGNATED,
        subject=nomination,
        actor=actor,
        data={"reviewers": sorted(user.pk for user in reviewers)},
    )
    return nomination


def _save_unique(nomination: Nomination) -> None:
    """Save; the database's one-nomination-per-nominee rule becomes a message on the name."""
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as exc:
        if DUPLICATE_CONSTRAINT not in str(exc) and "nominee_key" not in str(exc):
            raise
        raise ValidationError(
            {
                "nominee_name": _(
                    "“%(name)s” đã có hồ sơ đề nghị “%(award)s” trong đợt thi đua này."
                )
                % {"name": nomination.nominee_name, "award": nomination.award_type.name}
            }
        ) from exc


@transaction.atomic
def nomination_create(
    *,
    actor: Any,
    campaign: Campaign,
    unit: Unit,
    award_type: AwardType,
    nominee_kind: str,
    nominee_name: str = "",
    achievement_summary: str,
    nominee_unit: Unit | None = None,
    rank: str = "",
    position: str = "",
    workplace: str = "",
    date_of_birth: datetime.date | None = None,
    gender: str = "",
    affiliation: str = Affiliation.FORCE,
    address: str = "",
    nationality: str = "",
    citation: str = "",
    contains_state_secrets: bool = False,
    state_secrets_note: str = "",
    nominee_alias: str = "",
    posthumous: bool = False,
    posthumous_receiver: str = "",
    simplified_procedure: bool = False,
    feat_date: datetime.date | None = None,
) -> Nomination:
    if not can_propose_any(actor):
        raise PermissionDenied(_("Bạn không có quyền lập hồ sơ đề nghị."))
    if not user_may_act_for_unit(actor, unit):
        raise PermissionDenied(_("Bạn chỉ lập hồ sơ cho đơn vị mình và đơn vị trực thuộc."))
    nomination = Nomination(
        campaign=campaign,
        unit=unit,
        award_type=award_type,
        nominee_kind=nominee_kind,
        nominee_unit=nominee_unit,
        nominee_name=nominee_name,
        rank=rank,
        position=position,
        workplace=workplace,
        date_of_birth=date_of_birth,
        gender=gender,
        affiliation=affiliation,
        address=address,
        nationality=nationality,
        achievement_summary=achievement_summary,
        citation=citation,
        contains_state_secrets=contains_state_secrets,
        state_secrets_note=state_secrets_note,
        nominee_alias=nominee_alias,
        posthumous=posthumous,
        posthumous_receiver=posthumous_receiver,
        simplified_procedure=simplified_procedure,
        feat_date=feat_date,
        created_by=actor,
    )
    nomination_normalise(nomination)
    nomination.full_clean(exclude=["state", "decision", "created_by"])
    _save_unique(nomination)
    _state_secrets_audit(nomination, actor=actor)
    return nomination


@transaction.atomic
def nomination_update(*, nomination: Nomination, actor: Any, **changes: Any) -> Nomination:
    """Edit a draft or returned nomination; refuses other states and other units' records."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not locked.is_editable:
        raise ValidationError(
            _("Chỉ sửa được hồ sơ ở trạng thái dự thảo hoặc bị trả lại (hiện: %(state)s).")
            % {"state": locked.get_state_display()}
        )
    if not (can_propose_any(actor) and user_may_act_for_unit(actor, locked.unit)):
        raise PermissionDenied(_("Bạn không có quyền sửa hồ sơ này."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({field: _("Không sửa được trường này.") for field in sorted(unknown)})
    before = (locked.contains_state_secrets, locked.state_secrets_note)
    for field, value in changes.items():
        setattr(locked, field, value)
    nomination_normalise(locked)
    locked.full_clean(exclude=["state", "decision", "created_by"])
    _save_unique(locked)
    _state_secrets_audit(locked, actor=actor, before=before)
    return locked


@transaction.atomic
def nomination_save(
    *,
    actor: Any,
    nomination: Nomination | None = None,
    fields: dict[str, Any],
    attachments: list[tuple[Any, str]] | None = None,
) -> Nomination:
    """Create (nomination=None) or edit a nomination together with new dossier files: all or
    nothing, so a refused file leaves no half-saved nomination behind."""
    if nomination is None:
        nomination = nomination_create(actor=actor, **fields)
    else:
        nomination = nomination_update(nomination=nomination, actor=actor, **fields)
    for upload, kind in attachments or []:
        try:
            attachment_add(nomination=nomination, upload=upload, kind=kind, actor=actor)
        except ValidationError as exc:
            raise ValidationError({"attachment": exc.messages}) from exc
    return nomination
