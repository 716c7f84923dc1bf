"""For random sequences of events (create, rename, move, merge, split, dissolve), every date has a
valid tree: no cycle, every parent in force, one root per province, no unit with two versions on
one day. Events the registry refuses (a cycle, a dissolved parent) leave it unchanged."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from commendations.units.models import Unit, UnitKind, UnitVersion
from commendations.units.reorganisation import registry_is_consistent
from commendations.units.services import (
    NewUnit,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_move,
    unit_rename,
    unit_split,
)

START = datetime.date(2024, 1, 1)

operation = st.tuples(
    st.sampled_from(["create", "rename", "move", "merge", "split", "dissolve"]),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=1, max_value=40),  # days after the previous event
)


def _alive(on: datetime.date) -> list[Unit]:
    return list(Unit.objects.in_force(on).exclude(kind=UnitKind.PROVINCE).order_by("code")) or list(
        Unit.objects.in_force(on).order_by("code")
    )


def _apply(kind: str, a: int, b: int, on: datetime.date, counter: list[int]) -> None:
    units = _alive(on)
    province = Unit.objects.get(code="P")
    first, second = units[a % len(units)], units[b % len(units)]
    counter[0] += 1
    code = f"N{counter[0]}"
    if kind == "create":
        unit_create(spec=NewUnit(code, code, UnitKind.COMMUNE, second), on=on)
    elif kind == "rename":
        unit_rename(unit=first, on=on, name=f"{first.name}'")
    elif kind == "move":
        unit_move(unit=first, on=on, parent=second)
    elif kind == "merge":
        unit_merge(sources=[first, second], into=second, on=on)
    elif kind == "split":
        unit_split(
            source=first,
            into=[NewUnit(code, code, UnitKind.COMMUNE, province), second],
            on=on,
        )
    else:
        unit_dissolve(units=[first], on=on)


class RegistryPropertyTest(TestCase):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(operation, min_size=1, max_size=12))
    def test_every_date_has_a_valid_tree(self, operations):
        province = Unit.objects.create(code="P", name="Tỉnh", kind=UnitKind.PROVINCE)
        district = Unit.objects.create(code="D", name="Huyện", kind="district", parent=province)
        for index in range(3):
            Unit.objects.create(
                code=f"C{index}", name=f"Xã {index}", kind="commune", parent=district
            )
        on, counter, dates = START, [0], [START]
        for kind, a, b, days in operations:
            on += datetime.timedelta(days=days)
            dates.append(on)
            try:
                with transaction.atomic():
                    _apply(kind, a, b, on, counter)
            except ValidationError:
                pass  # refused: and nothing of it was written
        for day in {d + datetime.timedelta(days=k) for d in dates for k in (-1, 0, 1)}:
            assert registry_is_consistent(day) == [], (day, operations)
        roots = UnitVersion.objects.filter(parent__isnull=True).values_list("unit__code", flat=True)
        assert set(roots) == {"P"}


@pytest.mark.django_db
def test_the_checker_sees_a_broken_tree():
    """The property's oracle is not blind: it reports a unit whose parent is gone."""
    province = Unit.objects.create(code="P", name="Tỉnh", kind=UnitKind.PROVINCE)
    unit = Unit.objects.create(code="C", name="Xã", kind="commune", parent=province)
    UnitVersion.objects.filter(unit=province).update(valid_to=datetime.date(2025, 1, 1))
    assert registry_is_consistent(datetime.date(2025, 6, 1)) == [
        f"unit {unit.pk}: parent {province.pk} not in force"
    ]
