"""An action button never leaves the user on its own address (issue #27 §7): a refused action
answers with the nomination's page (errors and typed comment kept), and opening /do/<action>/
directly leads to the nomination's page, not a 405."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_opening_an_action_address_directly_leads_to_the_nomination(
    login, make_nomination, officer
):
    nomination = make_nomination("draft")
    response = login(officer).get(
        reverse("nomination_transition", args=[nomination.pk, "withdraw"])
    )
    assert response.status_code == 302
    assert response["Location"] == nomination.get_absolute_url()
    nomination.refresh_from_db()
    assert nomination.state == "draft"


def test_a_refused_action_answers_with_the_nominations_page(login, make_nomination, member):
    nomination = make_nomination("submitted")
    client = login(member)
    response = client.post(
        reverse("nomination_transition", args=[nomination.pk, "return_for_changes"]),
        {"expected_state": "submitted", "comment": "  "},
    )
    assert response.status_code == 302
    assert response["Location"] == nomination.get_absolute_url()
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Cần ghi rõ lý do" in body
    # the action's form is open again with its error, once
    assert page.context["open_action"] == "return_for_changes"
    assert "Cần ghi rõ lý do" not in client.get(nomination.get_absolute_url()).content.decode()


def test_a_refused_action_keeps_the_typed_comment(login, make_nomination, officer, monkeypatch):
    from django.core.exceptions import ValidationError

    from commendations.web.nominations import views

    def refuse(**kwargs):
        raise ValidationError({"comment": "Hồ sơ chưa đủ tài liệu."})

    monkeypatch.setattr(views, "action_run", refuse)
    nomination = make_nomination("draft")
    client = login(officer)
    response = client.post(
        reverse("nomination_transition", args=[nomination.pk, "submit"]),
        {"expected_state": "draft", "comment": "Kính gửi Hội đồng"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == nomination.get_absolute_url()
    body = response.content.decode()
    assert "Hồ sơ chưa đủ tài liệu." in body and "Kính gửi Hội đồng" in body
