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


def test_the_demo_carries_a_draft_year_end_list_with_an_exclusion(commune, district):
    from commendations.annual_titles.models import RatingList
    from commendations.demo.annual_titles import annual_titles_demo_load
    from commendations.units.models import UnitKind
    from tests.factories import UnitFactory

    UnitFactory(code="CA-X2", name="Công an xã Hai", parent=district, kind=UnitKind.COMMUNE)
    year = timezone.localdate().year
    annual_titles_demo_load(year)
    annual_titles_demo_load(year)  # idempotent
    [rating_list] = RatingList.objects.filter(year=year)
    assert rating_list.state == "draft" and rating_list.rows.count() == 7
    reasons = [r.excluded_reason for r in rating_list.rows.all() if r.excluded_reason]
    assert len(reasons) == 1 and "kỷ luật" in reasons[0]


def test_the_demo_carries_this_years_registrations_counted_up_the_tree():
    from django.contrib.auth.models import User

    from commendations.annual_titles.models import Registration
    from commendations.annual_titles.selectors import registration_summary

    call_command("load_demo")
    year = timezone.localdate().year
    assert Registration.objects.filter(year=year, person__isnull=False).count() >= 30
    assert Registration.objects.filter(year=year, person__isnull=True).exists()
    summary = registration_summary(User.objects.get(username="committee_secretary"), year)
    assert summary.total == Registration.objects.filter(year=year).count()
    count = Registration.objects.count()
    call_command("load_demo")
    assert Registration.objects.count() == count
