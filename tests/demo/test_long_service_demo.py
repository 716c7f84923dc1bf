"""The demo's long-service list of this year is not empty: the commune officers' service records
make some due for each class of Huy chương Chiến sĩ vẻ vang, one under investigation is listed as
not yet to be proposed, one with 7 years is not listed, and loading again adds nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from commendations.long_service.selectors import long_service_due
from commendations.units.models import HonourKind, ServiceRecord

pytestmark = pytest.mark.django_db


def test_the_demo_has_people_due_for_long_service_this_year():
    call_command("load_demo")
    year = timezone.localdate().year
    due = long_service_due(year=year)
    awards = {d.entitlement.award for d in due}
    assert {
        HonourKind.MEDAL_GLORIOUS_3,
        HonourKind.MEDAL_GLORIOUS_2,
        HonourKind.MEDAL_GLORIOUS_1,
    } <= awards
    assert [d for d in due if d.entitlement.blocked], "the one under investigation is marked"
    codes = {d.person.code for d in due}
    assert not any(code.endswith("-05") for code in codes), "7 years: not yet due"
    # served in the commune's predecessor before the 2025 reorganisation, then in the commune
    people_with_two = {
        r.person_id
        for r in ServiceRecord.objects.filter(
            person__code__startswith="AT-", valid_to__isnull=False
        )
    }
    assert people_with_two
    records = ServiceRecord.objects.count()
    call_command("load_demo")
    assert ServiceRecord.objects.count() == records
    assert len(long_service_due(year=year)) == len(due)
