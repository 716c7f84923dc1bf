"""Writes of the dated unit registry: every change of the tree is an event with its date and
legal document. History is appended: an event is dated after every version it ends, so the past
is never rewritten. After each event the units' cached present state (`Unit.name`, `parent`,
`path`...) is refreshed from the version in force today.

Invariants kept on every day (tests/units/test_registry_property.py): no cycle, every parent in
force, a province has no parent and every other unit has one, one version per unit and day."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.units.models import (
    REGISTRY_EPOCH,
    Person,
    ServiceRecord,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitKind,
    UnitLink,
    UnitVersion,
)


@dataclass(frozen=True)
class NewUnit:
    """A unit an event creates (a merger's new unit, a split's parts)."""

    code: str
    name: str
    kind: str
    parent: Unit | None
    headcount: int = 0


def unit_event_record(
    *,
    kind: str,
    on: datetime.date,
    document_number: str = "",
    document_date: datetime.date | None = None,
    document_title: str = "",
    note: str = "",
    key: str | None = None,
) -> UnitEvent:
    return UnitEvent.objects.create(
        kind=kind,
        date=on,
        document_number=document_number,
        document_date=document_date,
        document_title=document_title,
        note=note,
        key=key,
    )


def _error(message: str, **params: object) -> ValidationError:
    return ValidationError(message % params if params else message)


def _version_on(unit: Unit, on: datetime.date) -> UnitVersion:
    version = unit.versions.in_force(on).first()
    if version is None:
        raise _error(
            _("Đơn vị “%(unit)s” không tồn tại vào ngày %(date)s."),
            unit=unit.name,
            date=f"{on:%d/%m/%Y}",
        )
    if version.valid_to is not None or unit.versions.filter(valid_from__gt=on).exists():
        raise _error(
            _("Đơn vị “%(unit)s” đã có thay đổi sau ngày %(date)s: sự kiện phải ghi theo thứ tự."),
            unit=unit.name,
            date=f"{on:%d/%m/%Y}",
        )
    return version


def _check_parent(*, kind: str, parent: Unit | None, on: datetime.date, unit: Unit | None) -> None:
    if kind == UnitKind.PROVINCE:
        if parent is not None:
            raise _error(_("Công an tỉnh không có đơn vị cấp trên."))
        return
    if parent is None:
        raise _error(_("Đơn vị phải có đơn vị cấp trên."))
    parent_version = parent.versions.in_force(on).first()
    if parent_version is None or parent_version.valid_to is not None:
        raise _error(
            _("Đơn vị cấp trên “%(parent)s” không còn hoạt động từ ngày %(date)s."),
            parent=parent.name,
            date=f"{on:%d/%m/%Y}",
        )
    if unit is None:
        return
    # No cycle: walk up from the new parent through the latest versions.
    seen: set[int] = set()
    current: Unit | None = parent
    while current is not None and current.pk not in seen:
        if current.pk == unit.pk:
            raise _error(_("Không thể chuyển đơn vị vào chính đơn vị cấp dưới của nó."))
        seen.add(current.pk)
        latest = current.versions.order_by("-valid_from").first()
        current = latest.parent if latest is not None else None


def _change(unit: Unit, on: datetime.date, event: UnitEvent, **changes: object) -> UnitVersion:
    """Close the version in force on `on` and open one with `changes` from that day."""
    version = _version_on(unit, on)
    values = {
        "code": version.code,
        "name": version.name,
        "kind": version.kind,
        "parent": version.parent,
        **changes,
    }
    if version.valid_from == on:  # two changes on one day: the same version, amended
        for key, value in values.items():
            setattr(version, key, value)
        version.event = event
        version.save()
        return version
    UnitVersion.objects.filter(pk=version.pk).update(valid_to=on)
    return UnitVersion.objects.create(unit=unit, valid_from=on, event=event, **values)


def _end(unit: Unit, on: datetime.date) -> None:
    """End the unit on `on` (its last day is the day before). Its children that day must have
    moved already."""
    version = _version_on(unit, on)
    children = UnitVersion.objects.in_force(on).filter(parent=unit).select_related("unit")
    if children.exists():
        raise _error(
            _("Đơn vị “%(unit)s” còn đơn vị trực thuộc: %(children)s."),
            unit=unit.name,
            children=", ".join(c.name for c in children),
        )
    if version.valid_from == on:
        # Changed earlier the same day (moved, then merged): that day's version goes, the one
        # before it already ends on `on`.
        if not unit.versions.filter(valid_to=on).exists():
            raise _error(
                _("Đơn vị “%(unit)s” không thể chấm dứt ngay ngày thành lập."), unit=unit.name
            )
        version.delete()
        return
    UnitVersion.objects.filter(pk=version.pk).update(valid_to=on)


def _move_children(unit: Unit, to: Unit, on: datetime.date, event: UnitEvent) -> list[Unit]:
    """Move the units under `unit` on `on` to `to`; if `to` is one of them, it takes `unit`'s
    place instead (a commune absorbing its district)."""
    moved = []
    parent = _version_on(unit, on).parent
    for version in UnitVersion.objects.in_force(on).filter(parent=unit).select_related("unit"):
        target = parent if version.unit_id == to.pk else to
        _check_parent(kind=version.kind, parent=target, on=on, unit=version.unit)
        _change(version.unit, on, event, parent=target)
        moved.append(version.unit)
    return moved


def _create(spec: NewUnit, on: datetime.date, event: UnitEvent) -> Unit:
    _check_parent(kind=spec.kind, parent=spec.parent, on=on, unit=None)
    if Unit.objects.filter(code=spec.code).exists():
        raise _error(_("Đã có đơn vị mã “%(code)s”."), code=spec.code)
    unit = Unit(
        code=spec.code,
        name=spec.name,
        kind=spec.kind,
        parent=spec.parent,
        headcount=spec.headcount,
        valid_from=on,
    )
    unit.save()  # its first version (from `on`) is created by Unit.save
    unit.versions.update(event=event)
    return unit


def units_refresh(units: Sequence[Unit]) -> None:
    """Set each unit's cached present state to its version in force today (or its last one)."""
    today = timezone.localdate()
    for unit in sorted({u.pk: u for u in units}.values(), key=lambda u: u.path.count("/")):
        unit.refresh_from_db()
        versions = list(unit.versions.order_by("valid_from"))
        current = next((v for v in versions if v.is_in_force(today)), versions[-1])
        unit.code, unit.name, unit.kind = current.code, current.name, current.kind
        unit.parent_id = current.parent_id
        unit.valid_from, unit.valid_to = versions[0].valid_from, versions[-1].valid_to
        unit.save()


