import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from commendations.campaigns.models import Campaign
from commendations.nominations.models import Nomination
from commendations.nominations.selectors import nominations_visible_to
from commendations.units.models import Unit
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def test_load_demo_mirrors_the_seed_and_is_idempotent(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "khenthuong2023" in out and "unit_officer_pleiku" in out
    counts = (
        Unit.objects.count(),
        Nomination.objects.count(),
        TransitionLog.objects.count(),
        User.objects.count(),
        Campaign.objects.count(),
    )
    call_command("load_demo")
    assert counts == (
        Unit.objects.count(),
        Nomination.objects.count(),
        TransitionLog.objects.count(),
        User.objects.count(),
        Campaign.objects.count(),
    )
    past = Campaign.objects.get(year=2022)
    assert past.nominations.filter(award_type__code="BK-BCA").count() == 10
    assert (
        past.nominations.filter(award_type__code="BK-BCA", nominee_kind="collective").count() == 10
    )
    assert past.nominations.filter(award_type__code="GK-GD").count() == 18
    assert past.nominations.filter(award_type__code="GK-GD", nominee_kind="individual").count() == 8
    assert len(set(past.nominations.values_list("state", flat=True))) >= 4
    current = Campaign.objects.exclude(pk=past.pk).get()
    assert current.is_open() and not current.nominations.exists()
    assert Unit.objects.get(code="CA-NGHIAHUNG").parent.code == "CA-CHUPAH"
    assert Unit.objects.get(code="CA-DIENHONG").parent.code == "CA-PLEIKU"


def test_every_demo_user_logs_in_with_the_demo_password(client):
    call_command("load_demo")
    for username in [
        "unit_officer",
        "unit_officer_pleiku",
        "committee_member",
        "committee_secretary",
        "director",
        "ministry",
        "clerk",
        "admin",
    ]:
        assert client.login(username=username, password="khenthuong2023"), username
        client.logout()
    assert User.objects.get(username="admin").is_superuser


def test_demo_officers_see_only_their_district(db):
    call_command("load_demo")
    chu_pah = User.objects.get(username="unit_officer")
    units = {n.unit.code for n in nominations_visible_to(chu_pah)}
    assert units == {"CA-CHUPAH"}


def test_demo_history_is_real(db):
    call_command("load_demo")
    for nomination in Nomination.objects.all():
        logs = list(TransitionLog.objects.for_object(nomination))
        assert logs and logs[-1].target_state == nomination.state
        assert logs[0].source_state == "draft"
