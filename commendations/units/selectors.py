"""Reads of the dated unit registry. Each answers in a fixed number of queries whatever the depth
of the tree or the length of a lineage: the rows of one day (or every link) are read at once and
walked in memory."""

import datetime
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commendations.units.models import (
    Person,
    ServiceRecord,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitLink,
    UnitVersion,
)
from commendations.validity import covers


@dataclass(frozen=True)
class UnitNode:
    """A unit as it stood on one day."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass
class UnitTree:
    """The tree in force on `on`: nodes by id, children by parent id."""

    on: datetime.date
    nodes: dict[int, UnitNode] = field(default_factory=dict)
    children: dict[int | None, list[int]] = field(default_factory=dict)

    def ancestors(self, unit_id: int) -> list[UnitNode]:
        """The unit's ancestors that day, closest first (empty if it did not exist)."""
        chain: list[UnitNode] = []
        seen = {unit_id}
        node = self.nodes.get(unit_id)
        while node is not None and node.parent_id is not None:
            if node.parent_id in seen:  # a cycle would be a registry bug; never loop on it
                break
            seen.add(node.parent_id)
            node = self.nodes.get(node.parent_id)
            if node is not None:
                chain.append(node)
        return chain

    def subtree_ids(self, unit_id: int) -> set[int]:
        """The unit and every unit below it that day."""
        found: set[int] = set()
        queue = deque([unit_id])
        while queue:
            current = queue.popleft()
            if current in found or current not in self.nodes:
                continue
            found.add(current)
            queue.extend(self.children.get(current, []))
        return found

    def roots(self) -> list[UnitNode]:
        return [self.nodes[i] for i in self.children.get(None, [])]

    def ordered(self) -> list[tuple[int, UnitNode]]:
        """Depth-first (depth, node), siblings by code."""
        result: list[tuple[int, UnitNode]] = []
        stack = [(0, i) for i in sorted(self.children.get(None, []), key=self._code, reverse=True)]
        while stack:
            depth, current = stack.pop()
            result.append((depth, self.nodes[current]))
            kids = sorted(self.children.get(current, []), key=self._code, reverse=True)
            stack.extend((depth + 1, k) for k in kids)
        return result

    def _code(self, unit_id: int) -> str:
        return self.nodes[unit_id].code


def _versions_on(on: datetime.date) -> QuerySet[UnitVersion]:
    return UnitVersion.objects.in_force(on)


def unit_tree_on(on: datetime.date | None = None) -> UnitTree:
    """The whole tree in force on `on` (default today). One query."""
    on = on or timezone.localdate()
    tree = UnitTree(on=on)
    rows = _versions_on(on).values_list(
        "unit_id", "code", "name", "kind", "parent_id", "valid_from", "valid_to"
    )
    for row in rows:
        node = UnitNode(*row)
        tree.nodes[node.id] = node
    for node in tree.nodes.values():
        parent = node.parent_id if node.parent_id in tree.nodes else None
        tree.children.setdefault(parent, []).append(node.id)
    return tree


def unit_names_on(unit_ids: Iterable[int], on: datetime.date) -> dict[int, str]:
    """Each unit's name on `on`, for many units at once. One query; a unit that did not exist
    that day gets its nearest name (first before it existed, last after it ended)."""
    ids = set(unit_ids)
    if not ids:
        return {}
    best: dict[int, tuple[int, str]] = {}
    rows = UnitVersion.objects.filter(unit_id__in=ids).values_list(
        "unit_id", "name", "valid_from", "valid_to"
    )
    for unit_id, name, start, end in rows:
        if covers(start, end, on):
            rank = 0
        elif start > on:
            rank = 1 + (start - on).days  # not yet: the first name
        else:
            rank = 1 + (on - start).days  # ended: the latest name
        if unit_id not in best or rank < best[unit_id][0]:
            best[unit_id] = (rank, name)
    return {unit_id: name for unit_id, (_rank, name) in best.items()}


def unit_name_on(unit: Unit, on: datetime.date) -> str:
    """The name a unit had on `on` (one query)."""
    return unit.name_on(on)


def unit_parent_on(unit: Unit, on: datetime.date) -> Unit | None:
    """The unit's parent on `on` (one query)."""
    return unit.parent_on(on)


