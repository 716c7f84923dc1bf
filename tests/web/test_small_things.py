"""The small ones of issue #27 §9-§10: the next step keeps the decision you came from, the
language choice outlives the browser session, your own name is not a link to the API keys."""

import pytest
from django.urls import reverse

from commendations.certificates.models import Certificate
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_the_next_step_to_the_ceremony_ticks_the_decision(
    login, campaign, district, officer, member, secretary, director, director_award, clerk
):
    specs = [(director_award, "collective", "Công an xã Ia Sao", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = issue(draft(director, nominations), director)
    Certificate.objects.filter(decision=decision).update(state="rendered")
    client = login(clerk)
    body = client.get(decision.get_absolute_url()).content.decode()
    link = reverse("ceremony_list") + f"?decision={decision.pk}"
    assert link in body
    form = client.get(link).context["form"]
    assert form["decisions"].value() == [decision.pk] or form["decisions"].value() == [
        str(decision.pk)
    ]


def test_the_language_choice_is_kept_after_the_browser_closes(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 365 * 24 * 3600


def test_your_own_name_opens_your_profile_not_the_api_keys(login, officer):
    officer.first_name, officer.last_name = "Nguyễn Văn", "Hải"
    officer.save()
    client = login(officer)
    body = client.get(reverse("home")).content.decode()
    name_link = body.split("Nguyễn Văn Hải</a>", 1)[0].rsplit("<a ", 1)[1]
    assert f'href="{reverse("profile")}"' in name_link
    profile = client.get(reverse("profile")).content.decode()
    assert "Cán bộ đơn vị" in profile and officer.username in profile
    assert reverse("api_tokens") in profile and "Khóa API" in profile  # reachable from there


def test_after_a_vote_the_message_is_by_the_buttons(login, make_nomination, committee, member):
    nomination = make_nomination("submitted")
    client = login(member)
    response = client.post(
        reverse("committee_session_vote", args=[committee.pk]),
        {"nomination": nomination.pk, "choice": "for"},
    )
    assert response.status_code == 302
    assert response.url.endswith(f"?voted={nomination.pk}#n-{nomination.pk}")
    body = client.get(response.url).content.decode()
    card = body.split(f'id="n-{nomination.pk}"', 1)[1]
    assert 'class="alert alert-success py-1 px-2 small mb-2 vote-message"' in card
    assert "Đã ghi biểu quyết" in card.split("vote-form", 1)[0]
    assert "Đã ghi biểu quyết" not in body.split(f'id="n-{nomination.pk}"', 1)[0]  # not on top


def test_the_add_document_menu_offers_a_kind_not_yet_attached(login, make_nomination, officer):
    from django.core.files.base import ContentFile

    from commendations.eligibility.models import AttachmentKind
    from commendations.nominations.models import Attachment

    nomination = make_nomination("draft")
    client = login(officer)
    selected = 'value="{}" selected'
    body = client.get(reverse("nomination_detail", args=[nomination.pk])).content.decode()
    assert selected.format(AttachmentKind.ACHIEVEMENT_REPORT) in body
    Attachment.objects.create(
        nomination=nomination,
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        file=ContentFile(b"%PDF-1.4", name="bao-cao.pdf"),
        original_name="bao-cao.pdf",
        size=8,
        content_type="application/pdf",
    )
    body = client.get(reverse("nomination_detail", args=[nomination.pk])).content.decode()
    assert selected.format(AttachmentKind.ACHIEVEMENT_REPORT) not in body
    assert selected.format(AttachmentKind.COVER_LETTER) in body
