"""The year-end rating's decision is a Quyết định công nhận danh hiệu thi đua (Nghị định
30/2020 format): the "Căn cứ" lines in force on its date for its titles, the prize money of each
title from its own dated coefficient, the annex grouped by title then unit, and every path that
prints a decision (the preview, the PDF made after the issue) prints this one."""

import datetime
import io
import re

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from commendations.actions.annual_titles import rating_lists_decide
from commendations.actions.decisions import decision_seal, decision_sign
from commendations.annual_titles.models import Rating, RatingList, RatingListState
from commendations.annual_titles.selectors import annex_groups
from commendations.campaigns.models import Authority, AwardType
from commendations.decisions import signed_pdf as decisions_pdf
from commendations.decisions.documents import decision_document, recognition_context
from commendations.decisions.models import Decision, DecisionPdfStatus, PrizeRule
from commendations.documents.libreoffice import docx_to_pdf
from commendations.documents.models import DocumentTemplate
from commendations.eligibility.models import LegalBasis
from commendations.units.models import ServiceRecord
from tests.annual_titles.helpers import YEAR, officers, rating_list, rows_add
from tests.certificate_fixtures import media  # noqa: F401
from tests.signatures.documents import person_sign
from tests.signatures.placement import assert_seal_placed, placement

pytestmark = pytest.mark.django_db

D = datetime.date
DATE = D(YEAR + 1, 1, 15)  # 15/01/2026: Luật 06/2022, Nghị định 152/2025, Thông tư 04/2024
NUMBER = "25/QĐ-CAT-PX01"
PLACEHOLDERS = ("…", "...", "TODO", "xxx", "{{", "{%", "None")


def _recommended(*lists: RatingList) -> list[RatingList]:
    RatingList.objects.filter(pk__in=[rl.pk for rl in lists]).update(
        state=RatingListState.RECOMMENDED
    )
    return [RatingList.objects.get(pk=rl.pk) for rl in lists]


def _decide(lists, director, *, date=DATE, number=NUMBER) -> Decision:
    return rating_lists_decide(
        lists=lists,
        actor=director,
        number=number,
        date=date,
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="Phó Giám đốc",
        signer_rank="Đại tá",
        signer_mode="KT.",
        signer_principal_title="Giám đốc",
    )


@pytest.fixture
def decided(district, commune, director):
    """Two units' lists decided together: the district 3 Chiến sĩ tiên tiến (and one officer
    excluded for his rating), 1 Chiến sĩ thi đua cơ sở; the commune 2 Chiến sĩ tiên tiến."""

    def make(*, date=DATE, number=NUMBER) -> Decision:
        people = officers(district, 4)
        others = officers(commune, 2)
        first, second = rating_list(district), rating_list(commune)
        rows_add(first, people[:3], "CSTT")
        rows_add(first, people[3:], "CSTT", Rating.NOT_DONE)
        rows_add(first, people[:1], "CSTDCS", Rating.EXCELLENT)
        rows_add(second, others, "CSTT")
        ServiceRecord.objects.create(
            person=people[0],
            unit=district,
            rank="Đại úy",
            position="Phó Đội trưởng",
            valid_from=D(2020, 1, 1),
        )
        return _decide(_recommended(first, second), director, date=date, number=number)

    return make


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


# --- the legal bases in force on the decision's date ------------------------------------------


def test_it_cites_the_texts_in_force_on_its_date_and_no_other(decided):
    cstt = AwardType.objects.get(code="CSTT")
    giay_khen = AwardType.objects.get(code="GK-GD")
    future = LegalBasis.objects.create(
        short_name="99/2026/TT-BCA",
        kind=LegalBasis.Kind.CIRCULAR,
        citation="Căn cứ Thông tư số 99/2026/TT-BCA ngày 01 tháng 3 năm 2026 (chưa có hiệu lực);",
        valid_from=D(2026, 3, 1),
        sort_order=40,
    )
    future.award_types.add(cstt)
    own = LegalBasis.objects.create(
        short_name="01/2025/HD-X",
        kind=LegalBasis.Kind.OTHER,
        citation="Căn cứ Hướng dẫn số 01/2025/HD-X ngày 02 tháng 01 năm 2025 về danh hiệu;",
        valid_from=D(2025, 1, 2),
        sort_order=40,
    )
    own.award_types.add(cstt)
    elsewhere = LegalBasis.objects.create(
        short_name="02/2025/HD-X",
        kind=LegalBasis.Kind.OTHER,
        citation="Căn cứ Hướng dẫn số 02/2025/HD-X ngày 02 tháng 01 năm 2025 về Giấy khen;",
        valid_from=D(2025, 1, 2),
        sort_order=40,
    )
    elsewhere.award_types.add(giay_khen)
    bases = recognition_context(decided())["legal_bases"]
    joined = "\n".join(bases)
    assert bases[0] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert "152/2025/NĐ-CP" in joined and "04/2024/TT-BCA" in joined
    assert own.citation in bases  # the title's own text, in force
    for absent in ("98/2023", "91/2017", "12/2019", "26 tháng 11 năm 2003"):
        assert absent not in joined  # expired on the decision's date
    assert future.citation not in bases  # not yet in force
    assert elsewhere.citation not in bases  # another award's
    assert len(bases) == len(set(bases))  # a text both titles share, once


