"""People over time: a transfer closes one service record and opens the next; the person's page
lists every award across units, each unit named as it was; a unit's page includes its
predecessors' awards with the note."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commendations.access.roles import Role
from commendations.units.models import HonourRecord, Person
from commendations.units.selectors import person_record_on
from commendations.units.services import person_transfer
from tests.factories import make_user
from tests.units.conftest import AFTER, DISSOLVED

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(reorganised):
    return Person.objects.create(
        code="GL-7", full_name="Nguyễn Văn Hùng", unit=reorganised["ia_ly"]
    )


def test_a_transfer_keeps_the_history(reorganised, person):
    person_transfer(
        person=person, on=datetime.date(2024, 1, 1), rank="Đại úy", position="Phó trưởng Công an"
    )
    person_transfer(
        person=person, on=datetime.date(2025, 8, 1), unit=reorganised["new"], rank="Thiếu tá"
    )
    person.refresh_from_db()
    assert person.unit == reorganised["new"]
    old = person_record_on(person, datetime.date(2024, 6, 1))
    assert (old.unit, old.rank, old.position) == (
        reorganised["ia_ly"],
        "Đại úy",
        "Phó trưởng Công an",
    )
    now = person_record_on(person, AFTER)
    assert (now.unit, now.rank, now.position) == (
        reorganised["new"],
        "Thiếu tá",
        "Phó trưởng Công an",
    )
    assert person.service_records.count() == 3
    with pytest.raises(ValidationError):  # to a dissolved unit
        person_transfer(person=person, on=AFTER, unit=reorganised["district"])
    with pytest.raises(ValidationError):  # rewriting the past
        person_transfer(person=person, on=DISSOLVED, rank="Trung úy")


def test_the_person_page_lists_awards_across_units_with_names_of_the_time(
    client, reorganised, person
):
    HonourRecord.objects.create(person=person, year=2022, kind="cstdcs", reference="12/QĐ")
    person_transfer(person=person, on=datetime.date(2025, 8, 1), unit=reorganised["new"])
    HonourRecord.objects.create(person=person, year=2025, kind="htxsnv")
    client.force_login(make_user(Role.COMMITTEE_MEMBER, reorganised["province"], username="m"))
    page = client.get(reverse("person_history", args=[person.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page and "Hoàn thành xuất sắc nhiệm vụ" in page
    assert "Công an thị trấn Ia Ly" in page  # the service record of before, by its old name
    assert "Công an xã Chư Păh" in page
    stranger = make_user(Role.UNIT_OFFICER, reorganised["province"], username="o")
    stranger.profile.unit = None
    stranger.profile.save()
    client.force_login(stranger)
    assert client.get(reverse("person_history", args=[person.pk])).status_code == 404


def test_the_unit_page_includes_predecessors_with_the_note(client, reorganised):
    HonourRecord.objects.create(unit=reorganised["district"], year=2023, kind="dvqt")
    HonourRecord.objects.create(unit=reorganised["new"], year=2025, kind="dvqt")
    client.force_login(make_user(Role.COMMITTEE_MEMBER, reorganised["province"], username="m"))
    page = client.get(reverse("unit_history", args=[reorganised["new"].pk])).content.decode()
    assert "gồm cả đơn vị tiền thân: Công an thị trấn Phú Hòa, Công an xã Hòa Phú, " in page
    assert page.count("Đơn vị quyết thắng") == 2
    assert "Công an huyện Chư Păh" in page  # the 2023 award, under the name of 2023
