"""The README's numbers about the demo are read from the README and counted in the loaded demo,
so the text stays true when the demo changes."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from commendations.campaigns.models import Campaign
from commendations.nominations.models import Nomination, NominationState

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()

pytestmark = pytest.mark.django_db


def _number(pattern: str) -> int:
    match = re.search(pattern, " ".join(README.split()))
    assert match, pattern
    return int(match.group(1))


def test_readme_counts_the_giay_khen_awaiting_the_director():
    call_command("load_demo")
    awaiting = Nomination.objects.filter(
        state=NominationState.AWAITING_DIRECTOR, decision__isnull=True
    ).count()
    assert _number(r"tick the (\d+) Giấy khen awaiting the Director") == awaiting


def test_readme_counts_the_conference_awards():
    call_command("load_demo")
    past = Campaign.objects.get(year=2022)
    assert _number(r"(\d+) Bằng khen and \d+ Giấy khen for the 2022") == (
        past.nominations.filter(award_type__code="BK-BCA").count()
    )
    assert _number(r"\d+ Bằng khen and (\d+) Giấy khen for the 2022") == (
        past.nominations.filter(award_type__code="GK-GD").count()
    )
