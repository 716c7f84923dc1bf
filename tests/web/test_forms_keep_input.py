"""Forms keep what was typed: the only open campaign is preselected; the fields that depend on
the campaign and award are re-rendered in place (htmx, out of band); files survive a refused
form as pending uploads; the form takes every document the rule set requires."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commendations.nominations.models import Attachment, Nomination, PendingUpload
from commendations.nominations.pending import KEEP_FOR, pending_uploads_sweep
from tests.rule_fixtures import make_rule_set
from tests.web.test_nomination_forms import PDF, form_data

pytestmark = pytest.mark.django_db


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_only_open_campaign_is_preselected(login, campaign, officer):
    page = login(officer).get(reverse("nomination_create")).content.decode()
    select = page.split('id="id_campaign"', 1)[1].split("</select>", 1)[0]
    assert f'value="{campaign.pk}" selected' in select


def test_dependent_fields_come_back_out_of_band(login, campaign, director_award, officer):
    make_rule_set(director_award, required_documents=["to_trinh", "bien_ban_hop"])
    client = login(officer)
    url = reverse("nomination_form_fields")
    body = client.get(url, {"campaign": campaign.pk, "award_type": director_award.pk}).content
    body = body.decode()
    assert 'id="award-type-field" hx-swap-oob="true"' in body
    assert f'value="{director_award.pk}" selected' in body  # the choice made is kept
    assert 'name="doc_to_trinh"' in body and 'name="doc_bien_ban_hop"' in body
    documents_only = client.get(
        url, {"campaign": campaign.pk, "award_type": director_award.pk, "part": "documents"}
    ).content.decode()
    assert "award-type-field" not in documents_only and "required-documents" in documents_only


def test_a_file_survives_a_refused_form_and_is_saved_with_it(
    login, campaign, district, director_award, officer
):
    client = login(officer)
    data = form_data(campaign, district, director_award, achievement_summary="")
    data["attachment"] = pdf("bao-cao.pdf")
    refused = client.post(reverse("nomination_create"), data)
    body = refused.content.decode()
    assert refused.status_code == 200 and not Nomination.objects.exists()
    kept = PendingUpload.objects.get()
    assert kept.original_name == "bao-cao.pdf" and kept.owner == officer
    assert f'name="pending" value="{kept.token}"' in body and "bao-cao.pdf" in body
    # The user fixes the summary and saves without choosing the file again.
    data = form_data(campaign, district, director_award, pending=str(kept.token))
    response = client.post(reverse("nomination_create"), data)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "bao-cao.pdf"
    assert attachment.nomination == Nomination.objects.get()
    assert not PendingUpload.objects.exists()


def test_another_users_pending_token_is_ignored(
    login, campaign, district, other_district, director_award, officer, other_officer
):
    client = login(officer)
    data = form_data(campaign, district, director_award, achievement_summary="")
    data["attachment"] = pdf("rieng.pdf")
    client.post(reverse("nomination_create"), data)
    token = PendingUpload.objects.get().token
    data = form_data(campaign, other_district, director_award, pending=str(token))
    response = login(other_officer).post(reverse("nomination_create"), data)
    assert response.status_code == 302  # saved, but without the other officer's file
    assert Nomination.objects.get().unit == other_district
    assert not Attachment.objects.exists()
    assert PendingUpload.objects.filter(token=token).exists()


def test_every_required_document_in_one_form(login, campaign, district, director_award, officer):
    make_rule_set(director_award, required_documents=["to_trinh", "bien_ban_hop"])
    data = form_data(campaign, district, director_award)
    data["doc_to_trinh"] = pdf("to-trinh.pdf")
    data["doc_bien_ban_hop"] = pdf("bien-ban.pdf")
    response = login(officer).post(reverse("nomination_create"), data)
    assert response.status_code == 302
    kinds = dict(Attachment.objects.values_list("kind", "original_name"))
    assert kinds == {"to_trinh": "to-trinh.pdf", "bien_ban_hop": "bien-ban.pdf"}


def test_kept_files_older_than_a_day_are_swept(officer):
    old = PendingUpload.objects.create(
        owner=officer, file=pdf("cu.pdf"), original_name="cu.pdf", kind="khac"
    )
    PendingUpload.objects.filter(pk=old.pk).update(created_at=old.created_at - KEEP_FOR * 2)
    fresh = PendingUpload.objects.create(
        owner=officer, file=pdf("moi.pdf"), original_name="moi.pdf", kind="khac"
    )
    assert pending_uploads_sweep() == 1
    assert list(PendingUpload.objects.all()) == [fresh]


def test_editing_keeps_the_file_across_an_error_too(
    login, make_nomination, campaign, district, director_award, officer
):
    nomination = make_nomination("draft")
    client = login(officer)
    url = reverse("nomination_edit", args=[nomination.pk])
    data = form_data(campaign, district, director_award, achievement_summary="")
    data["attachment"] = pdf("bo-sung.pdf")
    refused = client.post(url, data)
    assert refused.status_code == 200 and "bo-sung.pdf" in refused.content.decode()
    token = PendingUpload.objects.get().token
    data = form_data(campaign, district, director_award, pending=str(token))
    assert client.post(url, data).status_code == 302
    assert list(nomination.attachments.values_list("original_name", flat=True)) == ["bo-sung.pdf"]
