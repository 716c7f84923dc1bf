"""Shared set-up for the certificate tests: nominations awaiting a decision, issuing it."""

import datetime

import pytest

from commendations.actions.decisions import decision_issue
from commendations.campaigns.models import Authority
from commendations.decisions.models import Decision
from commendations.decisions.services import decision_create
from tests.factories import NominationFactory
from tests.helpers import advance

DECISION_DATE = datetime.date(2023, 3, 1)


def awaiting(campaign, unit, officer, member, secretary, specs):
    """specs: [(award_type, kind, name, extra fields)] -> nominations awaiting a decision."""
    nominations = []
    for award_type, kind, name, extra in specs:
        nomination = NominationFactory(
            campaign=campaign,
            unit=unit,
            award_type=award_type,
            nominee_kind=kind,
            nominee_name=name,
            **extra,
        )
        advance(nomination, "awaiting", officer=officer, member=member, secretary=secretary)
        nominations.append(nomination)
    return nominations


def draft(
    actor,
    nominations,
    *,
    authority=Authority.PROVINCIAL_DIRECTOR,
    number="12/QĐ-CAT-PV05",
    date: datetime.date = DECISION_DATE,
):
    return decision_create(
        actor=actor,
        authority=authority,
        number=number,
        date=date,
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in nominations],
    )


def issue(decision: Decision, actor) -> Decision:
    return decision_issue(decision=decision, actor=actor)


@pytest.fixture
def media(settings, tmp_path):
    """A media folder of its own, so files left by one test are not seen by the next."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
