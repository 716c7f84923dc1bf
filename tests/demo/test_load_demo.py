import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from commendations.campaigns.models import Campaign
from commendations.demo.sudden_feat import SUDDEN_FEATS
from commendations.nominations.models import Nomination
from commendations.nominations.selectors import nominations_visible_to
from commendations.units.models import Unit
from workflow.models import AuditEvent, TransitionLog

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
    current = Campaign.objects.exclude(pk=past.pk).exclude(name__startswith=SUDDEN_FEATS).get()
    assert current.is_open() and not current.nominations.exists()
    # The 2022 campaign ran on the old tree; today's tree is the one after the 2025 changes.
    in_2022 = datetime.date(2022, 12, 1)
    assert Unit.objects.get(code="CA-NGHIAHUNG").parent_on(in_2022).code == "CA-CHUPAH"
    assert Unit.objects.get(code="CA-DIENHONG").parent_on(in_2022).code == "CA-PLEIKU"
    assert Unit.objects.get(code="CA-DIENHONG").parent.code == "CAT-GL"
    assert not Unit.objects.get(code="CA-CHUPAH").is_in_force(timezone.localdate())


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
    """The Chư Păh officer moved (audited) to the heir, Công an xã Chư Păh, and still sees the
    2022 nominations of the district it inherited from, and nobody else's."""
    call_command("load_demo")
    chu_pah = User.objects.get(username="unit_officer")
    assert chu_pah.profile.unit.code == "CA-XA-CHUPAH"
    units = {n.unit.code for n in nominations_visible_to(chu_pah)}
    assert units == {"CA-CHUPAH"}
    moved = AuditEvent.objects.get(kind="unit_handover", object_id=chu_pah.profile.pk)
    assert moved.data["from_unit"] == "Công an huyện Chư Păh"


def test_demo_history_is_real(db):
    call_command("load_demo")
    for nomination in Nomination.objects.all():
        logs = list(TransitionLog.objects.for_object(nomination))
        assert logs and logs[-1].target_state == nomination.state
        assert logs[0].source_state == "draft"


def test_the_demo_carries_a_sudden_feat_to_an_issued_giay_khen(db):
    from commendations.certificates.models import Certificate

    call_command("load_demo", verbosity=0)
    feat = Nomination.objects.get(simplified_procedure=True, nominee_name="Nguyễn Văn Dũng")
    assert feat.state == "approved" and feat.decision.state == "issued"
    assert Certificate.objects.filter(nomination=feat).exists()
    steps = list(
        TransitionLog.objects.for_object(feat)
        .order_by("at", "id")
        .values_list("transition", flat=True)
    )
    assert steps == ["submit", "recommend_simplified", "forward", "approve"]
