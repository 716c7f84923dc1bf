"""A person outside the force honoured with state-secret content may be given an alias (bí
danh, issue #25): every document and paper of the award prints the alias, never the name (which
stays in the dossier for those directly involved); the alias is refused anywhere else."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from commendations.campaigns.models import Affiliation, Authority, AuthorityProfile, NomineeKind
from commendations.ceremonies.documents import recipient_line as ceremony_recipient_line
from commendations.documents.naming import (
    addressed_name_for_document,
    alias_or_name,
    nominee_name_for_document,
)
from commendations.nominations.models import Nomination
from commendations.nominations.wording import saluted_name as certificate_recipient_line

pytestmark = pytest.mark.django_db
NAME, ALIAS = "Nguyễn Văn Dân", "Người cung cấp tin A3"
ON = datetime.date(2026, 12, 1)


def _nomination(campaign, district, director_award, **fields) -> Nomination:
    values = {
        "campaign": campaign,
        "unit": district,
        "award_type": director_award,
        "nominee_kind": NomineeKind.INDIVIDUAL,
        "nominee_name": NAME,
        "gender": "male",
        "affiliation": Affiliation.CITIZEN,
        "address": "Thôn 3, xã Hòa Phú",
        "contains_state_secrets": True,
        "nominee_alias": ALIAS,
        "achievement_summary": "Cung cấp tin giúp triệt phá đường dây ma túy.",
        **fields,
    }
    return Nomination(**values)


def _errors(nomination: Nomination) -> dict:
    with pytest.raises(ValidationError) as caught:
        nomination.full_clean(exclude=["state", "decision", "created_by"])
    return caught.value.message_dict


def test_an_alias_only_for_a_secret_award_of_someone_outside_the_force(
    campaign, district, director_award
):
    _nomination(campaign, district, director_award).full_clean(
        exclude=["state", "decision", "created_by"]
    )
    not_secret = _nomination(campaign, district, director_award, contains_state_secrets=False)
    assert "nominee_alias" in _errors(not_secret)
    officer = _nomination(
        campaign, district, director_award, affiliation=Affiliation.FORCE, address="",
        rank="Đại úy",
    )  # fmt: skip
    assert "nominee_alias" in _errors(officer)


def test_every_document_prints_the_alias_never_the_name(campaign, district, director_award):
    nomination = _nomination(campaign, district, director_award)
    profile = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    printed = [
        alias_or_name(nomination),  # the decision's annex as .xlsx
        addressed_name_for_document(nomination, on=ON, authority=profile),  # decision, Tờ trình
        nominee_name_for_document(nomination, on=ON, authority=profile),  # minutes, certificate
        certificate_recipient_line(nomination),  # a blank's overlay
        ceremony_recipient_line(  # run-sheet, MC script
            SimpleNamespace(
                nomination=nomination,
                recipient=nomination,
                decision=SimpleNamespace(authority=Authority.PROVINCIAL_DIRECTOR, date=ON),
            )
        ),
    ]
    assert printed == [ALIAS] * 5
    # without an alias the same person is "Ông …" as any citizen
    nomination.nominee_alias = ""
    assert addressed_name_for_document(nomination, on=ON, authority=profile) == f"Ông {NAME}"
