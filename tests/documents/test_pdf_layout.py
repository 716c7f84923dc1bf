"""What the clerk sees: the demo's documents converted to PDF by LibreOffice and read back with
PyMuPDF (positions of lines, drawn rules, fonts)."""

import re

import pymupdf
import pytest

from commendations.demo.samples import demo_documents
from commendations.documents.libreoffice import docx_to_pdf
from commendations.documents.models import DocumentKind
from commendations.documents.rendering import (
    DOC_TEMPLATES_DIR,
    render_docx,
    sample_context,
)
from commendations.signatures.appearance import SEAL_MM

NEW_REGIME = ("06/2022/QH15", "98/2023", "152/2025", "04/2024")
MM = 72 / 25.4
LONG_ROWS = 40


def _long_annex_context() -> dict:
    context = sample_context(DocumentKind.DECISION)
    rows = [
        {
            "index": i,
            "name": f"Đơn vị thử số {i:02d} có tên rất dài để xuống dòng trong ô của bảng",
            "description": f"Mô tả dòng {i:02d}: Đại úy, Phó Đội trưởng Đội Cảnh sát điều tra "
            "tội phạm về trật tự xã hội, Công an huyện Chư Păh",
            "amount_text": "447.000",
        }
        for i in range(1, LONG_ROWS + 1)
    ]
    context["groups"] = [
        {"numeral": "I", "label": "Tập thể", "rows": rows[:10], "subtotal_text": "x"},
        {"numeral": "II", "label": "Cá nhân", "rows": rows[10:], "subtotal_text": "y"},
    ]
    return context


_PDFS: dict[str, pymupdf.Document] = {}


@pytest.fixture
def pdfs(db, settings, tmp_path, soffice_path):
    """Every demo document (and a 40-row annex) as PDF, made once by the first test that asks
    (inside its transaction, so its rows are rolled back with it)."""
    if not _PDFS:
        settings.MEDIA_ROOT = tmp_path / "media"
        documents = dict(demo_documents().documents)
        documents["annex-long"] = render_docx(
            (DOC_TEMPLATES_DIR / "quyet_dinh.docx").read_bytes(), _long_annex_context()
        )
        for name, pdf in docx_to_pdf(documents).items():
            _PDFS[name] = pymupdf.open(stream=pdf, filetype="pdf")
    return _PDFS


def _lines(page) -> list[tuple[str, pymupdf.Rect, list[dict]]]:
    found = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = "".join(span["text"] for span in line["spans"]).strip()
            if text:
                found.append((text, pymupdf.Rect(line["bbox"]), line["spans"]))
    return found


def _line(page, text: str) -> pymupdf.Rect:
    matches = [rect for line, rect, _spans in _lines(page) if line == text]
    assert matches, f"no line reading exactly {text!r} on page {page.number + 1}"
    return matches[0]


def _text(document) -> str:
    """The words of every page, whitespace (line breaks in table cells) collapsed."""
    return " ".join(" ".join(page.get_text().split()) for page in document)


def _horizontal_rules(page) -> list[pymupdf.Rect]:
    rules = []
    for drawing in page.get_drawings():
        rect = pymupdf.Rect(drawing["rect"])
        if rect.height <= 2 and rect.width >= 10:
            rules.append(rect)
    return rules


