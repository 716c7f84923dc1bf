"""The demo carries a year of titles: this year's due list is not empty and shows a chain (with
its initiative) and an exclusion."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from commendations.due.selectors import due_list
from commendations.units.models import HonourRecord

pytestmark = pytest.mark.django_db


def test_the_demo_due_list_shows_a_chain_and_an_exclusion():
    call_command("load_demo")
    year = timezone.localdate().year
    assert HonourRecord.objects.filter(year=year - 1, award_type__code="CSTT").count() >= 20
    entries = due_list(year)
    codes = {e.award_type.code for e in entries if e.complete}
    assert {"CSTD-CAND", "BK-BCA"} <= codes
    assert any(e.subject_kind == "collective" for e in entries)
    assert any(e.missing for e in entries)
    assert [e.excluded for e in entries if e.excluded]
    call_command("load_demo")
    assert len(due_list(year)) == len(entries)
