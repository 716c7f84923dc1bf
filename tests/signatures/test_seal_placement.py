"""The organisation's seal covers about a third of the signer's signature area on its left and
never the title lines above it (Nghị định 30/2020, Phụ lục I), by one rule from the signer
block's position."""

import pytest

from commendations.signatures.seal import pdf_seal
from tests.signatures.documents import decision_pdf
from tests.signatures.placement import assert_seal_placed, placement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pages", [1, 2])
def test_the_seal_covers_the_left_third_of_the_signature_not_the_titles(seal, pages):
    sealed = pdf_seal(
        decision_pdf(pages=pages), organisation="Công an tỉnh Gia Lai", anchor="Nguyễn Ngọc Sơn"
    )
    found = placement(
        sealed, titles=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name="Đại tá Nguyễn Ngọc Sơn"
    )
    assert_seal_placed(found)


def test_a_long_organisation_name_still_keeps_off_the_titles(seal):
    sealed = pdf_seal(
        decision_pdf(),
        organisation="Phòng Cảnh sát giao thông đường bộ - đường sắt, Công an tỉnh Gia Lai",
        anchor="Nguyễn Ngọc Sơn",
    )
    found = placement(
        sealed, titles=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name="Đại tá Nguyễn Ngọc Sơn"
    )
    assert_seal_placed(found)