def _event(kind: str, on: datetime.date, document: dict | None, key: str | None) -> UnitEvent:
    return unit_event_record(kind=kind, on=on, key=key, **(document or {}))


@transaction.atomic
def unit_create(
    *, spec: NewUnit, on: datetime.date, document: dict | None = None, key: str | None = None
) -> Unit:
    event = _event(UnitEventKind.CREATE, on, document, key)
    unit = _create(spec, on, event)
    units_refresh([unit])
    return unit


@transaction.atomic
def unit_rename(
    *,
    unit: Unit,
    on: datetime.date,
    name: str,
    code: str | None = None,
    document: dict | None = None,
    key: str | None = None,
) -> UnitEvent:
    event = _event(UnitEventKind.RENAME, on, document, key)
    changes: dict[str, object] = {"name": name}
    if code:
        if Unit.objects.filter(code=code).exclude(pk=unit.pk).exists():
            raise _error(_("Đã có đơn vị mã “%(code)s”."), code=code)
        changes["code"] = code
    _change(unit, on, event, **changes)
    units_refresh([unit])
    return event


@transaction.atomic
def unit_move(
    *,
    unit: Unit,
    on: datetime.date,
    parent: Unit,
    document: dict | None = None,
    key: str | None = None,
) -> UnitEvent:
    version = _version_on(unit, on)
    _check_parent(kind=version.kind, parent=parent, on=on, unit=unit)
    event = _event(UnitEventKind.MOVE, on, document, key)
    _change(unit, on, event, parent=parent)
    units_refresh([unit])
    return event


@transaction.atomic
def unit_dissolve(
    *,
    units: Sequence[Unit],
    on: datetime.date,
    children_to: Unit | None = None,
    heirs: dict[int, Unit] | None = None,
    document: dict | None = None,
    key: str | None = None,
) -> UnitEvent:
    """End `units` on `on`. Their units in force that day move under `children_to` (default:
    each dissolved unit's own parent, as the communes of a district went to the province).
    `heirs` names, per dissolved unit, the successor that takes over its open work and its
    officers' accounts (`units.handover`)."""
    event = _event(UnitEventKind.DISSOLVE, on, document, key)
    touched: list[Unit] = []
    for unit in units:
        version = _version_on(unit, on)
        target = children_to or version.parent
        if target is None:
            raise _error(_("Cần nêu đơn vị tiếp nhận các đơn vị trực thuộc."))
        touched += _move_children(unit, target, on, event)
        _end(unit, on)
        heir = (heirs or {}).get(unit.pk)
        if heir is not None:
            UnitLink.objects.create(event=event, predecessor=unit, successor=heir, inherits=True)
        touched.append(unit)
    units_refresh(touched)
    return event