def test_a_decision_of_2023_cites_the_texts_of_2023(decided):
    joined = "\n".join(recognition_context(decided(date=D(2023, 6, 1)))["legal_bases"])
    assert "26 tháng 11 năm 2003" in joined and "91/2017/NĐ-CP" in joined
    assert "15 tháng 6 năm 2022" not in joined and "152/2025" not in joined


# --- the prize money of each title ------------------------------------------------------------


def test_each_title_has_its_own_dated_coefficients_marked_unverified():
    rules = PrizeRule.objects.filter(award_type__code__in=["CSTT", "CSTDCS"])
    coefficients = {
        (r.award_type.code, r.valid_from.year): (str(r.coefficient), r.verified) for r in rules
    }
    assert coefficients == {
        ("CSTDCS", 2017): ("1.00", False),
        ("CSTDCS", 2024): ("1.00", False),
        ("CSTDCS", 2025): ("1.00", False),
        ("CSTT", 2017): ("0.30", False),
        ("CSTT", 2024): ("0.30", False),
        ("CSTT", 2025): ("0.30", False),
    }


def _amounts(context) -> dict[str, list[int]]:
    return {
        t["name"]: [row["amount"] for unit in t["units"] for row in unit["rows"]]
        for t in context["titles"]
    }


def test_prize_money_per_title_from_its_coefficient_and_the_base_salary_of_the_date(decided):
    # 2026: 0.3 × 2,340,000 = 702,000 → 710,000; 1.0 × 2,340,000 = 2,340,000
    context = recognition_context(decided())
    assert _amounts(context) == {
        "Chiến sĩ tiên tiến": [710_000] * 5,
        "Chiến sĩ thi đua cơ sở": [2_340_000],
    }
    assert context["prize_total"] == 5 * 710_000 + 2_340_000 == 5_890_000
    article = next(a for a in context["articles"] if a["label"] == "Điều 2.")
    assert article["text"].endswith("tính trên mức lương cơ sở 2.340.000 đồng:")
    assert article["lines"] == [
        "- Danh hiệu “Chiến sĩ tiên tiến”: mỗi cá nhân được thưởng 710.000 đồng (0,3 lần mức "
        "lương cơ sở, theo Nghị định 152/2025/NĐ-CP);",
        "- Danh hiệu “Chiến sĩ thi đua cơ sở”: mỗi cá nhân được thưởng 2.340.000 đồng (1,0 lần "
        "mức lương cơ sở, theo Nghị định 152/2025/NĐ-CP).",
        "Tổng số tiền thưởng: 5.890.000 đồng (Bằng chữ: Năm triệu tám trăm chín mươi nghìn "
        "đồng), chi từ Quỹ thi đua, khen thưởng của Công an tỉnh Gia Lai.",
    ]


def test_a_decision_of_2023_pays_the_2023_amounts(decided):
    # Nghị định 91/2017 with 1,490,000: 0.3 → 447,000 → 450,000; 1.0 → 1,490,000
    context = recognition_context(decided(date=D(2023, 6, 1)))
    assert _amounts(context) == {
        "Chiến sĩ tiên tiến": [450_000] * 5,
        "Chiến sĩ thi đua cơ sở": [1_490_000],
    }
    assert "91/2017/NĐ-CP, Điều 70" in context["articles"][1]["lines"][0]


def test_a_title_without_its_own_coefficient_is_never_paid_the_giay_khen_rate(decided):
    """The Director's generic rule (0.3, the Giấy khen's) must not price a title: without its
    own rule the article says the money follows the rules in force, and no amount is made up."""
    PrizeRule.objects.filter(award_type__code="CSTT").delete()
    context = recognition_context(decided())
    assert _amounts(context)["Chiến sĩ tiên tiến"] == [0] * 5
    cstt = next(t for t in context["titles"] if t["name"] == "Chiến sĩ tiên tiến")
    assert cstt["subtotal_text"] == ""
    assert all(r["amount_text"] == "" for u in cstt["units"] for r in u["rows"])
    items = context["articles"][1]["lines"]
    assert items[0] == (
        "- Danh hiệu “Chiến sĩ tiên tiến”: tiền thưởng thực hiện theo quy định hiện hành về "
        "thi đua, khen thưởng;"
    )
    assert context["prize_total"] == 2_340_000


