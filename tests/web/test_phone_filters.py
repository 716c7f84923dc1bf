"""On a phone the list's filters fold away behind one button (issue #27 §8): the search stays
in view, the other fields are in a collapse shown from md up, opened when one of them is used."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _more(body: str) -> str:
    start = body.index('id="filter-more"')
    return body[body.rindex("<div", 0, start) : start]


def test_the_filters_fold_on_a_phone_and_the_search_stays(login, officer):
    body = login(officer).get(reverse("nomination_list")).content.decode()
    assert 'data-bs-target="#filter-more"' in body
    folded = _more(body)
    assert "collapse d-md-block" in folded and "show" not in folded
    before = body[: body.index('id="filter-more"')]
    assert 'name="q"' in before  # the search box is outside the fold


def test_a_filter_in_use_keeps_the_fold_open(login, officer):
    body = login(officer).get(reverse("nomination_list"), {"state": "draft"}).content.decode()
    assert "show" in _more(body)
