"""A replacement certificate through its whole path (Thông tư 22/2025/TT-BCA): the clerk records
the request with its evidence (web), the deciding authority approves it (API), the new
certificate is rendered from the same decision with the same registry number and the mark
"Cấp lại lần 1, ngày …", the old one verifies as replaced and links the new one, every step is
audited, and the award is counted once."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commendations.certificates.documents import certificate_context
from commendations.certificates.models import Certificate, ReplacementRequest
from commendations.certificates.public_verification import verification_path
from commendations.certificates.replacement import replacement_request_create
from commendations.certificates.selectors import certificates_of_decision
from commendations.certificates.services import decision_progress
from commendations.documents.layout import date_words
from commendations.reports.statistics import campaign_statistics
from config.celery import app as celery_app
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from workflow.models import TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    cache.clear()
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


@pytest.fixture
def certificate(
    campaign, district, officer, member, secretary, director, director_award, eager,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    specs = [(director_award, "collective", "Công an xã Ia Sao", {})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    with django_capture_on_commit_callbacks(execute=True):
        issue(draft(director, nominations), director)
    certificate = Certificate.objects.get()
    assert certificate.state == "rendered"
    return certificate


def test_a_replacement_through_its_whole_path(
    certificate, clerk, director, client, django_capture_on_commit_callbacks
):
    nomination = certificate.nomination
    client.force_login(clerk)
    response = client.post(
        reverse("replacement_create", args=[certificate.pk]),
        {
            "applicant": "Trưởng Công an xã Ia Sao",
            "kind": "cap_doi",
            "reason": "Bằng bị ố, rách do ngập nước",
            "evidence": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4", "application/pdf"),
        },
    )
    assert response.status_code == 302
    request = ReplacementRequest.objects.get()
    assert (request.state, request.requested_by, bool(request.evidence)) == (
        "requested",
        clerk,
        True,
    )
    assert "Trưởng Công an xã Ia Sao" in client.get(reverse("replacement_list")).content.decode()

    api = APIClient()
    api.force_authenticate(clerk)
    refused = api.post(f"/api/v1/replacements/{request.pk}/approve/", {}, format="json")
    assert refused.status_code == 403  # only the authority that decided
    api.force_authenticate(director)
    with django_capture_on_commit_callbacks(execute=True):
        body = api.post(
            f"/api/v1/replacements/{request.pk}/approve/", {"comment": "Đồng ý"}, format="json"
        ).json()
    today = date_words(timezone.localdate())  # "ngày 05 tháng 12 năm 2026"
    assert body["state"] == "approved"
    assert body["replacement_note"] == f"Cấp lại lần 1, {today}"

    old = Certificate.objects.get(pk=certificate.pk)
    new = Certificate.objects.get(pk=body["new_certificate"])
    assert old.state == "replaced" and old.nomination is None
    nomination.refresh_from_db()
    assert (
        new.nomination == nomination
        and type(nomination).objects.get(pk=nomination.pk).certificate == new
    )
    assert (new.registry_number, new.decision, new.serial) == (
        old.registry_number,
        old.decision,
        old.serial,
    )
    assert new.state == "rendered" and new.file.name  # rendered after the commit
    assert certificate_context(new)["replacement_note"] == f"Cấp lại lần 1, {today}"
    assert certificate_context_of_original_has_no_note(old)

    old_page = client.get(verification_path(old)).content.decode()
    assert "ĐÃ ĐƯỢC THAY THẾ" in old_page and verification_path(new) in old_page
    new_page = client.get(verification_path(new)).content.decode()
    assert "CÒN HIỆU LỰC" in new_page and f"Cấp lại lần 1, {today}" in new_page

    assert TransitionLog.objects.for_object(request).get().transition == "approve"
    assert TransitionLog.objects.for_object(old).last().transition == "replace"
    stats = campaign_statistics(campaign=nomination.campaign, user=director)
    assert stats.certificates["total"] == 1 and stats.certificates["generated"] == 1
    # The clerk's pages and the print pack see the one in force.
    assert list(certificates_of_decision(new.decision)) == [new]
    assert decision_progress(new.decision)["total"] == 1


def certificate_context_of_original_has_no_note(certificate: Certificate) -> bool:
    return certificate.replacement_note == ""


def test_a_second_request_and_a_refusal(certificate, clerk, director, client):
    first = replacement_request_create(
        certificate=certificate, applicant="A", kind="cap_lai", reason="Mất", evidence=None,
        actor=clerk,
    )  # fmt: skip
    with pytest.raises(Exception, match="đang chờ duyệt"):
        replacement_request_create(
            certificate=certificate, applicant="A", kind="cap_lai", reason="Mất", evidence=None,
            actor=clerk,
        )  # fmt: skip
    client.force_login(director)
    client.post(reverse("replacement_refuse", args=[first.pk]), {"comment": ""})
    first.refresh_from_db()
    assert first.state == "requested"  # a refusal needs its reason
    client.post(reverse("replacement_refuse", args=[first.pk]), {"comment": "Không có biên bản"})
    first.refresh_from_db()
    assert first.state == "refused"
    assert Certificate.objects.get(pk=certificate.pk).state == "rendered"