def test_without_any_coefficient_the_article_names_no_amount(decided):
    PrizeRule.objects.filter(award_type__code__in=["CSTT", "CSTDCS"]).delete()
    context = recognition_context(decided())
    article = context["articles"][1]
    assert article["lines"] == [] and "đồng" not in article["text"]
    assert not context["has_prize"] and context["prize_total_text"] == ""


# --- the annex --------------------------------------------------------------------------------


def test_the_annex_groups_by_title_then_unit_with_the_counts(decided, district, commune):
    decision = decided()
    context = recognition_context(decision)
    titles = context["titles"]
    assert [(t["numeral"], t["label"], t["count_text"]) for t in titles] == [
        ("I", "Danh hiệu “Chiến sĩ tiên tiến”", "5 cá nhân"),
        ("II", "Danh hiệu “Chiến sĩ thi đua cơ sở”", "1 cá nhân"),
    ]
    first = titles[0]
    assert [u["name"] for u in first["units"]] == [district.name, commune.name]
    # numbered from 1 within each title, across its units; the excluded officer is absent
    assert [r["index"] for u in first["units"] for r in u["rows"]] == [1, 2, 3, 4, 5]
    names = [r["name"] for u in first["units"] for r in u["rows"]]
    assert "Cán bộ CA-H1 3" not in names and "Cán bộ CA-H1 0" in names
    assert first["units"][0]["rows"][0]["description"] == "Đại úy, Phó Đội trưởng"
    assert titles[0]["subtotal_text"] == "3.550.000" and titles[1]["subtotal_text"] == "2.340.000"
    assert context["count_text"] == "6 cá nhân"
    assert context["articles"][0]["lines"] == [
        "- Danh hiệu “Chiến sĩ tiên tiến”: 5 cá nhân;",
        "- Danh hiệu “Chiến sĩ thi đua cơ sở”: 1 cá nhân.",
    ]
    # the .xlsx/API annex and the document's come from the one grouping
    groups = annex_groups(decision.rating_lists.first())
    assert [(g.award_type, g.unit, len(g.people)) for g in groups] == [
        ("Chiến sĩ tiên tiến", district.name, 3),
        ("Chiến sĩ tiên tiến", commune.name, 2),
        ("Chiến sĩ thi đua cơ sở", district.name, 1),
    ]


# --- the Word document ------------------------------------------------------------------------


def test_the_document_is_the_recognition_decision_with_its_annex(decided):
    decision = decided()
    text = _text(decision_document(decision))
    for expected in (
        "BỘ CÔNG AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 25/QĐ-CAT-PX01",
        "ngày 15 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc công nhận danh hiệu thi đua năm 2025",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận danh hiệu thi đua năm 2025 cho 6 cá nhân (có danh sách kèm theo), gồm:",
        "- Danh hiệu “Chiến sĩ tiên tiến”: 5 cá nhân;",
        "Điều 2.",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Đại tá Nguyễn Ngọc Sơn",
        "DANH SÁCH",
        "Cá nhân được công nhận danh hiệu thi đua năm 2025",
        "(Kèm theo Quyết định số 25/QĐ-CAT-PX01 ngày 15 tháng 01 năm 2026 của Giám đốc Công an",
        "Danh hiệu “Chiến sĩ tiên tiến” (5 cá nhân)",
        "Cán bộ CA-X1 1",
        "Tổng cộng",
        "5.890.000",
    ):
        assert expected in text, expected
    for placeholder in PLACEHOLDERS:
        assert placeholder not in text, placeholder
    assert "Tặng" not in text and "khen thưởng ngày 26" not in text
    assert "DỰ THẢO" not in text  # issued at once


def test_a_decision_of_nominations_keeps_the_award_template(decided):
    """The dispatch is by what the decision decided: one without rating lists still prints the
    Quyết định khen thưởng."""
    decision = decided()
    other = Decision.objects.create(
        authority=Authority.PROVINCIAL_DIRECTOR,
        number="26/QĐ-CAT-PX01",
        date=DATE,
        signer_title="GIÁM ĐỐC",
        signer_name="Rah Lan Chung",
    )
    assert "công nhận danh hiệu" not in _text(decision_document(other))
    assert "công nhận danh hiệu" in _text(decision_document(decision))
    assert DocumentTemplate.objects.filter(kind="cong_nhan", version=1).exists()


