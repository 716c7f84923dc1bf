"""The Tờ trình's own number, date and signer, through the API and the forward queue's form;
left blank, the letter keeps room for the văn thư and never prints the day it was downloaded."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db
LETTER = "/api/v1/nominations/submission-letter/"


@pytest.fixture
def recommended(campaign, district, ministry_award, officer, member, secretary):
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=ministry_award, nominee_name="Công an xã Glar"
    )
    advance(nomination, "recommended", officer=officer, member=member, secretary=secretary)
    return nomination


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_api_prints_the_letters_number_date_and_signer(as_user, secretary, recommended):
    response = as_user(secretary).post(
        LETTER,
        {
            "nominations": [recommended.pk],
            "number": "15/TTr-CAT-PV05",
            "date": "2023-01-10",
            "signer_mode": "KT.",
            "signer_principal_title": "Giám đốc",
            "signer_title": "Phó Giám đốc",
            "signer_rank": "Đại tá",
            "signer_name": "Nguyễn Ngọc Sơn",
        },
        format="json",
    )
    assert response.status_code == 200
    text = _text(response.content)
    assert "Số: 15/TTr-CAT-PV05" in text
    assert "Gia Lai, ngày 10 tháng 01 năm 2023" in text
    for line in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đại tá Nguyễn Ngọc Sơn"):
        assert line in text
    assert "Kính gửi: Bộ trưởng Bộ Công an" in text
    assert "- Như trên;" in text and "Như Điều 3" not in text


def test_without_a_date_the_letter_leaves_room_for_it(as_user, secretary, recommended):
    response = as_user(secretary).post(LETTER, {"nominations": [recommended.pk]}, format="json")
    text = _text(response.content)
    assert "Gia Lai, ngày      tháng      năm" in text
    assert "/TTr-CAT-PV05" in text


def test_the_forward_queue_form_takes_the_same_fields(client, secretary, recommended):
    client.force_login(secretary)
    response = client.post(
        reverse("submission_letter"),
        {
            "ids": [recommended.pk],
            "letter_number": "16/TTr-CAT-PV05",
            "letter_date": "12/01/2023",
            "signer_title": "GIÁM ĐỐC",
            "signer_rank": "Thiếu tướng",
            "signer_name": "Rah Lan Chung",
        },
    )
    assert response.status_code == 200
    text = _text(response.content)
    assert "Số: 16/TTr-CAT-PV05" in text and "ngày 12 tháng 01 năm 2023" in text
    assert "Thiếu tướng Rah Lan Chung" in text
