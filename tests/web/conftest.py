import pytest

from tests.factories import NominationFactory
from tests.helpers import advance


@pytest.fixture
def make_nomination(campaign, district, officer, member, secretary, director_award):
    """A nomination of `district` driven through the real transitions to `state`."""

    def make(state: str = "draft", **kwargs):  # noqa: ANN202
        kwargs.setdefault("campaign", campaign)
        kwargs.setdefault("unit", district)
        kwargs.setdefault("award_type", director_award)
        kwargs.setdefault("created_by", officer)
        nomination = NominationFactory(**kwargs)
        return advance(nomination, state, officer=officer, member=member, secretary=secretary)

    return make


@pytest.fixture
def login(client):
    def as_user(user):  # noqa: ANN001, ANN202
        client.force_login(user)
        return client

    return as_user
