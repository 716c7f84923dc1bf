"""The nomination page prints the nominee's rank and position without an empty rank's comma."""

import pytest

pytestmark = pytest.mark.django_db


def test_no_leading_comma_without_rank(login, make_nomination, officer):
    nomination = make_nomination(
        "draft", nominee_kind="individual", rank="", position="Trưởng thôn"
    )
    body = login(officer).get(nomination.get_absolute_url()).content.decode()
    assert ", Trưởng thôn" not in body and "Trưởng thôn" in body
