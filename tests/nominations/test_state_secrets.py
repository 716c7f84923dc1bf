"""The proposing unit marks a dossier as holding state secrets: on the form, through the API, by
the nomination services with the edit rules; each change is an audit event; the nomination page
says so."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from commendations.events import AuditEventKind
from commendations.nominations.services import nomination_create, nomination_update
from commendations.tokens.services import api_token_issue
from tests.factories import NominationFactory
from tests.helpers import advance
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(campaign, district, ministry_award):
    return NominationFactory(campaign=campaign, unit=district, award_type=ministry_award)


def _events(nomination) -> list[tuple[str, dict]]:
    rows = AuditEvent.objects.filter(object_id=nomination.pk).order_by("pk")
    return [(e.kind, e.data) for e in rows if e.kind.startswith("state_secrets")]


def test_the_unit_marks_and_clears_it_and_each_change_is_audited(draft, officer):
    nomination_update(
        nomination=draft, actor=officer, contains_state_secrets=True, state_secrets_note=" Mật "
    )
    draft.refresh_from_db()
    assert draft.contains_state_secrets and draft.state_secrets_note == "Mật"
    nomination_update(nomination=draft, actor=officer, achievement_summary="Khác")  # no event
    nomination_update(nomination=draft, actor=officer, contains_state_secrets=False)
    draft.refresh_from_db()
    assert not draft.contains_state_secrets and draft.state_secrets_note == ""
    assert _events(draft) == [
        (AuditEventKind.STATE_SECRETS_MARKED, {"contains_state_secrets": True, "note": "Mật"}),
        (AuditEventKind.STATE_SECRETS_CLEARED, {"contains_state_secrets": False, "note": ""}),
    ]


def test_set_at_creation_is_audited(campaign, district, officer, ministry_award):
    nomination = nomination_create(
        actor=officer,
        campaign=campaign,
        unit=district,
        award_type=ministry_award,
        nominee_kind="collective",
        nominee_name="Phòng An ninh đối nội",
        achievement_summary="Thành tích.",
        contains_state_secrets=True,
    )
    assert [kind for kind, _data in _events(nomination)] == [AuditEventKind.STATE_SECRETS_MARKED]


def test_only_who_may_edit_it_sets_it(draft, other_officer, officer, member, secretary):
    with pytest.raises(PermissionDenied):
        nomination_update(nomination=draft, actor=other_officer, contains_state_secrets=True)
    advance(draft, "recommended", officer=officer, member=member, secretary=secretary)
    with pytest.raises(ValidationError):
        nomination_update(nomination=draft, actor=officer, contains_state_secrets=True)
    draft.refresh_from_db()
    assert not draft.contains_state_secrets and _events(draft) == []


def test_the_form_sets_it_and_the_page_shows_it(client, draft, officer):
    client.force_login(officer)
    form = client.get(reverse("nomination_edit", args=[draft.pk])).context["form"]
    data = {k: v.pk if hasattr(v, "pk") else v for k, v in form.initial.items() if v is not None}
    data.update(contains_state_secrets="on", state_secrets_note="Tài liệu mật kèm bản giấy")
    response = client.post(reverse("nomination_edit", args=[draft.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    draft.refresh_from_db()
    assert draft.contains_state_secrets
    page = client.get(reverse("nomination_detail", args=[draft.pk])).content.decode()
    assert "HỒ SƠ CHỨA BÍ MẬT NHÀ NƯỚC" in page and "Tài liệu mật kèm bản giấy" in page


def test_the_api_sets_it(draft, officer):
    api = APIClient()
    _token, key = api_token_issue(user=officer)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.patch(
        f"/api/v1/nominations/{draft.pk}/",
        {"contains_state_secrets": True, "state_secrets_note": "Độ Mật"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["contains_state_secrets"] is True
    assert _events(draft)[0][0] == AuditEventKind.STATE_SECRETS_MARKED
