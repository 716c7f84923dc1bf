"""The decision page's preview counts the list the way the Quyết định does: "1 tập thể và 1 cá
nhân", not "2 tập thể, cá nhân"."""

import pytest
from django.urls import reverse

from tests.certificate_fixtures import awaiting, draft, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_the_preview_splits_collectives_and_individuals(
    client, campaign, district, officer, member, secretary, director, director_award
):
    specs = [
        (director_award, "collective", "Công an xã Một", {}),
        (director_award, "individual", "Nguyễn Văn A", {"rank": "Đại úy"}),
    ]
    decision = draft(director, awaiting(campaign, district, officer, member, secretary, specs))
    client.force_login(director)
    page = client.get(reverse("decision_detail", args=[decision.pk])).content.decode()
    assert "Khen thưởng 1 tập thể và 1 cá nhân có tên sau:" in page
