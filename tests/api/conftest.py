import pytest
from rest_framework.test import APIClient

from commendations.tokens.services import api_token_issue
from tests.factories import NominationFactory


@pytest.fixture
def as_user():
    """An API client logged in as the given user (token auth, as an integration would)."""

    def make(user) -> APIClient:
        client = APIClient()
        _token, key = api_token_issue(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


@pytest.fixture
def own_draft(campaign, district, officer, director_award):
    return NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, created_by=officer
    )


@pytest.fixture
def other_draft(campaign, other_district, director_award):
    return NominationFactory(campaign=campaign, unit=other_district, award_type=director_award)
