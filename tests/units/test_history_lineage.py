"""History follows the lineage: statistics on the campaign's tree with predecessors counted and
named, search by unit and an officer's view include predecessors, names as of a date."""

import datetime

import pytest

from commendations.access.roles import Role
from commendations.eligibility.conditions import condition_data_load, no_pending_discipline
from commendations.nominations.selectors import nominations_search, nominations_visible_to
from commendations.reports.statistics import campaign_statistics
from commendations.units.models import DisciplinaryRecord
from commendations.units.selectors import predecessor_note, unit_lineage
from tests.factories import CampaignFactory, NominationFactory, make_user
from tests.units.conftest import BEFORE, MERGED

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(reorganised):
    return make_user(Role.COMMITTEE_MEMBER, reorganised["province"], username="reader")


def _campaign(year: int, director_award):
    return CampaignFactory(
        year=year,
        opens_on=datetime.date(year, 1, 1),
        closes_on=datetime.date(year, 12, 31),
        award_types=[director_award],
    )


def test_statistics_of_2022_use_the_2022_tree(reorganised, reader, director_award):
    campaign = _campaign(2022, director_award)
    for unit in ("ia_ly", "phu_hoa", "district"):
        NominationFactory(
            campaign=campaign, unit=reorganised[unit], award_type=director_award, state="submitted"
        )
    rows = {r["code"]: r for r in campaign_statistics(campaign=campaign, user=reader).by_unit}
    assert (rows["CA-CHUPAH"]["total"], rows["CA-CHUPAH"]["own"]) == (3, 1)
    assert rows["CA-IALY"]["name"] == "Công an thị trấn Ia Ly" and rows["CA-IALY"]["depth"] == 1
    assert "CA-XA-CHUPAH" not in rows


def test_statistics_of_today_count_predecessors_with_a_note(reorganised, reader, director_award):
    campaign = CampaignFactory(award_types=[director_award])  # open today
    NominationFactory(
        campaign=campaign, unit=reorganised["hoa_phu"], award_type=director_award, state="submitted"
    )
    NominationFactory(
        campaign=campaign, unit=reorganised["new"], award_type=director_award, state="submitted"
    )
    rows = {r["code"]: r for r in campaign_statistics(campaign=campaign, user=reader).by_unit}
    assert set(rows) == {"CA-XA-CHUPAH"}
    new = rows["CA-XA-CHUPAH"]
    assert (new["total"], new["depth"]) == (2, 0)
    assert new["predecessors"] == (
        "Công an thị trấn Phú Hòa, Công an xã Hòa Phú, Công an huyện Chư Păh"
    )
    assert predecessor_note(unit_lineage(reorganised["new"])) == new["predecessors"]


def test_search_by_unit_and_an_officers_view_include_predecessors(reorganised, director_award):
    old = _campaign(2022, director_award)
    earlier = NominationFactory(
        campaign=old, unit=reorganised["phu_hoa"], award_type=director_award, state="submitted"
    )
    officer = make_user(Role.UNIT_OFFICER, reorganised["new"], username="xa_chupah")
    assert earlier in nominations_visible_to(officer)
    admin = make_user(None, reorganised["province"], username="root", is_superuser=True)
    assert earlier in nominations_search(admin, unit=reorganised["new"])
    assert earlier in nominations_search(admin, unit=reorganised["new"], include_subunits=False)
    assert earlier not in nominations_search(admin, unit=reorganised["ia_ly"])


def test_a_nomination_made_before_the_change_prints_the_name_of_its_decision_date(reorganised):
    """What documents are given (documents/naming.py is wired to name_on at merge)."""
    ia_ly = reorganised["ia_ly"]
    assert ia_ly.name_on(BEFORE) == "Công an thị trấn Ia Ly"  # the 2023 decision
    assert ia_ly.name_on(MERGED + datetime.timedelta(days=10)) == "Công an xã Ia Ly"


def test_a_predecessors_pending_discipline_counts_for_the_collective(reorganised, director_award):
    campaign = CampaignFactory(award_types=[director_award])
    nomination = NominationFactory(
        campaign=campaign,
        unit=reorganised["new"],
        award_type=director_award,
        nominee_kind="collective",
        nominee_unit=reorganised["new"],
        nominee_name="Công an xã Chư Păh",
    )

    def outcome():
        data = condition_data_load([nomination], ["no_pending_discipline"])
        return no_pending_discipline(nomination, data)

    assert outcome().status == "met"
    DisciplinaryRecord.objects.create(
        unit=reorganised["hoa_phu"], kind="investigation", started_on=datetime.date(2025, 5, 1)
    )
    assert outcome().status == "not_met"
