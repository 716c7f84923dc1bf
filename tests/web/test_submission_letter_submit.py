"""“Lập Tờ trình và trình” (issue #27 §4): one action for both authorities makes the Tờ trình and
forwards the nominations it lists; an incomplete dossier is refused before any letter exists,
with what is missing named per nominee, and the page keeps what was typed and ticked."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfWriter

from commendations.decisions import letters
from commendations.decisions.models import SubmissionLetter
from commendations.eligibility.models import AttachmentKind
from commendations.nominations.models import Attachment, NominationState

pytestmark = pytest.mark.django_db

TYPED = {
    "letter_number": "15/TTr-CAT-PV05",
    "letter_date": "20/12/2026",
    "signer_mode": "KT.",
    "signer_principal_title": "GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_rank": "Đại tá",
    "signer_name": "Nguyễn Hữu Thắng",
}


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch):
    """The documents' conversion is tested with the dossier package; here a blank PDF each."""
    monkeypatch.setattr(
        letters, "docx_to_pdf", lambda documents, **kwargs: {name: _pdf() for name in documents}
    )


def _report(nomination) -> None:
    Attachment.objects.create(
        nomination=nomination,
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        file=ContentFile(b"%PDF-1.4", name="bao-cao.pdf"),
        original_name="Báo cáo thành tích.pdf",
        size=8,
        content_type="application/pdf",
    )


def test_a_giay_khen_letter_goes_to_the_director_and_forwards(login, make_nomination, secretary):
    giay_khen = make_nomination("recommended", nominee_name="Đội Cảnh sát giao thông")
    _report(giay_khen)
    response = login(secretary).post(
        reverse("submission_letter_create"), {"ids": [giay_khen.pk], **TYPED}
    )
    letter = SubmissionLetter.objects.get()
    assert response.status_code == 302 and response.url == letter.get_absolute_url()
    assert list(letter.nominations.all()) == [giay_khen]
    giay_khen.refresh_from_db()
    assert giay_khen.state == NominationState.AWAITING_DIRECTOR
    page = login(secretary).get(response.url).content.decode()
    assert "Giám đốc Công an tỉnh" in page  # the message names whom it went to
    assert "Tờ trình đề nghị Giám đốc Công an tỉnh tặng Giấy khen" in page


def test_a_bang_khen_letter_goes_to_the_ministry_and_forwards(
    login, make_nomination, secretary, ministry_award
):
    bang_khen = make_nomination("recommended", award_type=ministry_award)
    _report(bang_khen)
    response = login(secretary).post(
        reverse("submission_letter_create"), {"ids": [bang_khen.pk], **TYPED}
    )
    assert response.status_code == 302
    bang_khen.refresh_from_db()
    assert bang_khen.state == NominationState.AWAITING_MINISTRY
    assert SubmissionLetter.objects.get().recipient == "Bộ trưởng Bộ Công an"


def test_an_incomplete_dossier_is_refused_before_any_letter_naming_what_is_missing(
    login, make_nomination, secretary, ministry_award
):
    complete = make_nomination("recommended", award_type=ministry_award, nominee_name="Đội A")
    _report(complete)
    bare = make_nomination("recommended", award_type=ministry_award, nominee_name="Đội B")
    response = login(secretary).post(
        reverse("submission_letter_create"), {"ids": [complete.pk, bare.pk], **TYPED}
    )
    assert response.status_code == 400
    assert not SubmissionLetter.objects.exists()
    body = response.content.decode()
    assert "Đội B: thiếu Báo cáo thành tích." in body
    assert "Đội A: thiếu" not in body
    for value in TYPED.values():
        if value != "KT.":
            assert f'value="{value}"' in body, value
    assert "<option selected>KT.</option>" in body
    for nomination in (complete, bare):
        assert f'name="ids" value="{nomination.pk}" checked' in body
        nomination.refresh_from_db()
        assert nomination.state == NominationState.RECOMMENDED


def test_a_secret_dossier_needs_no_achievement_report(
    login, make_nomination, secretary, ministry_award
):
    secret = make_nomination("recommended", award_type=ministry_award)
    secret.contains_state_secrets = True
    secret.save(update_fields=["contains_state_secrets"])
    secret.designated_reviewers.add(secretary)
    response = login(secretary).post(
        reverse("submission_letter_create"), {"ids": [secret.pk], **TYPED}
    )
    assert response.status_code == 302


def test_one_letter_goes_to_one_authority(login, make_nomination, secretary, ministry_award):
    giay_khen = make_nomination("recommended", nominee_name="Đội Giấy khen")
    bang_khen = make_nomination("recommended", award_type=ministry_award)
    for nomination in (giay_khen, bang_khen):
        _report(nomination)
    response = login(secretary).post(
        reverse("submission_letter_create"), {"ids": [giay_khen.pk, bang_khen.pk], **TYPED}
    )
    assert response.status_code == 400
    assert "Một Tờ trình gửi một cấp có thẩm quyền" in response.content.decode()
    assert "Đội Giấy khen" in response.content.decode()
    assert not SubmissionLetter.objects.exists()
