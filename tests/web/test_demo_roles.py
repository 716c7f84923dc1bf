"""With the demo data (what `make run` loads), every demo account's pages open."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from commendations.actions.registry import action_run
from commendations.campaigns.models import Campaign
from commendations.ceremonies.models import Ceremony
from commendations.certificates.models import Certificate
from commendations.committee.models import CommitteeSession
from commendations.demo.first_login import CEREMONY, DECISION_NUMBER
from commendations.demo.sudden_feat import SUDDEN_FEATS
from commendations.nominations.consolidation import consolidation_chain
from commendations.nominations.models import Attachment, Nomination
from commendations.nominations.services import nomination_create
from commendations.units.models import Unit
from commendations.web.selectors import home_summary

pytestmark = pytest.mark.django_db

PAGES = {
    "unit_officer": ["home", "nomination_list", "nomination_create"],
    "unit_officer_pleiku": ["home", "nomination_list"],
    "committee_member": ["home", "review_queue"],
    "committee_secretary": ["home", "review_queue", "forward_queue", "decision_list"],
    "director": ["home", "director_queue", "decision_list"],
    "ministry": ["home", "ministry_queue", "decision_list"],
    "clerk": ["home", "decision_list", "ceremony_list"],
}


def test_every_demo_role_can_open_its_pages(client):
    call_command("load_demo", verbosity=0)
    for username, url_names in PAGES.items():
        client.force_login(User.objects.get(username=username))
        for name in url_names:
            response = client.get(reverse(name))
            assert response.status_code == 200, (username, name)
        home = client.get(reverse("home")).content.decode()
        assert "queue-card" in home, username  # each role has at least one queue
    # The demo's nominations open for the roles that see them.
    client.force_login(User.objects.get(username="committee_member"))
    page = client.get(reverse("review_queue"), {"state": ""}).content.decode()
    assert "nomination-table" in page


def test_the_demo_meeting_lets_the_committee_member_cast_the_seventh_vote(client):
    """The demo's rule sets ask for 7 voting members: six have voted in the demo meeting, so
    `committee_member`'s vote reaches the quorum and the secretary can record the result."""
    call_command("load_demo", verbosity=0)
    session = CommitteeSession.objects.get()
    nomination = Nomination.objects.filter(campaign=session.campaign, state="submitted").first()
    url = reverse("committee_session_detail", args=[session.pk])
    client.force_login(User.objects.get(username="committee_member"))
    page = client.get(url).content.decode()
    assert f'id="n-{nomination.pk}"' in page and 'data-outcome="failed"' in page
    client.post(
        reverse("committee_session_vote", args=[session.pk]),
        {"nomination": nomination.pk, "choice": "for"},
    )
    card = client.get(url).content.decode().split(f'id="n-{nomination.pk}"', 1)[1]
    assert card.split(">", 1)[0].count('data-outcome="passed"') == 1
    client.force_login(User.objects.get(username="committee_secretary"))
    client.post(
        reverse("committee_session_recommend", args=[session.pk]),
        {"ids": [nomination.pk], "confirmed": "True"},
    )
    nomination.refresh_from_db()
    assert (nomination.state, nomination.votes_for) == ("recommended", 7)


def test_the_demo_campaign_of_this_year_runs_on_the_new_tree(client):
    """Consolidation levels are read from the tree on the campaign's date: the 2022 campaign went
    through Công an huyện Chư Păh; this year's, configured the same way, has no district left
    (dissolved 01/03/2025), so a nomination goes straight to the committee."""
    call_command("load_demo", verbosity=0)
    officer = User.objects.get(username="unit_officer")
    current = Campaign.objects.exclude(year=2022).exclude(name__startswith=SUDDEN_FEATS).get()
    assert current.consolidation_levels == ["district"]
    nomination = nomination_create(
        actor=officer,
        campaign=current,
        unit=Unit.objects.get(code="CA-XA-CHUPAH"),
        award_type=current.award_types.get(code="GK-GD"),
        nominee_kind="collective",
        nominee_name="Tổ an ninh trật tự thôn 3",
        achievement_summary="Giữ vững an ninh trật tự địa bàn.",
    )
    assert consolidation_chain(nomination) == []
    for kind in ("to_trinh", "bao_cao_thanh_tich"):
        Attachment.objects.create(
            nomination=nomination,
            kind=kind,
            file="x.pdf",
            original_name="x.pdf",
            size=1,
            content_type="application/pdf",
        )
    action_run(instance=nomination, name="submit", actor=officer)
    assert nomination.state == "submitted"
    # The same commune's nomination in the 2022 campaign would have waited on the district.
    old = Nomination(
        campaign=Campaign.objects.get(year=2022),
        unit=Unit.objects.get(code="CA-NGHIAHUNG"),
    )
    old.campaign.consolidation_levels = ["district"]
    assert [u.code for u in consolidation_chain(old)] == ["CA-CHUPAH"]
    client.force_login(officer)
    form = client.get(reverse("nomination_create")).content.decode()
    assert "Công an xã Chư Păh" in form and "Công an huyện Chư Păh" not in form


def test_first_login_every_role_has_something_to_do(client):
    """Full names, an issued decision with its certificates rendered and a ceremony (the
    clerk's work), the Director's queue still holding Giấy khen, a vote waiting for the member;
    loading twice adds nothing."""
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    clerk = User.objects.get(username="clerk")
    client.force_login(clerk)
    assert "Xin chào, Nguyễn Thị Hà" in client.get(reverse("home")).content.decode()
    certificates = Certificate.objects.filter(decision__number=DECISION_NUMBER)
    assert certificates.count() == 2
    assert set(certificates.values_list("state", flat=True)) == {"rendered"}
    assert Ceremony.objects.filter(name=CEREMONY).count() == 1
    counts = {row["key"]: row["count"] for row in home_summary(clerk)}
    assert counts["decisions"] >= 1
    director = {r["key"]: r["count"] for r in home_summary(User.objects.get(username="director"))}
    assert director["director"] >= 1
    member = User.objects.get(username="committee_member")
    assert any(r["key"].startswith("vote-") and r["count"] for r in home_summary(member))
