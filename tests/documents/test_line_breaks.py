"""Lines that must not break: a date is kept together ("ngày 20 tháng 02 năm 2023" never ends a
line at "năm"), and a collective's name takes the name and description columns of the annex and
of the Tờ trình's table instead of wrapping beside an empty column."""

import datetime
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from commendations.certificates.documents import certificate_context
from commendations.certificates.models import Certificate
from commendations.decisions.documents import decision_document, submission_letter
from commendations.documents.layout import NBSP, date_words_unbroken
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

SPECS = [
    ("collective", "Tổ tự quản về an ninh, trật tự làng Plei Ốp, phường Hội Thương", {}),
    ("individual", "Nguyễn Văn A", {"rank": "Đại úy", "position": "Cán bộ"}),
]


def test_a_date_in_words_is_one_unbreakable_run():
    text = date_words_unbroken(datetime.date(2023, 2, 20))
    assert text == NBSP.join(["ngày", "20", "tháng", "02", "năm", "2023"])
    assert " " not in text


@pytest.fixture
def nominations(campaign, district, officer, member, secretary, director_award):
    specs = [(director_award, kind, name, extra) for kind, name, extra in SPECS]
    return awaiting(campaign, district, officer, member, secretary, specs)


def test_the_certificate_keeps_its_dates_together(nominations, director):
    issue(draft(director, nominations), director)
    for certificate in Certificate.objects.select_related("nomination", "decision"):
        context = certificate_context(certificate)
        date_part = context["date_line"].split(", ", 1)[1]
        assert " " not in date_part and date_part.startswith(f"ngày{NBSP}")
        assert context["decision_line"].endswith(
            f"ngày{NBSP}01{NBSP}tháng{NBSP}3{NBSP}năm{NBSP}2023"
        )


def _rows_with_name(content: bytes, name: str):
    table_rows = Document(io.BytesIO(content)).element.body.iter(qn("w:tr"))
    return [tr for tr in table_rows if name in "".join(tr.itertext())]


def _name_cell_span(tr, name: str) -> int:
    for tc in tr.iter(qn("w:tc")):
        if name in "".join(tc.itertext()):
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            return int(span.get(qn("w:val"))) if span is not None else 1
    raise AssertionError(name)


def test_a_collective_name_spans_the_description_column(nominations, director, ministry_award):
    collective, individual = SPECS[0][1], SPECS[1][1]
    decision = issue(draft(director, nominations), director)
    for content in (decision_document(decision), submission_letter(nominations)):
        (row,) = _rows_with_name(content, collective)
        assert _name_cell_span(row, collective) == 2
        (row,) = _rows_with_name(content, individual)
        assert _name_cell_span(row, individual) == 1
