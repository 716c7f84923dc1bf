"""Writes of people and their history: each checks who may keep it and leaves an audit event."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.access.permissions import can_keep_history, can_record_ministry_certificate
from commendations.campaigns.models import AwardType
from commendations.events import AuditEventKind
from commendations.history.selectors import decided_by_ministry
from commendations.units.models import (
    HonourRecord,
    Initiative,
    Person,
    ServiceRecord,
    Unit,
)
from commendations.units.services import person_transfer
from workflow.services import audit_event_record


def _allowed(actor: Any, unit: Unit | None) -> None:
    if not can_keep_history(actor, unit):
        raise PermissionDenied(_("Bạn không có quyền ghi quá trình của đơn vị này."))


def _audit(actor: Any, subject: Any, what: str) -> None:
    audit_event_record(
        kind=AuditEventKind.HISTORY_RECORDED,
        subject=subject,
        actor=actor,
        data={"what": what, "id": subject.pk},
    )


def _saved(instance: Any, message: str) -> None:
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError(message) from exc


@transaction.atomic
def person_create(
    *,
    actor: Any,
    code: str,
    full_name: str,
    unit: Unit | None = None,
    date_of_birth: datetime.date | None = None,
) -> Person:
    _allowed(actor, unit)
    person = Person(code=code, full_name=full_name, unit=unit, date_of_birth=date_of_birth)
    _saved(person, _("Mã cán bộ đã có."))
    _audit(actor, person, "person")
    return person


@transaction.atomic
def service_record_add(
    *,
    actor: Any,
    person: Person,
    unit: Unit | None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    rank: str = "",
    position: str = "",
    note: str = "",
) -> ServiceRecord:
    """A period of service. One that starts after the open record is a transfer (the open one
    is closed); a closed or earlier one is backfilled as given, refused if it overlaps."""
    _allowed(actor, person.unit)
    _allowed(actor, unit)
    current = person.service_records.order_by("-valid_from").first()
    if (
        valid_to is None
        and current is not None
        and current.valid_to is None
        and valid_from > current.valid_from
    ):
        record = person_transfer(
            person=person, on=valid_from, unit=unit, rank=rank, position=position, note=note
        )
    else:
        record = ServiceRecord(
            person=person,
            unit=unit,
            rank=rank,
            position=position,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
        )
        _saved(record, _("Quá trình công tác trùng thời gian."))
        if valid_to is None and unit is not None:
            Person.objects.filter(pk=person.pk).update(unit=unit)
    _audit(actor, record, "service_record")
    return record


@transaction.atomic
def honour_add(
    *,
    actor: Any,
    award_type: AwardType,
    year: int,
    person: Person | None = None,
    unit: Unit | None = None,
    reference: str = "",
    decided_on: datetime.date | None = None,
    decided_by: str = "",
) -> HonourRecord:
    """A title or award from before the system, or decided by another body."""
    _allowed(actor, person.unit if person is not None else unit)
    honour = HonourRecord(
        person=person,
        unit=unit,
        award_type=award_type,
        year=year,
        reference=reference,
        decided_on=decided_on,
        decided_by=decided_by,
    )
    _saved(honour, _("Đã có danh hiệu, hình thức này trong năm đó."))
    _audit(actor, honour, "honour")
    return honour


@transaction.atomic
def honour_ministry_certificate_record(
    *,
    actor: Any,
    honour: HonourRecord,
    number: str,
    received_on: datetime.date | None,
) -> HonourRecord:
    """The Ministry's own certificate of a title or award it decided has been received: its
    number and the day, on the honour (locked), audited with what it replaced. Refused for an
    honour the province decides (its Giấy chứng nhận is printed here)."""
    if not can_record_ministry_certificate(actor):
        raise PermissionDenied(_("Bạn không có quyền ghi nhận Bằng, Giấy chứng nhận của Bộ."))
    locked = (
        HonourRecord.objects.select_for_update(of=("self",))
        .select_related("award_type__decided_by")
        .get(pk=honour.pk)
    )
    if not decided_by_ministry(locked):
        raise ValidationError(
            _(
                "“%(honour)s” không do Bộ Công an quyết định: không ghi nhận Bằng, Giấy chứng "
                "nhận của Bộ."
            )
            % {"honour": locked}
        )
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["ministry_certificate_number"] = _("Cần số Bằng, Giấy chứng nhận của Bộ.")
    if received_on is None:
        errors["ministry_certificate_received_on"] = _("Cần ngày nhận.")
    elif received_on > timezone.localdate():
        errors["ministry_certificate_received_on"] = _("Ngày nhận không được sau hôm nay.")
    elif locked.decided_on and received_on < locked.decided_on:
        errors["ministry_certificate_received_on"] = _(
            "Ngày nhận không được trước ngày quyết định (%(date)s)."
        ) % {"date": locked.decided_on.strftime("%d/%m/%Y")}
    if errors:
        raise ValidationError(errors)
    before = {
        "number": locked.ministry_certificate_number,
        "received_on": (
            locked.ministry_certificate_received_on.isoformat()
            if locked.ministry_certificate_received_on
            else None
        ),
    }
    locked.ministry_certificate_number = number[:64]
    locked.ministry_certificate_received_on = received_on
    locked.save(update_fields=["ministry_certificate_number", "ministry_certificate_received_on"])
    audit_event_record(
        kind=AuditEventKind.HISTORY_RECORDED,
        subject=locked,
        actor=actor,
        data={
            "what": "ministry_certificate",
            "id": locked.pk,
            "number": locked.ministry_certificate_number,
            "received_on": received_on.isoformat(),
            "before": before,
        },
    )
    return locked


@transaction.atomic
def initiative_add(
    *,
    actor: Any,
    person: Person,
    title: str,
    year: int,
    level: str,
    recognised_on: datetime.date | None = None,
    decision_number: str = "",
    recognised_by: str = "",
) -> Initiative:
    _allowed(actor, person.unit)
    initiative = Initiative(
        person=person,
        title=title,
        year=year,
        level=level,
        recognised_on=recognised_on,
        decision_number=decision_number,
        recognised_by=recognised_by,
    )
    _saved(initiative, _("Sáng kiến này đã được ghi nhận."))
    _audit(actor, initiative, "initiative")
    return initiative


@transaction.atomic
def initiative_use(*, actor: Any, initiative: Initiative, honour: HonourRecord) -> Initiative:
    """The title or award `honour` takes `initiative` (Luật 06/2022, Điều 5: an initiative
    counts for one title or award only). Refused when it already served another, under a row
    lock so two titles cannot both take it."""
    locked = Initiative.objects.select_for_update().select_related("person").get(pk=initiative.pk)
    _allowed(actor, locked.person.unit)
    if honour.person_id != locked.person_id:
        raise ValidationError(_("Sáng kiến không phải của người được khen."))
    if locked.used_for_id is not None and locked.used_for_id != honour.pk:
        used = HonourRecord.objects.select_related("award_type").get(pk=locked.used_for_id)
        raise ValidationError(
            _("Sáng kiến “%(title)s” đã dùng để xét %(honour)s.")
            % {"title": locked.title, "honour": used}
        )
    locked.used_for = honour
    locked.save(update_fields=["used_for"])
    _audit(actor, locked, "initiative_used")
    return locked
