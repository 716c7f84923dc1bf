import sys
import traceback

import pytest
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
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


@pytest.fixture
def wsgi_keeps_test_connection():
    """The WSGI handler closes database connections at the end of a request, which would end
    the test's transaction; Django's test client disconnects the same signals. A server error's
    traceback is printed (the WSGI app turns it into a 500)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def dump(sender, request, **kwargs):
        traceback.print_exc(file=sys.stdout)

    got_request_exception.connect(dump)
    yield
    got_request_exception.disconnect(dump)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
