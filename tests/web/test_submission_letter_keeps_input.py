"""A refused "Lập Tờ trình" keeps the six typed fields and the ticks (issue #27 §4)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_refused_letter_keeps_what_was_typed_and_ticked(login, make_nomination, secretary):
    giay_khen = make_nomination("recommended")
    typed = {
        "letter_number": "15/TTr-CAT-PV05",
        "letter_date": "20/12/2026",
        "signer_mode": "KT.",
        "signer_principal_title": "GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_rank": "Đại tá",
        "signer_name": "Nguyễn Hữu Thắng",
    }
    response = login(secretary).post(
        reverse("submission_letter_create"), {"ids": [giay_khen.pk], **typed}
    )
    assert response.status_code == 400
    body = response.content.decode()
    for value in typed.values():
        if value != "KT.":
            assert f'value="{value}"' in body, value
    assert "<option selected>KT.</option>" in body
    assert f'name="ids" value="{giay_khen.pk}" checked' in body
