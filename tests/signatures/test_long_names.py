"""Long and awkward text on the seal: a 120-character Vietnamese organisation name and a name
with no space wrap inside the appearance (nothing cut, 10 pt kept); a nominee who bears the
signer's name does not pull the seal away from the signer's block."""

import datetime

import pymupdf

from commendations.signatures.appearance import (
    DPI,
    MM,
    TEXT_MM,
    _font,
    _wrap,
    seal_appearance,
)
from commendations.signatures.seal import seal_position
from tests.signatures.documents import FONT

LONG_NAME = (
    "Phòng Cảnh sát quản lý hành chính về trật tự xã hội, Công an tỉnh Gia Lai "
    "(cơ sở Quy Nhơn, sau hợp nhất với tỉnh Bình Định)"
)


def test_a_120_character_name_wraps_inside_the_box():
    assert len(LONG_NAME) >= 120
    font = _font(10)
    width = TEXT_MM * MM - MM * 2
    for name in (LONG_NAME, "CÔNGANTỈNHGIALAI" * 8):
        lines = _wrap(name, font, width)
        assert all(font.getlength(line) <= width for line in lines), lines
        assert "".join(lines).replace(" ", "") == name.replace(" ", "")
        appearance = seal_appearance(
            organisation=name, signed_at=datetime.datetime(2026, 12, 1, 3, tzinfo=datetime.UTC)
        )
        image = appearance.image
        line_height = round(10 * 1.25 * DPI / 72)
        assert image.height >= (len(lines) + 2) * line_height  # every line has its room


def _certificate_like(nominee: str, signer: str) -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=842, height=595)
    page.insert_font(fontname="serif", fontfile=FONT)
    page.insert_text((330, 200), nominee, fontname="serif", fontsize=20)
    page.insert_text((560, 470), signer, fontname="serif", fontsize=13)
    return document.tobytes()


def test_a_nominee_bearing_the_signers_name_does_not_move_the_seal():
    pdf = _certificate_like("Ông Rah Lan Chung", "Rah Lan Chung")
    position = seal_position(pdf, anchor="Rah Lan Chung")
    assert abs(position.y - (595 - 470)) < 3
