import pytest

from commendations.access.selectors import units_of
from commendations.nominations.selectors import nominations_visible_to
from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db


def test_unit_officer_sees_own_subtree_only(
    campaign, district, commune, other_district, officer, other_officer
):
    own = NominationFactory(campaign=campaign, unit=district)
    child = NominationFactory(campaign=campaign, unit=commune)
    foreign = NominationFactory(campaign=campaign, unit=other_district)
    assert set(nominations_visible_to(officer)) == {own, child}
    assert set(nominations_visible_to(other_officer)) == {foreign}
    assert set(units_of(officer)) == {district, commune}


def test_committee_does_not_see_unit_drafts(campaign, district, officer, member, secretary):
    draft = NominationFactory(campaign=campaign, unit=district)
    submitted = NominationFactory(campaign=campaign, unit=district)
    advance(submitted, "submitted", officer=officer, member=member, secretary=secretary)
    assert list(nominations_visible_to(member)) == [submitted]
    assert draft not in nominations_visible_to(member)


def test_anonymous_sees_nothing(campaign, district):
    from django.contrib.auth.models import AnonymousUser

    NominationFactory(campaign=campaign, unit=district)
    assert not nominations_visible_to(AnonymousUser()).exists()