def unit_versions(unit: Unit) -> list[UnitVersion]:
    """The unit's timeline, oldest first, with the parent and the event of each version."""
    return list(unit.versions.select_related("parent", "event").order_by("valid_from"))


@dataclass(frozen=True)
class LineageStep:
    """One predecessor or successor: the unit, how far (1 = direct), and the event that linked."""

    unit: Unit
    distance: int
    event: UnitEvent
    via: Unit


@dataclass
class Lineage:
    unit: Unit
    predecessors: list[LineageStep] = field(default_factory=list)
    successors: list[LineageStep] = field(default_factory=list)

    @property
    def predecessor_ids(self) -> set[int]:
        return {step.unit.pk for step in self.predecessors}

    @property
    def family_ids(self) -> set[int]:
        """The unit and all its predecessors: whose history is its history."""
        return {self.unit.pk} | self.predecessor_ids


def _all_links() -> list[UnitLink]:
    return list(UnitLink.objects.select_related("event", "predecessor", "successor"))


def unit_links() -> list[UnitLink]:
    """Every predecessor → successor link with its event and units (one query), for the
    in-memory walks below."""
    return _all_links()


def lineage_member_on(unit_id: int, tree: UnitTree, links: list[UnitLink]) -> int | None:
    """The unit of `unit_id`'s lineage that stands in `tree` (the nearest successor, else the
    nearest predecessor): where a unit that did not exist that day is counted."""
    for backwards in (False, True):
        for step in _walk(Unit(pk=unit_id), links, backwards=backwards):
            if step.unit.pk in tree.nodes:
                return step.unit.pk
    return None


def predecessor_names(links: list[UnitLink]) -> dict[int, list[str]]:
    """For every unit with predecessors, their names (transitively), nearest first."""
    result: dict[int, list[str]] = {}
    for successor_id in {link.successor_id for link in links}:
        steps = _walk(Unit(pk=successor_id), links, backwards=True)
        result[successor_id] = [step.unit.name for step in steps]
    return result


def _walk(unit: Unit, links: list[UnitLink], *, backwards: bool) -> list[LineageStep]:
    edges: dict[int, list[UnitLink]] = {}
    for link in links:
        key = link.successor_id if backwards else link.predecessor_id
        edges.setdefault(key, []).append(link)
    steps: list[LineageStep] = []
    seen = {unit.pk}
    queue = deque([(unit.pk, 0)])
    while queue:
        current, distance = queue.popleft()
        for link in sorted(edges.get(current, []), key=lambda x: (x.event.date, x.pk)):
            other = link.predecessor if backwards else link.successor
            if other.pk in seen:
                continue
            seen.add(other.pk)
            via = link.successor if backwards else link.predecessor
            steps.append(LineageStep(unit=other, distance=distance + 1, event=link.event, via=via))
            queue.append((other.pk, distance + 1))
    return steps


def unit_lineage(unit: Unit) -> Lineage:
    """Every predecessor and successor of `unit`, transitively, with the linking event. One
    query (all links with their units and events) whatever the length of the chain."""
    links = _all_links()
    return Lineage(
        unit=unit,
        predecessors=_walk(unit, links, backwards=True),
        successors=_walk(unit, links, backwards=False),
    )