# --- the PDF, through LibreOffice -------------------------------------------------------------


def test_the_recognition_decision_converts_to_a_pdf_in_times(decided, soffice_path):
    pdf = pymupdf.open(
        stream=docx_to_pdf({"qd": decision_document(decided())})["qd"], filetype="pdf"
    )
    # the decision (one page, or two when the signer's block does not fit under the articles:
    # then Điều 3 goes with it), then the annex on a page of its own
    assert pdf.page_count in (2, 3)
    *decision_pages, annex = (page.get_text() for page in pdf)
    first = "".join(decision_pages)
    assert "QUYẾT ĐỊNH" in decision_pages[0]
    signed = decision_pages[-1]
    assert "Điều 3." in signed and "Đại tá Nguyễn Ngọc Sơn" in signed
    assert "DANH SÁCH" in annex and "Kèm theo Quyết định số 25/QĐ-CAT-PX01" in annex
    assert "Cán bộ CA-X1 1" in annex and "5.890.000" in annex
    fonts = {font[3] for page in pdf for font in page.get_fonts()}
    assert fonts and all(re.search("Times|LiberationSerif", f) for f in fonts), fonts
    sizes = {
        round(span["size"])
        for block in pdf[0].get_text("dict")["blocks"]
        for line in block.get("lines", [])
        for span in line["spans"]
    }
    assert sizes <= {11, 12, 13, 14}, sizes
    for placeholder in PLACEHOLDERS:
        assert placeholder not in first + annex, placeholder


@pytest.mark.usefixtures("media")
def test_the_pdf_made_after_the_decision_is_the_recognition_decision(
    decided, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Decided today: the issue asks the worker for the PDF/A the signer signs (the same
    pipeline as a Quyết định khen thưởng), and it renders the recognition decision."""
    settings.ARCHIVE_PDFS_ENABLED = True
    sent = []
    monkeypatch.setattr(decisions_pdf, "decision_pdf_send", lambda **kw: sent.append(kw))
    rendered = {}

    def convert(documents, **kwargs):
        rendered.update(documents)
        return {name: b"%PDF-1.7 thu" for name in documents}

    monkeypatch.setattr(decisions_pdf, "docx_to_pdf", convert)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decided(date=timezone.localdate())
    assert sent == [{"decision_id": decision.pk}]
    decision.refresh_from_db()
    assert decision.pdf_status == DecisionPdfStatus.PENDING
    assert decisions_pdf.decision_pdf_make(decision_id=decision.pk) == "done"
    assert "Về việc công nhận danh hiệu thi đua năm 2025" in _text(rendered["quyet-dinh"])
    decision.refresh_from_db()
    assert decision.pdf_status == DecisionPdfStatus.READY and decision.awaits_seal


def test_a_decision_dated_in_the_past_is_recorded_as_its_paper_original(decided):
    decision = decided(date=D(2026, 1, 15))
    assert decision.signature_state == "paper" and decision.pdf_status == ""


@pytest.mark.usefixtures("media", "eager", "seal")
def test_the_director_signs_it_and_the_clerk_seals_it_like_any_decision(
    decided, settings, director, clerk, person_cert, soffice_path,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """The whole pipeline on the real PDF/A LibreOffice makes of the recognition decision: made
    after the decision, signed by the Director, sealed by the văn thư over the signer's block
    (Nghị định 30/2020, Điều 13)."""
    settings.ARCHIVE_PDFS_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        decision = decided(date=timezone.localdate())
    decision.refresh_from_db()
    assert decision.pdf_status == DecisionPdfStatus.READY, decision.pdf_error
    with decision.pdf.open("rb") as handle:
        pdf = handle.read()
    text = "".join(page.get_text() for page in pymupdf.open(stream=pdf, filetype="pdf"))
    assert "Về việc công nhận danh hiệu thi đua năm 2025" in text and "DANH SÁCH" in text
    decision_sign(
        decision=decision,
        actor=director,
        pdf_bytes=SimpleUploadedFile(
            "qd.pdf", person_sign(pdf, person_cert), content_type="application/pdf"
        ),
    )
    decision = decision_seal(decision=Decision.objects.get(pk=decision.pk), actor=clerk)
    assert decision.signature_state == "sealed"
    context = decision.signer.context()
    with decision.sealed_pdf.open("rb") as handle:
        found = placement(
            handle.read(),
            titles=list(context["signer_heading"]),
            name=str(context["signer_name_line"]),
        )
    assert_seal_placed(found)
