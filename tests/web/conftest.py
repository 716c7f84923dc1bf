import pytest

from tests.factories import NominationFactory
from tests.helpers import advance


@pytest.fixture
def make_nomination(campaign, district, officer, member, secretary, director_award):
    """A nomination of `district` driven through the real transitions to `state`."""

    def make(state: str = "draft", **kwargs):
        kwargs.setdefault("campaign", campaign)
        kwargs.setdefault("unit", district)
        kwargs.setdefault("award_type", director_award)
        kwargs.setdefault("created_by", officer)
        nomination = NominationFactory(**kwargs)
        return advance(nomination, state, officer=officer, member=member, secretary=secretary)

    return make


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def committee(campaign, province, member, secretary):
    """A session of the campaign: `member`, the secretary and two more headquarters members."""
    import datetime

    from commendations.access.roles import Role
    from commendations.committee.services import committee_session_create
    from tests.factories import make_user

    others = [
        make_user(Role.COMMITTEE_MEMBER, province, username=f"thanh_vien_{i}", first_name=f"TV{i}")
        for i in (1, 2)
    ]
    return committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2026, 12, 10),
        title="Phiên họp Hội đồng tháng 12",
        members=[member, secretary, *others],
        actor=secretary,
    )


@pytest.fixture
def votes(committee):
    """Cast `choices` (one per sitting member, in username order) on a nomination."""
    from commendations.committee.services import vote_cast

    def cast(nomination, *choices):
        members = list(committee.members.order_by("username"))
        for person, choice in zip(members, choices, strict=False):
            if choice:
                vote_cast(session=committee, nomination=nomination, member=person, choice=choice)

    return cast
