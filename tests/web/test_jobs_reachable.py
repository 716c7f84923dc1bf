"""Every job has a path from the home page (issue #27 §2, §3): "Đề nghị cấp lại" and "Xác minh"
on each certificate, a card and a notification for pending replacement requests, unit names
that open the unit's award history, a unit picker there, and the history naming the awarded unit
as it was called, and where it sat, on the award's date."""

import datetime

import pytest
from django.urls import reverse

from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_path
from commendations.notifications.models import Notification
from commendations.units.services import unit_move, unit_rename
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.factories import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def rendered(campaign, district, officer, member, secretary, director, director_award):
    specs = [(director_award, "collective", "Công an xã Ia Sao", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = issue(draft(director, nominations), director)
    Certificate.objects.filter(decision=decision).update(state="rendered")
    return Certificate.objects.get(decision=decision)


def test_each_certificate_row_offers_replacement_and_verification(login, rendered, clerk):
    body = login(clerk).get(rendered.decision.get_absolute_url()).content.decode()
    assert reverse("replacement_create", args=[rendered.pk]) in body
    assert verification_path(rendered) in body
    assert reverse("unit_history", args=[rendered.nomination.unit_id]) in body


def test_the_director_is_offered_no_replacement_request_form(login, rendered, director):
    body = login(director).get(rendered.decision.get_absolute_url()).content.decode()
    assert reverse("replacement_create", args=[rendered.pk]) not in body


def request_replacement(client, certificate):
    return client.post(
        reverse("replacement_create", args=[certificate.pk]),
        {"applicant": "Trưởng Công an xã", "kind": "cap_lai", "reason": "Bị mất khi chuyển trụ sở"},
    )


def test_a_request_reaches_the_director_by_a_card_and_a_notification(
    login, rendered, clerk, director
):
    assert request_replacement(login(clerk), rendered).status_code == 302
    notification = Notification.objects.filter(recipient=director).latest("pk")
    assert notification.url == reverse("replacement_list")
    for user in (clerk, director):
        home = login(user).get(reverse("home"))
        cards = {card["key"]: card for card in home.context["queues"]}
        assert cards["replacements"]["count"] == 1, user
        assert cards["replacements"]["url"] == reverse("replacement_list")


def test_no_replacement_card_for_roles_that_cannot_see_requests(login, officer):
    home = login(officer).get(reverse("home"))
    assert "replacements" not in {card["key"] for card in home.context["queues"]}


def test_the_nomination_page_links_its_units_history(login, rendered, director):
    body = login(director).get(rendered.nomination.get_absolute_url()).content.decode()
    assert reverse("unit_history", args=[rendered.nomination.unit_id]) in body


def test_the_history_page_has_a_unit_picker(login, district, province, officer):
    client = login(officer)
    page = client.get(reverse("unit_history", args=[district.pk]))
    assert f'<option value="{province.pk}"' in page.content.decode()
    picked = client.get(reverse("unit_history", args=[district.pk]), {"unit": province.pk})
    assert picked.status_code == 302
    assert picked["Location"] == reverse("unit_history", args=[province.pk])


def test_the_history_names_the_awarded_unit_and_its_parent_as_they_were(
    login, campaign, district, province, officer, member, secretary, director, director_award
):
    old_district = UnitFactory(code="CA-CP", name="Công an huyện Chư Păh", parent=province)
    town = UnitFactory(code="CA-PH", name="Công an thị trấn Phú Hòa", parent=old_district,
                       kind="commune")  # fmt: skip
    specs = [(director_award, "collective", "Công an thị trấn Phú Hòa", {"nominee_unit": town})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    issue(draft(director, nominations), director)
    later = datetime.date(2025, 7, 1)
    unit_rename(unit=town, on=later, name="Công an xã Phú Hòa")
    unit_move(unit=town, on=later, parent=district)
    body = login(officer).get(reverse("unit_history", args=[town.pk])).content.decode()
    row = body[body.index("<tbody>") :]
    assert "Công an thị trấn Phú Hòa" in row and "Công an huyện Chư Păh" in row
    assert "Công an xã Phú Hòa" not in row
