"""Creating and editing a nomination: kinds, campaign award types, attachments, kept input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commendations.nominations.models import Attachment, Nomination

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(campaign, district, award, **extra):
    data = {
        "campaign": campaign.pk,
        "unit": district.pk,
        "award_type": award.pk,
        "nominee_kind": "individual",
        "nominee_name": "Nguyễn Văn Thử",
        "rank": "Đại úy",
        "position": "Đội trưởng",
        "workplace": "Công an huyện Một",
        "date_of_birth": "02/09/1985",
        "gender": "male",
        "achievement_summary": "Phá 3 chuyên án ma túy.",
        "citation": "",
        "attachment_kind": "bao_cao_thanh_tich",
    }
    data.update(extra)
    return data


def test_officer_creates_individual_nomination_with_attachment(
    login, campaign, district, director_award, officer
):
    data = form_data(campaign, district, director_award)
    data["attachment"] = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    response = login(officer).post(reverse("nomination_create"), data)
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response.url == nomination.get_absolute_url()
    assert nomination.rank == "Đại úy"
    assert nomination.date_of_birth.isoformat() == "1985-09-02"
    assert nomination.created_by == officer
    attachment = Attachment.objects.get()
    assert attachment.original_name == "bao-cao.pdf"


def test_collective_nomination_drops_individual_fields(
    login, campaign, district, commune, director_award, officer
):
    data = form_data(
        campaign, district, director_award, nominee_kind="collective", nominee_unit=commune.pk
    )
    data["nominee_name"] = ""
    login(officer).post(reverse("nomination_create"), data)
    nomination = Nomination.objects.get()
    assert nomination.nominee_name == commune.full_name
    assert nomination.rank == "" and nomination.date_of_birth is None


def test_form_keeps_input_when_attachment_is_refused(
    login, campaign, district, director_award, officer
):
    data = form_data(campaign, district, director_award)
    data["attachment"] = SimpleUploadedFile(
        "virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = login(officer).post(reverse("nomination_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert not Nomination.objects.exists()  # nothing half-saved
    assert "không phải là tệp .pdf hợp lệ" in body
    assert 'value="Nguyễn Văn Thử"' in body
    assert 'value="Đại úy"' in body
    assert "Phá 3 chuyên án ma túy." in body


def test_form_keeps_input_on_missing_field(login, campaign, district, director_award, officer):
    data = form_data(campaign, district, director_award, achievement_summary="")
    response = login(officer).post(reverse("nomination_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nguyễn Văn Thử"' in body
    assert "is-invalid" in body or "invalid-feedback" in body
    assert not Nomination.objects.exists()


def test_award_type_must_be_offered_by_the_campaign(
    login, campaign, district, officer, director_award
):
    from tests.factories import AwardTypeFactory

    foreign_award = AwardTypeFactory(code="KHAC", name="Hình thức khác", short_name="Khác")
    # The campaign re-render offers only the campaign's award types.
    body = (
        login(officer).get(reverse("nomination_create"), {"campaign": campaign.pk}).content.decode()
    )
    assert director_award.name in body
    assert foreign_award.name not in body
    data = form_data(campaign, district, foreign_award)
    response = login(officer).post(reverse("nomination_create"), data)
    assert response.status_code == 200
    assert not Nomination.objects.exists()


def test_officer_cannot_create_for_another_unit(
    login, campaign, other_district, director_award, officer
):
    data = form_data(campaign, other_district, director_award)
    response = login(officer).post(reverse("nomination_create"), data)
    assert response.status_code == 200
    assert not Nomination.objects.exists()


def test_edit_returned_nomination_and_resubmit(login, make_nomination, officer):
    nomination = make_nomination("returned", nominee_kind="collective")
    client = login(officer)
    page = client.get(reverse("nomination_edit", args=[nomination.pk]))
    assert page.status_code == 200
    data = {
        "award_type": nomination.award_type_id,
        "nominee_kind": "collective",
        "nominee_name": "Tên đã sửa",
        "achievement_summary": "Bổ sung số liệu.",
        "attachment_kind": "minh_chung",
    }
    response = client.post(reverse("nomination_edit", args=[nomination.pk]), data)
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.nominee_name == "Tên đã sửa"
    client.post(
        reverse("nomination_transition", args=[nomination.pk, "submit"]),
        {"expected_state": "returned"},
    )
    nomination.refresh_from_db()
    assert nomination.state == "submitted"


def test_submitted_nomination_cannot_be_edited(login, make_nomination, officer):
    nomination = make_nomination("submitted")
    response = login(officer).get(reverse("nomination_edit", args=[nomination.pk]))
    assert response.status_code == 302


def test_attachment_download_checks_access(login, make_nomination, officer, other_officer, member):
    from commendations.nominations.attachments import attachment_add

    nomination = make_nomination("draft")
    attachment = attachment_add(
        nomination=nomination,
        upload=SimpleUploadedFile("to-trinh.pdf", PDF),
        kind="to_trinh",
        actor=officer,
    )
    url = reverse("attachment_download", args=[attachment.pk])
    response = login(officer).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert login(other_officer).get(url).status_code == 404
    assert login(member).get(url).status_code == 404  # a draft stays in its unit


def test_attachment_upload_refuses_bad_type_with_message(login, make_nomination, officer):
    nomination = make_nomination("draft")
    response = login(officer).post(
        reverse("attachment_upload", args=[nomination.pk]),
        {"kind": "minh_chung", "file": SimpleUploadedFile("x.exe", b"MZ\x90")},
    )
    assert response.status_code == 400
    assert "không được chấp nhận" in response.content.decode()
    assert not nomination.attachments.exists()