def unit_family_ids(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """For several units: each one with all its predecessors. One query."""
    links = _all_links()
    result: dict[int, set[int]] = {}
    units = {link.successor_id: link.successor for link in links}
    for unit_id in set(unit_ids):
        unit = units.get(unit_id) or Unit(pk=unit_id)
        result[unit_id] = {unit_id} | {s.unit.pk for s in _walk(unit, links, backwards=True)}
    return result


def unit_heir(unit: Unit, on: datetime.date | None = None) -> Unit | None:
    """The unit in force on `on` (default today) that inherited `unit`'s open work and
    accounts, following the `inherits` links (Chư Păh → Phú Hòa → xã Chư Păh). One query for the
    links; None when the unit is still in force or nobody was named."""
    on = on or timezone.localdate()
    if unit.is_in_force(on):
        return None
    heirs = {
        link.predecessor_id: link.successor
        for link in UnitLink.objects.filter(inherits=True).select_related("successor")
    }
    seen = {unit.pk}
    current = heirs.get(unit.pk)
    while current is not None and not current.is_in_force(on) and current.pk not in seen:
        seen.add(current.pk)
        current = heirs.get(current.pk)
    return current if current is not None and current.is_in_force(on) else None


def unit_not_in_force_message(unit: Unit, on: datetime.date | None = None) -> str | None:
    """Why `unit` cannot be acted for on `on` (default today), naming the unit in force that
    took over its work — what a client holding an id from before a reorganisation needs to go
    on; None while the unit is in force. The API's 400 and the web form's error say the same."""
    on = on or timezone.localdate()
    if unit.is_in_force(on):
        return None
    if unit.valid_from > on:
        return _("Đơn vị “%(name)s” (mã %(code)s) hoạt động từ %(date)s.") % {
            "name": unit.name,
            "code": unit.code,
            "date": f"{unit.valid_from:%d/%m/%Y}",
        }
    link = (
        UnitLink.objects.filter(predecessor=unit)
        .select_related("event")
        .order_by("-inherits", "-event__date", "pk")
        .first()
    )
    values = {
        "name": unit.name,
        "code": unit.code,
        "ended": {
            UnitEventKind.MERGE: _("đã sáp nhập"),
            UnitEventKind.SPLIT: _("đã chia tách"),
        }.get(link.event.kind if link else "", _("đã giải thể")),
        "date": f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "",
    }
    heir = unit_heir(unit, on)
    if heir is None:
        return (
            _(
                "Đơn vị “%(name)s” (mã %(code)s) %(ended)s từ %(date)s và không có đơn vị kế "
                "thừa: chọn một đơn vị đang hoạt động."
            )
            % values
        )
    return _(
        "Đơn vị “%(name)s” (mã %(code)s) %(ended)s từ %(date)s; đơn vị kế thừa: "
        "%(heir)s (mã %(heir_code)s, id %(heir_id)s)."
    ) % {**values, "heir": heir.name, "heir_code": heir.code, "heir_id": heir.pk}


def units_in_force(on: datetime.date | None = None) -> QuerySet[Unit]:
    """The units that exist on `on` (default today): what a unit picker offers."""
    return Unit.objects.in_force(on or timezone.localdate())


def predecessor_note(lineage: Lineage) -> str:
    """The names of the predecessors as a list a page can print after "gồm cả đơn vị tiền
    thân: "; empty when there are none."""
    return ", ".join(step.unit.name for step in lineage.predecessors)


@dataclass
class UnitResolver:
    """Finds a unit by its code, or by any name it has had (old names included), for imports.
    Built in two queries; `resolve` answers (unit id, None) or (None, the row's error)."""

    by_code: dict[str, int]
    by_name: dict[str, set[int]]
    labels: dict[int, str]

    @classmethod
    def build(cls) -> "UnitResolver":
        by_code = {code.casefold(): pk for code, pk in Unit.objects.values_list("code", "pk")}
        by_name: dict[str, set[int]] = {}
        labels: dict[int, str] = {}
        rows = UnitVersion.objects.values_list("unit_id", "name", "code", "valid_from", "valid_to")
        for unit_id, name, code, start, end in rows.order_by("valid_from"):
            by_name.setdefault(" ".join(name.split()).casefold(), set()).add(unit_id)
            by_code.setdefault(code.casefold(), unit_id)  # an old code still finds the unit
            until = f"{end:%d/%m/%Y}" if end else "nay"
            labels[unit_id] = f"{code} ({start:%d/%m/%Y}–{until})"
        return cls(by_code=by_code, by_name=by_name, labels=labels)

    def resolve(self, text: str) -> tuple[int | None, str | None]:
        key = " ".join(text.split()).casefold()
        if key in self.by_code:
            return self.by_code[key], None
        found = self.by_name.get(key, set())
        if len(found) == 1:
            return next(iter(found)), None
        if not found:
            return None, _("không có đơn vị mã hoặc tên “%(text)s”.") % {"text": text}
        candidates = ", ".join(sorted(self.labels[i] for i in found))
        return None, _("tên “%(text)s” khớp nhiều đơn vị (%(candidates)s): ghi mã đơn vị.") % {
            "text": text,
            "candidates": candidates,
        }


def person_record_on(person: Person, on: datetime.date) -> ServiceRecord | None:
    """The person's unit, rank and position on `on` (one query)."""
    return person.service_records.in_force(on).select_related("unit").first()


def person_service_history(person: Person) -> list[ServiceRecord]:
    return list(person.service_records.select_related("unit").order_by("valid_from"))
