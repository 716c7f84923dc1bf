"""Apply a file of dated unit events (YAML) to the registry: `manage.py apply_reorganisation FILE`.

The file (see data/reorganisation/gia_lai_2025.yaml):

    documents:                      # optional: legal documents referred to by id
      nd-huyen: {number: "...", date: 2025-02-18, title: "..."}
    units:                          # optional: units that existed before the events
      - {code: CA-X, name: "...", kind: commune, parent: CA-H, valid_from: 2000-01-01}
    events:
      - {kind: dissolve, date: 2025-03-01, document: nd-huyen, units: [CA-H], children_to: CAT,
         heirs: {CA-H: CA-X}}
      - {kind: merge, date: 2025-07-01, from: [CA-X, CA-Y], into: CA-X, name: "..."}
      - {kind: merge, date: 2025-07-01, from: [CA-X, CA-Y],
         into: {code: CA-Z, name: "...", kind: commune, parent: CAT}}
      - {kind: rename, date: ..., unit: CA-X, name: "...", code: CA-X2}
      - {kind: move, date: ..., unit: CA-X, parent: CA-Y}
      - {kind: create, date: ..., code: ..., name: ..., kind_of_unit: commune, parent: CAT}
      - {kind: split, date: ..., from: CA-X, into: [{code:..., name:..., kind:..., parent:...}]}

Every event is recorded once (its key is the file's event identity), so applying a file twice
changes nothing. A dry run applies everything inside a transaction, reports, and rolls back.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commendations.units.models import REGISTRY_EPOCH, Unit, UnitEvent, UnitKind, UnitVersion
from commendations.units.services import (
    NewUnit,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_move,
    unit_rename,
    unit_split,
    units_refresh,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
GIA_LAI_2025 = DATA_DIR / "gia_lai_2025.yaml"


class ReorganisationError(ValidationError):
    """The file is wrong: which event, and why."""


@dataclass
class ReorganisationReport:
    applied: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)
    dry_run: bool = False


class _DryRunRollback(Exception):
    pass


def _date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def reorganisation_load(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list):
        raise ReorganisationError(_("Tệp phải có danh sách “events”."))
    return data


class _Applier:
    def __init__(self, data: dict[str, Any], report: ReorganisationReport) -> None:
        self.documents: dict[str, dict[str, Any]] = data.get("documents") or {}
        self.report = report

    def unit(self, code: Any) -> Unit:
        unit = Unit.objects.filter(code=str(code)).first()
        if unit is None:
            raise ValueError(_("không có đơn vị mã “%(code)s”") % {"code": code})
        return unit

    def new_unit(self, spec: dict[str, Any]) -> NewUnit:
        kind = str(spec.get("kind", ""))
        if kind not in UnitKind.values:
            raise ValueError(_("loại đơn vị “%(kind)s” không hợp lệ") % {"kind": kind})
        parent = spec.get("parent")
        return NewUnit(
            code=str(spec["code"]),
            name=str(spec["name"]),
            kind=kind,
            parent=self.unit(parent) if parent else None,
            headcount=int(spec.get("headcount", 0)),
        )

    def document(self, event: dict[str, Any]) -> dict[str, Any]:
        ref = event.get("document")
        raw = self.documents.get(ref, {}) if isinstance(ref, str) else (ref or {})
        return {
            "document_number": str(raw.get("number", "")),
            "document_date": _date(raw["date"]) if raw.get("date") else None,
            "document_title": str(raw.get("title", "")),
            "note": str(event.get("note", raw.get("note", ""))),
        }

    def initial_units(self, specs: list[dict[str, Any]]) -> None:
        """Units known before the events, created as they stood (no event: data that predates
        the registry). Existing codes are left alone."""
        for spec in specs:
            if Unit.objects.filter(code=str(spec["code"])).exists():
                continue
            new = self.new_unit(spec)
            unit = Unit(
                code=new.code,
                name=new.name,
                kind=new.kind,
                parent=new.parent,
                headcount=new.headcount,
                valid_from=_date(spec["valid_from"]) if spec.get("valid_from") else REGISTRY_EPOCH,
            )
            unit.save()
            self.report.units_created.append(f"{unit.code} — {unit.name}")

    def event(self, number: int, event: dict[str, Any]) -> None:
        kind = str(event.get("kind", ""))
        on = _date(event["date"])
        key = f"{kind}:{on.isoformat()}:{event.get('id') or _event_subject(event)}"
        label = f"{on:%d/%m/%Y} {kind} {_event_subject(event)}"
        if UnitEvent.objects.filter(key=key).exists():
            self.report.skipped.append(label)
            return
        document = self.document(event)
        handler: Callable[..., Any] | None = getattr(self, f"_{kind}", None)
        if handler is None:
            raise ValueError(_("loại sự kiện “%(kind)s” không hợp lệ") % {"kind": kind})
        handler(event, on=on, document=document, key=key)
        self.report.applied.append(label + _describe(event))

    def _create(self, event: dict, *, on, document, key) -> None:
        spec = dict(event)
        spec["kind"] = event.get("unit_kind", "")
        unit_create(spec=self.new_unit(spec), on=on, document=document, key=key)

    def _rename(self, event: dict, *, on, document, key) -> None:
        unit_rename(
            unit=self.unit(event["unit"]),
            on=on,
            name=str(event["name"]),
            code=str(event["code"]) if event.get("code") else None,
            document=document,
            key=key,
        )

    def _move(self, event: dict, *, on, document, key) -> None:
        unit_move(
            unit=self.unit(event["unit"]),
            on=on,
            parent=self.unit(event["parent"]),
            document=document,
            key=key,
        )

    def _dissolve(self, event: dict, *, on, document, key) -> None:
        units = [self.unit(code) for code in event.get("units") or [event.get("unit")]]
        heirs = {
            self.unit(pred).pk: self.unit(succ) for pred, succ in (event.get("heirs") or {}).items()
        }
        children_to = event.get("children_to")
        unit_dissolve(
            units=units,
            on=on,
            children_to=self.unit(children_to) if children_to else None,
            heirs=heirs,
            document=document,
            key=key,
        )

    def _merge(self, event: dict, *, on, document, key) -> None:
        into = event["into"]
        target = self.new_unit(into) if isinstance(into, dict) else self.unit(into)
        unit_merge(
            sources=[self.unit(code) for code in event["from"]],
            into=target,
            on=on,
            name=str(event["name"]) if event.get("name") else None,
            document=document,
            key=key,
        )

    def _split(self, event: dict, *, on, document, key) -> None:
        parts = [self.new_unit(p) if isinstance(p, dict) else self.unit(p) for p in event["into"]]
        children_to = event.get("children_to")
        unit_split(
            source=self.unit(event["from"]),
            into=parts,
            on=on,
            children_to=self.unit(children_to) if children_to else None,
            document=document,
            key=key,
        )


def _event_subject(event: dict[str, Any]) -> str:
    for name in ("units", "from", "unit", "code"):
        value = event.get(name)
        if value:
            return ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return ""


def _describe(event: dict[str, Any]) -> str:
    into = event.get("into")
    if isinstance(into, dict):
        return f" → {into.get('code')} ({into.get('name')})"
    if isinstance(into, list):
        return " → " + ", ".join(str(p.get("code") if isinstance(p, dict) else p) for p in into)
    if into:
        return f" → {into}" + (f" ({event['name']})" if event.get("name") else "")
    if event.get("name"):
        return f" → {event['name']}"
    if event.get("parent"):
        return f" → {event['parent']}"
    if event.get("children_to"):
        return f" (đơn vị trực thuộc → {event['children_to']})"
    return ""


def reorganisation_apply(*, data: dict[str, Any], dry_run: bool = False) -> ReorganisationReport:
    """Apply the events in date order, all or nothing. A bad event raises
    ReorganisationError naming it; a dry run reports what would change and writes nothing."""
    report = ReorganisationReport(dry_run=dry_run)
    applier = _Applier(data, report)
    events = sorted(enumerate(data.get("events") or [], 1), key=lambda e: str(e[1].get("date")))
    try:
        with transaction.atomic():
            applier.initial_units(data.get("units") or [])
            for number, event in events:
                try:
                    applier.event(number, event)
                except (KeyError, ValueError, ValidationError) as exc:
                    message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else exc
                    raise ReorganisationError(
                        _("Sự kiện %(number)s (%(subject)s): %(message)s")
                        % {"number": number, "subject": _event_subject(event), "message": message}
                    ) from exc
            # A unit's present state depends on today: refresh the ones the file touched.
            touched = Unit.objects.filter(versions__event__key__isnull=False).distinct()
            units_refresh(list(touched))
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return report


def registry_is_consistent(on: datetime.date) -> list[str]:
    """What is wrong with the tree on `on` (empty: nothing): a unit with two versions, a parent
    not in force, a province with a parent or another unit without one, a cycle."""
    problems: list[str] = []
    versions = list(UnitVersion.objects.in_force(on).values_list("unit_id", "kind", "parent_id"))
    ids = [v[0] for v in versions]
    if len(ids) != len(set(ids)):
        problems.append("two versions of one unit")
    parents = {unit_id: parent for unit_id, _kind, parent in versions}
    for unit_id, kind, parent in versions:
        if kind == UnitKind.PROVINCE and parent is not None:
            problems.append(f"province {unit_id} has a parent")
        if kind != UnitKind.PROVINCE and parent is None:
            problems.append(f"unit {unit_id} has no parent")
        if parent is not None and parent not in parents:
            problems.append(f"unit {unit_id}: parent {parent} not in force")
        seen, current = {unit_id}, parent
        while current is not None:
            if current in seen:
                problems.append(f"cycle through {unit_id}")
                break
            seen.add(current)
            current = parents.get(current)
    return problems
