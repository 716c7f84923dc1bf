"""A dissolved unit's open work moves to its heir only by an explicit, audited step (command or
admin action, each with a preview); scope follows the tree in force."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.urls import reverse

from commendations.access.permissions import user_may_act_for_unit
from commendations.access.roles import Role
from commendations.access.selectors import units_of
from commendations.nominations.handover import handover_plan
from commendations.nominations.models import Nomination
from tests.factories import CampaignFactory, NominationFactory, make_user
from tests.units.conftest import BEFORE, BETWEEN
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def left_behind(reorganised, director_award):
    district = reorganised["district"]
    officer = make_user(Role.UNIT_OFFICER, district, username="chupah")
    campaign = CampaignFactory(award_types=[director_award])
    open_one = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    done = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, state="withdrawn"
    )
    return officer, open_one, done


def test_scope_before_and_after_the_dissolution(reorganised, left_behind):
    officer = left_behind[0]
    ia_ly, district = reorganised["ia_ly"], reorganised["district"]
    assert set(units_of(officer, on=BEFORE)) == {
        district,
        ia_ly,
        reorganised["phu_hoa"],
        reorganised["hoa_phu"],
    }
    assert ia_ly not in set(units_of(officer, on=BETWEEN))
    assert list(units_of(officer)) == []  # the district is gone: nothing to act for today
    assert not user_may_act_for_unit(officer, ia_ly)
    assert not user_may_act_for_unit(officer, district)


def test_the_command_previews_then_moves_and_audits(reorganised, left_behind, capsys):
    officer, open_one, done = left_behind
    new = reorganised["new"]
    call_command("unit_handover", "CA-CHUPAH")
    preview = capsys.readouterr().out
    assert "Công an huyện Chư Păh → Công an xã Chư Păh" in preview
    assert f"#{open_one.pk}" in preview and f"#{done.pk}" not in preview and "chupah" in preview
    assert Nomination.objects.get(pk=open_one.pk).unit == reorganised["district"]  # preview only

    call_command("unit_handover", "CA-CHUPAH", "--apply", "--comment", "QĐ 12/QĐ-CAT")
    assert Nomination.objects.get(pk=open_one.pk).unit == new
    assert Nomination.objects.get(pk=done.pk).unit == reorganised["district"]  # history stays
    officer.profile.refresh_from_db()
    assert officer.profile.unit == new
    events = AuditEvent.objects.filter(kind="unit_handover")
    assert events.count() == 2
    assert {e.data["to_unit"] for e in events} == {"Công an xã Chư Păh"}
    assert all(e.comment == "QĐ 12/QĐ-CAT" for e in events)
    assert handover_plan(reorganised["district"]).is_empty


def test_the_admin_action_shows_a_preview_then_applies(client, reorganised, left_behind):
    admin = make_user(None, reorganised["province"], username="root", is_superuser=True,
                      is_staff=True)  # fmt: skip
    client.force_login(admin)
    url = reverse("admin:commendations_unit_changelist")
    data = {"action": "hand_over", ACTION_CHECKBOX_NAME: [reorganised["district"].pk]}
    preview = client.post(url, data).content.decode()
    assert "Công an xã Chư Păh" in preview and left_behind[1].nominee_name in preview
    assert not AuditEvent.objects.filter(kind="unit_handover").exists()
    client.post(url, {**data, "apply": "1", "comment": "xác nhận"})
    assert AuditEvent.objects.filter(kind="unit_handover", actor=admin).count() == 2


def test_the_admin_shows_the_timeline(client, reorganised):
    admin = make_user(None, reorganised["province"], username="root", is_superuser=True,
                      is_staff=True)  # fmt: skip
    client.force_login(admin)
    page = client.get(
        reverse("admin:commendations_unit_change", args=[reorganised["ia_ly"].pk])
    ).content.decode()
    assert "Công an thị trấn Ia Ly" in page and "Công an xã Ia Ly" in page
    page = client.get(
        reverse("admin:commendations_unit_change", args=[reorganised["district"].pk])
    ).content.decode()
    assert "Kế thừa" in page and "Công an xã Chư Păh" in page


def test_the_admin_unit_picker_offers_only_units_in_force(client, reorganised):
    admin = make_user(None, reorganised["province"], username="root", is_superuser=True,
                      is_staff=True)  # fmt: skip
    client.force_login(admin)
    body = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "commendations",
            "model_name": "userprofile",
            "field_name": "unit",
            "term": "Công an",
        },
    ).json()
    names = {r["text"] for r in body["results"]}
    assert "Công an xã Chư Păh" in names and "Công an huyện Chư Păh" not in names
