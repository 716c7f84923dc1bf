"""The dated unit registry over a real tree: names, parents, the tree and the lineage on any date,
each in a fixed number of queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commendations.units.models import Unit, UnitKind
from commendations.units.reorganisation import registry_is_consistent
from commendations.units.selectors import (
    unit_heir,
    unit_lineage,
    unit_names_on,
    unit_tree_on,
    units_in_force,
)
from commendations.units.services import unit_move
from tests.factories import UnitFactory
from tests.units.conftest import AFTER, BEFORE, BETWEEN, DISSOLVED, MERGED

pytestmark = pytest.mark.django_db


def test_names_and_parents_follow_the_dates(reorganised):
    ia_ly, district, province = (
        reorganised["ia_ly"],
        reorganised["district"],
        reorganised["province"],
    )
    assert ia_ly.name_on(BEFORE) == "Công an thị trấn Ia Ly"
    assert ia_ly.name_on(AFTER) == "Công an xã Ia Ly"
    assert ia_ly.parent_on(BEFORE) == district
    assert ia_ly.parent_on(BETWEEN) == province
    assert district.parent_on(AFTER) is None  # no longer exists
    assert district.name_on(AFTER) == "Công an huyện Chư Păh"  # its last name, for old papers
    # The present state (what existing code reads) is today's version.
    assert (ia_ly.name, ia_ly.parent) == ("Công an xã Ia Ly", province)
    assert ia_ly.path == "CAT-GL/CA-IALY"
    assert district.valid_to == DISSOLVED and not district.is_in_force(AFTER)


def test_the_tree_on_a_date(reorganised):
    before = unit_tree_on(BEFORE)
    after = unit_tree_on(AFTER)
    district, ia_ly, new = reorganised["district"], reorganised["ia_ly"], reorganised["new"]
    assert [n.code for n in before.ancestors(ia_ly.pk)] == ["CA-CHUPAH", "CAT-GL"]
    assert [n.code for n in after.ancestors(ia_ly.pk)] == ["CAT-GL"]
    assert district.pk in before.nodes and district.pk not in after.nodes
    assert new.pk in after.nodes and new.pk not in before.nodes
    assert before.subtree_ids(district.pk) == {
        district.pk,
        reorganised["phu_hoa"].pk,
        reorganised["hoa_phu"].pk,
        ia_ly.pk,
    }
    assert [n.code for n in after.roots()] == ["CAT-GL"]
    assert [(depth, n.code) for depth, n in after.ordered()] == [
        (0, "CAT-GL"),
        (1, "CA-IALY"),
        (1, "CA-XA-CHUPAH"),
    ]
    assert set(units_in_force(AFTER)) == {reorganised["province"], ia_ly, new}


def test_the_lineage_goes_both_ways_with_the_events(reorganised):
    new, district = reorganised["new"], reorganised["district"]
    lineage = unit_lineage(new)
    assert [(s.unit.code, s.distance) for s in lineage.predecessors] == [
        ("CA-PHUHOA", 1),
        ("CA-HOAPHU", 1),
        ("CA-CHUPAH", 2),
    ]
    assert {s.event.date for s in lineage.predecessors} == {MERGED, DISSOLVED}
    down = unit_lineage(district)
    assert [s.unit.code for s in down.successors] == ["CA-PHUHOA", "CA-XA-CHUPAH"]
    assert unit_heir(district, AFTER) == new
    assert unit_heir(district, BETWEEN) == reorganised["phu_hoa"]
    assert unit_heir(new, AFTER) is None  # still in force


def test_names_of_many_units_on_a_date(reorganised):
    ids = [u.pk for u in reorganised.values()]
    names = unit_names_on(ids, BEFORE)
    assert names[reorganised["ia_ly"].pk] == "Công an thị trấn Ia Ly"
    assert names[reorganised["new"].pk] == "Công an xã Chư Păh"  # before it existed: its first


def _deep_chain(depth: int) -> Unit:
    parent = UnitFactory(code="ROOT", kind=UnitKind.PROVINCE)
    for level in range(depth):
        parent = UnitFactory(code=f"L{depth}-{level}", parent=parent)
    return parent


@pytest.mark.parametrize("depth", [2, 12])
def test_the_tree_and_a_lineage_cost_a_fixed_number_of_queries(depth, django_assert_num_queries):
    leaf = _deep_chain(depth)
    on = datetime.date(2024, 1, 1)
    with django_assert_num_queries(1):
        tree = unit_tree_on(on)
        assert len(tree.ancestors(leaf.pk)) == depth
    with django_assert_num_queries(1):
        unit_lineage(leaf)
    with django_assert_num_queries(1):
        leaf.name_on(on)
    with django_assert_num_queries(1):
        leaf.parent_on(on)
    with django_assert_num_queries(1):
        unit_names_on([leaf.pk, leaf.parent_id], on)


def test_a_move_that_would_make_a_cycle_is_refused(reorganised):
    province, ia_ly = reorganised["province"], reorganised["ia_ly"]
    other = UnitFactory(code="CA-X", parent=province, kind=UnitKind.COMMUNE)
    with pytest.raises(ValidationError):
        unit_move(unit=province, on=AFTER, parent=other)  # a province has no parent
    unit_move(unit=other, on=AFTER, parent=ia_ly)
    with pytest.raises(ValidationError):
        unit_move(unit=ia_ly, on=AFTER + datetime.timedelta(days=1), parent=other)


def test_events_are_appended_in_date_order(reorganised):
    with pytest.raises(ValidationError):
        unit_move(unit=reorganised["ia_ly"], on=BETWEEN, parent=reorganised["new"])


def test_the_registry_is_consistent_on_every_date_of_the_story(reorganised):
    for on in (BEFORE, DISSOLVED, BETWEEN, MERGED, AFTER):
        assert registry_is_consistent(on) == []


def test_a_direct_edit_corrects_todays_version(reorganised):
    ia_ly = reorganised["ia_ly"]
    ia_ly.name = "Công an xã Ia Ly (sửa lỗi chính tả)"
    ia_ly.save()
    assert ia_ly.name_on(AFTER) == "Công an xã Ia Ly (sửa lỗi chính tả)"
    assert ia_ly.name_on(BEFORE) == "Công an thị trấn Ia Ly"
