"""A dissolved unit's open work (its nominations, those waiting on its consolidation, its rating
lists not decided, its registrations) moves to its heir only by an explicit, audited step
(command or admin action, each with a preview); scope follows the tree in force."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from commendations.access.permissions import user_may_act_for_unit
from commendations.access.roles import Role
from commendations.access.selectors import units_of
from commendations.actions.registry import action_run
from commendations.annual_titles.models import RatingList, Registration
from commendations.annual_titles.services import registration_add
from commendations.campaigns.models import AwardType
from commendations.nominations.consolidation import can_consolidate, next_consolidating_unit
from commendations.nominations.handover import (
    handover_apply,
    handover_plan,
    unit_dissolve_with_handover,
)
from commendations.nominations.models import Nomination
from commendations.nominations.selectors import consolidation_queue
from commendations.units.models import UnitKind
from tests.annual_titles.helpers import officers, rating_list
from tests.factories import CampaignFactory, NominationFactory, UnitFactory, make_user
from tests.units.conftest import BEFORE, BETWEEN
from workflow.actors import SYSTEM
from workflow.models import AuditEvent, TransitionLog
from workflow.selectors import available_transitions

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


# --- a unit dissolved mid-year: what waits on it moves to its heir -----------------------------


@pytest.fixture
def heir(district, commune):
    """Another commune of the district, which takes over its work when it is dissolved."""
    return UnitFactory(
        code="CA-X9", name="Công an xã Kế Thừa", parent=district, kind=UnitKind.COMMUNE
    )


@pytest.fixture
def heir_officer(heir):
    return make_user(Role.UNIT_OFFICER, heir, username="officer_ke_thua")


def _title(code):
    return AwardType.objects.get(code=code)


def test_a_commune_nomination_waiting_on_a_dissolved_district_goes_on_under_its_heir(
    client,
    by_district,
    district,
    commune,
    heir,
    heir_officer,
    commune_officer,
    officer,
    director_award,
):
    nomination = NominationFactory(campaign=by_district, unit=commune, award_type=director_award)
    action_run(instance=nomination, name="submit", actor=commune_officer)
    assert next_consolidating_unit(nomination) == district
    today = timezone.localdate()
    year = today.year
    person = officers(district, 1)[0]
    draft = rating_list(district, year=year)
    sent = rating_list(district, year=year, state="submitted")
    decided = rating_list(district, year=year - 1, state="decided")
    collective = registration_add(
        actor=officer, unit=district, year=year, award_type=_title("DVQT")
    )
    duplicate = registration_add(actor=officer, unit=district, year=year, award_type=_title("DVTT"))
    individual = registration_add(
        actor=officer, unit=district, year=year, award_type=_title("CSTDCS"), person=person
    )
    past = registration_add(actor=officer, unit=district, year=year - 1, award_type=_title("DVQT"))
    registration_add(actor=heir_officer, unit=heir, year=year, award_type=_title("DVTT"))

    plan = unit_dissolve_with_handover(
        unit=district, successor=heir, on=today, actor=SYSTEM, comment="QĐ 5/QĐ-CAT"
    )

    assert [n.pk for n in plan.awaiting] == [nomination.pk]
    assert "2 danh sách đề nghị danh hiệu, 2 đăng ký thi đua (giữ lại 1)" in plan.summary()
    nomination.refresh_from_db()
    assert nomination.state == "awaiting_consolidation"
    assert next_consolidating_unit(nomination) == heir
    assert nomination in consolidation_queue(heir_officer)
    client.force_login(heir_officer)
    assert nomination.nominee_name in client.get(reverse("consolidation_list")).content.decode()
    assert "consolidate" in [t.name for t in available_transitions(nomination, heir_officer)]
    action_run(instance=nomination, name="consolidate", actor=heir_officer)
    assert nomination.state == "submitted" and nomination.consolidation_heir is None
    assert TransitionLog.objects.for_object(nomination).last().data["unit_id"] == heir.pk

    assert {rl.pk for rl in RatingList.objects.filter(unit=heir)} == {draft.pk, sent.pk}
    assert RatingList.objects.get(pk=decided.pk).unit == district  # history stays
    moved = Registration.objects.filter(pk__in=[collective.pk, individual.pk], unit=heir)
    assert moved.count() == 2
    assert Registration.objects.get(pk=duplicate.pk).unit == district  # the heir has its own
    assert Registration.objects.get(pk=past.pk).unit == district
    events = AuditEvent.objects.filter(kind="unit_handover")
    assert events.for_object(draft).get().data["to_unit_id"] == heir.pk
    assert events.for_object(nomination).get().comment == "QĐ 5/QĐ-CAT"
    assert events.for_object(collective).exists() and not events.for_object(decided).exists()


def test_a_nomination_of_a_closed_campaign_waiting_on_the_district_follows_the_lineage(
    reorganised, director_award
):
    """The 2024 campaign consolidated through the district (its tree of its closing day); the
    district is gone, then its heir merged: the unit in force at the end of the line acts."""
    campaign = CampaignFactory(
        award_types=[director_award],
        year=2024,
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 12, 31),
        consolidation_levels=["district"],
    )
    waiting = NominationFactory(
        campaign=campaign,
        unit=reorganised["ia_ly"],
        award_type=director_award,
        state="awaiting_consolidation",
    )
    assert next_consolidating_unit(waiting) == reorganised["district"]  # nobody's any more
    new_officer = make_user(Role.UNIT_OFFICER, reorganised["new"], username="xa_chupah")
    assert not can_consolidate(waiting, new_officer)

    call_command("unit_handover", "CA-CHUPAH")  # the preview names it
    waiting.refresh_from_db()
    assert waiting.consolidation_heir is None
    plan = handover_apply(unit=reorganised["district"], actor=SYSTEM)
    assert plan.heir == reorganised["new"] and plan.awaiting == [waiting]
    waiting.refresh_from_db()
    assert next_consolidating_unit(waiting) == reorganised["new"]
    action_run(instance=waiting, name="consolidate", actor=new_officer)
    assert waiting.state == "submitted"


def test_the_command_dissolves_and_hands_over_or_only_previews(district, heir, officer, capsys):
    today = timezone.localdate()
    draft = rating_list(district, year=today.year)
    on = today.strftime("%d/%m/%Y")
    call_command("unit_handover", district.code, "--dissolve-into", heir.code, "--on", on)
    out = capsys.readouterr().out
    assert "Công an huyện Một → Công an xã Kế Thừa" in out and f"#{draft.pk}" in out
    assert "chưa giải thể" in out
    district.refresh_from_db()
    assert district.valid_to is None and RatingList.objects.get(pk=draft.pk).unit == district
    call_command(
        "unit_handover", district.code, "--dissolve-into", heir.code, "--on", on, "--apply"
    )
    assert "1 danh sách đề nghị danh hiệu" in capsys.readouterr().out
    district.refresh_from_db()
    assert district.valid_to == today
    assert RatingList.objects.get(pk=draft.pk).unit == heir


def test_a_dissolution_into_itself_or_in_the_future_is_refused(district, heir):
    with pytest.raises(ValidationError, match="khác đơn vị giải thể"):
        unit_dissolve_with_handover(
            unit=district, successor=district, on=timezone.localdate(), actor=SYSTEM
        )
    with pytest.raises(ValidationError, match="chưa đến"):
        unit_dissolve_with_handover(
            unit=district,
            successor=heir,
            on=timezone.localdate() + datetime.timedelta(days=3),
            actor=SYSTEM,
        )


@pytest.mark.parametrize(
    "runs", [[[]], [["CA-PHUHOA"], ["CA-CHUPAH"]]], ids=["all-in-order", "commune-first"]
)
def test_a_nomination_waiting_on_the_district_of_a_merged_commune_reaches_the_new_one(
    reorganised, director_award, runs
):
    """A campaign open across both dates: Phú Hòa's nomination waits on the district (dissolved
    in March); Phú Hòa itself merged in July. Whatever the order of the handovers (all at once
    goes in the order units ended; an operator may name the commune first, then the nomination
    is placed through its unit's predecessors), the nomination ends with the new commune, which
    also consolidates it in the district's place."""
    campaign = CampaignFactory(
        award_types=[director_award],
        opens_on=datetime.date(2025, 1, 1),
        consolidation_levels=["district"],
    )
    waiting = NominationFactory(
        campaign=campaign,
        unit=reorganised["phu_hoa"],
        award_type=director_award,
        state="awaiting_consolidation",
    )
    for codes in runs:
        call_command("unit_handover", *codes, "--apply")
    waiting.refresh_from_db()
    new = reorganised["new"]
    assert waiting.unit == new and waiting.consolidation_heir == new
    action_run(
        instance=waiting,
        name="consolidate",
        actor=make_user(Role.UNIT_OFFICER, new, username="xa_chupah"),
    )
    assert waiting.state == "submitted"