@transaction.atomic
def unit_merge(
    *,
    sources: Sequence[Unit],
    into: Unit | NewUnit,
    on: datetime.date,
    name: str | None = None,
    document: dict | None = None,
    key: str | None = None,
) -> Unit:
    """Several units become one: an existing one that absorbs the others (it keeps its identity,
    optionally under a new `name`), or a new unit. Every ended source is the target's predecessor
    and the target inherits its work; the sources' units move under the target."""
    event = _event(UnitEventKind.MERGE, on, document, key)
    target = _create(into, on, event) if isinstance(into, NewUnit) else into
    if not isinstance(into, NewUnit) and name:
        _change(target, on, event, name=name)
    touched = [target]
    absorbed = 0
    for source in sources:
        if source.pk == target.pk:
            continue
        touched += _move_children(source, target, on, event)
        _end(source, on)
        UnitLink.objects.create(event=event, predecessor=source, successor=target, inherits=True)
        touched.append(source)
        absorbed += source.headcount
    # The merged unit's strength (quân số, used by quotas) is its sources' unless one was given.
    if not (isinstance(into, NewUnit) and into.headcount):
        Unit.objects.filter(pk=target.pk).update(headcount=target.headcount + absorbed)
    units_refresh(touched)
    target.refresh_from_db()
    return target


@transaction.atomic
def unit_split(
    *,
    source: Unit,
    into: Sequence[Unit | NewUnit],
    on: datetime.date,
    children_to: Unit | None = None,
    document: dict | None = None,
    key: str | None = None,
) -> list[Unit]:
    """One unit becomes several (new or existing); it ends, each part is its successor, the
    first part inherits its work. Its units move under `children_to` (default: the first part)."""
    if not into or any(isinstance(p, Unit) and p.pk == source.pk for p in into):
        raise _error(_("Cần ít nhất một đơn vị sau chia tách, khác đơn vị bị chia tách."))
    event = _event(UnitEventKind.SPLIT, on, document, key)
    parts = [_create(p, on, event) if isinstance(p, NewUnit) else p for p in into]
    touched = _move_children(source, children_to or parts[0], on, event)
    _end(source, on)
    for index, part in enumerate(parts):
        UnitLink.objects.create(
            event=event, predecessor=source, successor=part, inherits=index == 0
        )
    units_refresh([source, *parts, *touched])
    return parts


@transaction.atomic
def person_transfer(
    *,
    person: Person,
    on: datetime.date,
    unit: Unit | None = None,
    rank: str | None = None,
    position: str | None = None,
    note: str = "",
) -> ServiceRecord:
    """From `on`, the person serves in `unit` with `rank` and `position` (None: unchanged). The
    record in force is closed, never edited, so the history stays. A person without records
    first gets one from the registry's epoch with what is known of them today."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    records = list(person.service_records.order_by("valid_from"))
    if not records:
        records = [
            ServiceRecord.objects.create(person=person, unit=person.unit, valid_from=REGISTRY_EPOCH)
        ]
    current = records[-1]
    if current.valid_to is not None or on <= current.valid_from:
        raise _error(
            _("Quá trình công tác của %(person)s đã có thay đổi từ ngày %(date)s trở đi."),
            person=person.full_name,
            date=f"{current.valid_from:%d/%m/%Y}",
        )
    target = unit if unit is not None else current.unit
    if target is not None and not target.is_in_force(on):
        raise _error(
            _("Đơn vị “%(unit)s” không hoạt động vào ngày %(date)s."),
            unit=target.name,
            date=f"{on:%d/%m/%Y}",
        )
    ServiceRecord.objects.filter(pk=current.pk).update(valid_to=on)
    record = ServiceRecord.objects.create(
        person=person,
        unit=target,
        rank=current.rank if rank is None else rank,
        position=current.position if position is None else position,
        valid_from=on,
        note=note,
    )
    if on <= timezone.localdate():
        Person.objects.filter(pk=person.pk).update(unit=target)
    return record
