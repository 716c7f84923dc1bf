"""Phones (issue #27 §8): a council session's card summarises its members in one line, the
table folded under it; the /review/ unit filter offers the units in force as a tree, those
dissolved apart under a heading."""

import datetime
import re

import pytest
from django.urls import reverse

from commendations.units.services import unit_dissolve
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_session_card_summarises_its_members_in_one_line(
    login, make_nomination, committee, votes, secretary
):
    nomination = make_nomination("submitted")
    votes(nomination, "for", "against")
    body = login(secretary).get(reverse("committee_session_detail", args=[committee.pk]))
    html = body.content.decode()
    card = html.split(f'id="n-{nomination.pk}"', 1)[1].split('class="card mb-3', 1)[0]
    summary = re.search(r'<summary class="small member-summary">([^<]*)</summary>', card)
    assert summary is not None
    assert (
        summary.group(1) == "4 thành viên: 2 đã biểu quyết, 0 không tham gia xét, 2 chưa biểu quyết"
    )
    assert '<details class="member-details">' in card  # the members' table folds away


def test_the_unit_filter_is_a_tree_of_units_in_force_dissolved_apart(
    login, member, province, district, secretary
):
    commune = UnitFactory(code="X-1", name="Công an xã Một", parent=district, kind="commune")
    gone = UnitFactory(code="H-OLD", name="Công an huyện Cũ", parent=province)
    unit_dissolve(units=[gone], on=datetime.date(2025, 3, 1))
    html = login(member).get(reverse("review_queue")).content.decode()
    picker = html.split('name="unit"', 1)[1].split("</select>", 1)[0]
    in_force = picker.split("<optgroup", 1)[0]
    assert province.name in in_force
    assert (
        f"&nbsp;&nbsp;└ {district.name}" in in_force or f"\u00a0\u00a0└ {district.name}" in in_force
    )
    assert (
        in_force.index(province.name) < in_force.index(district.name) < in_force.index(commune.name)
    )
    assert gone.name not in in_force
    assert 'label="Đơn vị đã giải thể, sáp nhập"' in picker
    assert gone.name in picker.split("<optgroup", 1)[1]
    # Filtering by the dissolved unit still works (old nominations name it).
    response = login(member).get(reverse("review_queue"), {"unit": gone.pk})
    assert response.status_code == 200