def test_header_lines_each_on_one_line_with_the_ministry_above(pdfs):
    page = pdfs["quyet-dinh"][0]
    quoc_hieu = _line(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = _line(page, "Độc lập - Tự do - Hạnh phúc")
    ministry = _line(page, "BỘ CÔNG AN")
    issuing = _line(page, "CÔNG AN TỈNH GIA LAI")
    assert ministry.y1 <= issuing.y0 + 1
    assert abs((ministry.x0 + ministry.x1) / 2 - (issuing.x0 + issuing.x1) / 2) < 3
    # narrow left, wide right, side by side
    assert issuing.x1 < quoc_hieu.x0 and abs(quoc_hieu.y0 - ministry.y0) < 3
    assert motto.y0 > quoc_hieu.y1 - 1
    _line(page, "Số: 123/QĐ-CAT-PV05")
    _line(page, "Gia Lai, ngày 06 tháng 3 năm 2023")


def test_drawn_lines_under_the_issuing_body_and_the_motto(pdfs):
    page = pdfs["quyet-dinh"][0]
    motto = _line(page, "Độc lập - Tự do - Hạnh phúc")
    date = _line(page, "Gia Lai, ngày 06 tháng 3 năm 2023")
    issuing = _line(page, "CÔNG AN TỈNH GIA LAI")
    number = _line(page, "Số: 123/QĐ-CAT-PV05")
    rules = _horizontal_rules(page)
    under_motto = [
        r for r in rules if motto.y1 - 1 <= r.y0 <= date.y0 and r.x0 < motto.x1 and r.x1 > motto.x0
    ]
    assert under_motto, rules
    assert abs(under_motto[0].width - motto.width) < 0.1 * motto.width
    assert abs((under_motto[0].x0 + under_motto[0].x1) / 2 - (motto.x0 + motto.x1) / 2) < 4
    under_issuing = [
        r
        for r in rules
        if issuing.y1 - 1 <= r.y0 <= number.y0 and r.x0 < issuing.x1 and r.x1 > issuing.x0
    ]
    assert under_issuing and under_issuing[0].width < issuing.width


def _page_with(document, text: str):
    """The page holding a line reading exactly `text`."""
    pages = [page for page in document if any(line == text for line, *_ in _lines(page))]
    assert pages, f"no line reading exactly {text!r}"
    return pages[0]


def test_signer_block_lines_in_order_with_room_for_the_seal(pdfs):
    # the block (with "Nơi nhận") never splits: it is on one page, the first or the next
    page = _page_with(pdfs["quyet-dinh"], "Đại tá Nguyễn Ngọc Sơn")
    first = _line(page, "KT. GIÁM ĐỐC")
    second = _line(page, "PHÓ GIÁM ĐỐC")
    name = _line(page, "Đại tá Nguyễn Ngọc Sơn")
    assert first.y1 <= second.y0 + 1 and second.y1 < name.y0
    assert name.y0 - second.y1 >= (SEAL_MM + 1) * MM  # the signature and the whole seal
    assert first.x0 > page.rect.width / 2 - 20 * MM  # the right column
    nơi_nhận = _line(page, "Nơi nhận:")
    assert nơi_nhận.x1 < first.x0


def test_articles_bold_and_counts_split(pdfs):
    document = pdfs["quyet-dinh"]
    text = _text(document)
    assert re.search(r"cho \d+ tập thể và \d+ cá nhân", text)
    spans = [s for _t, _r, spans in _lines(document[0]) for s in spans]
    article = next(s for s in spans if s["text"].startswith("Điều 1."))
    assert "Bold" in article["font"] or article["flags"] & 16
    body = next(s for s in spans if s["text"].startswith(" Tặng"))
    assert "Bold" not in body["font"]
    assert "- Như Điều 3;" in text and "Điều 3." in text
    assert "Quỹ thi đua, khen thưởng của Công an tỉnh Gia Lai" in text


def test_a_2023_decision_cites_no_later_text(pdfs):
    text = _text(pdfs["quyet-dinh"])
    assert "91/2017/NĐ-CP" in text
    for later in NEW_REGIME:
        assert later not in text, later


def test_draft_mark_on_the_draft_only(pdfs):
    for page in pdfs["quyet-dinh-du-thao"]:
        assert "DỰ THẢO" in page.get_text()
    assert "DỰ THẢO" not in _text(pdfs["quyet-dinh"])


def test_annex_header_on_every_page_and_rows_never_split(pdfs):
    document = pdfs["annex-long"]
    annex_pages = [p for p in document if "Đơn vị thử số" in p.get_text()]
    assert len(annex_pages) >= 2
    for page in annex_pages:
        assert "Tập thể / Họ và tên" in page.get_text()
    for i in range(1, LONG_ROWS + 1):
        pages = [p.number for p in document if f"Mô tả dòng {i:02d}" in p.get_text()]
        assert len(pages) == 1, (i, pages)
        page = document[pages[0]]
        assert f"Đơn vị thử số {i:02d}" in page.get_text().replace("\n", " "), i


def _amount(text: str) -> int | None:
    return int(text.replace(".", "")) if re.fullmatch(r"\d{1,3}(\.\d{3})+", text) else None


def test_prize_total_equals_the_sum_of_the_rows(pdfs):
    document = pdfs["quyet-dinh"]
    rows: list[int] = []
    total = None
    for page in document:
        words = page.get_text("words")
        if "Tiền thưởng" not in page.get_text():
            continue
        by_line: dict[int, list] = {}
        for x0, y0, _x1, _y1, word, *_ in words:
            by_line.setdefault(round(y0), []).append((x0, word))
        tt_right = _line(page, "TT").x1 + 2
        for items in by_line.values():
            items.sort()
            amounts = [a for a in (_amount(w) for _x, w in items) if a]
            if not amounts:
                continue
            first_x, first_word = items[0]
            if first_word.isdigit() and first_x < tt_right:
                rows.append(amounts[-1])
            elif any(w == "Tổng" for _x, w in items):
                total = amounts[-1]
    assert rows and total == sum(rows)
    assert f"{total:,}".replace(",", ".") in _text(document).split("Tổng số tiền thưởng:")[1][:20]


def test_submission_letter_has_its_number_basis_votes_and_recipients(pdfs):
    document = pdfs["to-trinh"]
    page = document[0]
    _line(page, "Số: 15/TTr-CAT-PV05")
    _line(page, "Gia Lai, ngày 10 tháng 01 năm 2023")
    text = _text(document)
    assert "Kính gửi: Bộ trưởng Bộ Công an" in text
    assert "91/2017/NĐ-CP" in text and "06/2022" not in text
    assert "phiếu tán thành" in text and "Hội đồng Thi đua - Khen thưởng đã họp" in text
    assert "Biên bản họp Hội đồng Thi đua - Khen thưởng" in text
    assert "- Như trên;" in text and "Như Điều 3" not in text
    assert "Thiếu tướng Rah Lan Chung" in text


def test_bang_khen_reads_as_the_ministrys(pdfs):
    text = _text(pdfs["bang-khen"])
    assert "BỘ TRƯỞNG BỘ CÔNG AN" in text and "Hà Nội, ngày 20 tháng 02 năm 2023" in text
    assert "Công an tỉnh Gia Lai" in text  # units as the Ministry reads them
    assert "KT. BỘ TRƯỞNG" in text and "THỨ TRƯỞNG" in text
    assert "Số sổ vàng: BK-6785" in text  # the Ministry's own registry number


def test_no_text_leaves_the_page(pdfs):
    for name, document in pdfs.items():
        for page in document:
            for text, rect, _spans in _lines(page):
                assert page.rect.contains(rect), (name, page.number, text)


def test_every_pdf_is_set_in_a_times_metric_font_not_dejavu(pdfs):
    for name, document in pdfs.items():
        fonts = {font[3] for page in document for font in page.get_fonts()}
        assert any("LiberationSerif" in f or "TimesNewRoman" in f for f in fonts), (name, fonts)
        assert not any("DejaVu" in f for f in fonts), (name, fonts)


def test_each_certificate_is_one_page(pdfs):
    for name in ("giay-khen-ca-nhan", "giay-khen-tap-the", "bang-khen"):
        assert len(pdfs[name]) == 1, name
        page = pdfs[name][0]
        assert page.rect.width > page.rect.height  # landscape
