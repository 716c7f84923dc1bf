"""Documents print a unit by the name it had on the document's date: a 2023
decision keeps "Công an thị trấn Ia Ly" after the 2025 rename, a 2026 one prints the new name, and
the annex costs no query per unit."""

import datetime

import pytest

from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.decisions.documents import decision_context
from commendations.documents.naming import nominee_name_for_document, unit_name_for_document
from commendations.units.models import UnitKind
from commendations.units.services import unit_rename
from tests.factories import DecisionFactory, NominationFactory, UnitFactory

RENAMED = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2023, 3, 6)
AFTER = datetime.date(2026, 3, 1)
OLD, NEW = "Công an thị trấn Ia Ly", "Công an xã Ia Ly"


@pytest.fixture
def ia_ly(db):
    province = UnitFactory(code="CAT-GL", name="Công an tỉnh Gia Lai", kind=UnitKind.PROVINCE)
    unit = UnitFactory(code="CA-IALY", name=OLD, parent=province, kind=UnitKind.COMMUNE)
    unit_rename(unit=unit, on=RENAMED, name=NEW)
    unit.refresh_from_db()
    return unit


def test_a_unit_is_printed_by_its_name_on_the_documents_date(ia_ly):
    director = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    ministry = AuthorityProfile.for_authority(Authority.MINISTRY)
    assert ia_ly.name == NEW
    assert unit_name_for_document(ia_ly, on=BEFORE, authority=director) == OLD
    assert unit_name_for_document(ia_ly, on=AFTER, authority=director) == NEW
    assert unit_name_for_document(ia_ly, on=AFTER, authority=ministry) == (
        "Công an xã Ia Ly, Công an tỉnh Gia Lai"
    )


def test_a_collective_named_by_its_old_name_prints_the_name_of_the_decision_date(ia_ly):
    """Proposed in 2025 under the old name, decided after the rename: the new name."""
    director = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    nomination = NominationFactory(nominee_unit=ia_ly, nominee_name=OLD)
    assert nominee_name_for_document(nomination, on=AFTER, authority=director) == NEW
    assert nominee_name_for_document(nomination, on=BEFORE, authority=director) == OLD
    # A name typed by hand (a team within the unit) is printed as typed.
    team = NominationFactory(nominee_unit=ia_ly, nominee_name="Tổ an ninh trật tự thôn 3")
    assert nominee_name_for_document(team, on=AFTER, authority=director) == (
        "Tổ an ninh trật tự thôn 3"
    )


def test_the_annex_names_every_unit_on_the_decision_date_without_a_query_each(
    ia_ly, django_assert_max_num_queries
):
    old_decision = DecisionFactory(date=BEFORE)
    new_decision = DecisionFactory(date=AFTER)
    others = [
        UnitFactory(code=f"CA-X{i}", name=f"Công an xã Số {i}", parent=ia_ly.parent)
        for i in range(6)
    ]
    for decision in (old_decision, new_decision):
        NominationFactory(
            nominee_unit=ia_ly, nominee_name=NEW, decision=decision, state="awaiting_director"
        )
    for unit in others:
        NominationFactory(
            nominee_unit=unit,
            nominee_name=unit.name,
            decision=new_decision,
            state="awaiting_director",
        )

    def names(context: dict) -> list[str]:
        return [row["name"] for group in context["groups"] for row in group["rows"]]

    assert OLD in names(decision_context(old_decision))
    with django_assert_max_num_queries(25):
        new_names = names(decision_context(new_decision))
    assert NEW in new_names and OLD not in new_names
    assert {f"Công an xã Số {i}" for i in range(6)} <= set(new_names)
