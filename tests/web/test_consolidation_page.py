"""The district's consolidation page: its communes' nominations by campaign, "Tổng hợp và chuyển
lên" for all or the ticked ones, and returning one with the reason."""

import pytest
from django.urls import reverse

from commendations.actions.registry import action_run
from tests.factories import CampaignFactory, NominationFactory
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(by_district, commune, director_award, commune_officer):
    """Three commune nominations submitted to the district."""
    items = []
    for i in range(3):
        item = NominationFactory(
            campaign=by_district,
            unit=commune,
            award_type=director_award,
            nominee_name=f"Tổ tự quản số {i + 1}",
        )
        action_run(instance=item, name="submit", actor=commune_officer)
        items.append(item)
    return items


def states(items) -> list[str]:
    for item in items:
        item.refresh_from_db()
    return [item.state for item in items]


def test_the_district_officer_sees_its_communes_list_by_campaign_and_a_home_card(
    login, officer, waiting, by_district
):
    client = login(officer)
    body = client.get(reverse("consolidation_list")).content.decode()
    assert f'data-campaign="{by_district.pk}"' in body
    assert all(item.nominee_name in body for item in waiting)
    assert "Tổng hợp và chuyển lên (3 hồ sơ)" in body
    home = client.get(reverse("home")).content.decode()
    home_card = home.split('data-queue="consolidation"', 1)[1].split("</a>", 1)[0]
    assert ">3<" in home_card
    assert reverse("consolidation_list") in home.split('data-queue="consolidation"', 1)[0][-200:]


def test_the_commune_officer_has_nothing_to_consolidate_and_no_home_card(
    login, commune_officer, waiting
):
    client = login(commune_officer)
    body = client.get(reverse("consolidation_list")).content.decode()
    assert not any(item.nominee_name in body for item in waiting)
    assert 'data-queue="consolidation"' not in client.get(reverse("home")).content.decode()


def test_another_district_sees_none_of_them(login, other_officer, waiting):
    body = login(other_officer).get(reverse("consolidation_list")).content.decode()
    assert not any(item.nominee_name in body for item in waiting)


def test_consolidate_all_forwards_every_waiting_nomination_with_the_comment(
    login, officer, waiting, by_district
):
    response = login(officer).post(
        reverse("consolidation_forward"),
        {"campaign": by_district.pk, "scope": "all", "comment": "Công an huyện đã thẩm định"},
        follow=True,
    )
    assert "Đã tổng hợp và chuyển lên 3 hồ sơ" in response.content.decode()
    assert states(waiting) == ["submitted"] * 3
    log = TransitionLog.objects.for_object(waiting[0]).last()
    assert (log.transition, log.actor, log.comment) == (
        "consolidate",
        officer,
        "Công an huyện đã thẩm định",
    )


def test_consolidate_only_the_ticked_ones(login, officer, waiting, by_district):
    login(officer).post(
        reverse("consolidation_forward"),
        {"campaign": by_district.pk, "scope": "selected", "ids": [waiting[1].pk]},
    )
    assert states(waiting) == ["awaiting_consolidation", "submitted", "awaiting_consolidation"]


def test_ticking_nothing_forwards_nothing(login, officer, waiting, by_district):
    response = login(officer).post(
        reverse("consolidation_forward"), {"campaign": by_district.pk, "scope": "selected"}
    )
    assert response.status_code == 302
    assert states(waiting) == ["awaiting_consolidation"] * 3


def test_consolidate_all_of_another_campaign_leaves_these(login, officer, waiting):
    other = CampaignFactory()
    login(officer).post(reverse("consolidation_forward"), {"campaign": other.pk, "scope": "all"})
    assert states(waiting) == ["awaiting_consolidation"] * 3


def test_the_district_returns_one_with_the_reason(login, officer, commune_officer, waiting):
    client = login(officer)
    url = reverse("consolidation_return", args=[waiting[0].pk])
    response = client.post(url, {"comment": ""}, follow=True)
    assert "Cần ghi rõ lý do trả lại" in response.content.decode()
    client.post(url, {"comment": "Thiếu biên bản họp xét của xã"})
    assert states(waiting) == ["returned", "awaiting_consolidation", "awaiting_consolidation"]
    page = login(commune_officer).get(waiting[0].get_absolute_url()).content.decode()
    assert "Thiếu biên bản họp xét của xã" in page


def test_the_commune_cannot_consolidate_or_return_its_own(login, commune_officer, waiting):
    client = login(commune_officer)
    client.post(reverse("consolidation_return", args=[waiting[0].pk]), {"comment": "x"})
    client.post(
        reverse("consolidation_forward"),
        {"campaign": waiting[0].campaign_id, "scope": "selected", "ids": [waiting[1].pk]},
    )
    assert states(waiting) == ["awaiting_consolidation"] * 3
