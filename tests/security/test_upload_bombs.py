"""A small compressed file must not make the app hold its expanded size. Each
test measures the peak of Python allocations (tracemalloc) while the app reads the hostile file
and asserts a bound, never a time."""

import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commendations.documents.models import DocumentKind
from commendations.documents.rendering import template_validate
from commendations.nominations.imports.validation import nominations_validate
from commendations.units.history_import import HistoryImportError, history_import
from tests.security.bombs import docx_expanding, xlsx_with_shared_strings, xlsx_with_sheet_xml

MB = 1024 * 1024


def peak_bytes(call: Callable[[], Any]) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        try:
            outcome: Any = call()
        except Exception as exc:  # the refusal is part of what is measured
            outcome = exc
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.django_db
def test_wide_sheet_of_the_attack_is_refused_within_a_memory_bound(campaign, officer):
    """300 rows x 2,000 cells of 1 (the shape of the 306 KB attack, fewer rows so that today's
    code does not take the test host down): loaded whole it needs hundreds of MB."""
    content = xlsx_with_sheet_xml(rows=300, columns=2000)
    assert len(content) < 1 * MB
    upload = SimpleUploadedFile("bomb.xlsx", content)
    (result, ready), peak = peak_bytes(
        lambda: nominations_validate(campaign=campaign, upload=upload, actor=officer)
    )
    assert peak < 40 * MB, f"peak {peak / MB:.0f} MB"
    assert ready == []
    assert [e.row for e in result.errors] == [None]


@pytest.mark.django_db
def test_a_wide_row_stops_the_stream_at_that_row(campaign, officer):
    """Small enough to pass the zip checks: the stream stops at the first row holding a value
    past the template's columns (row 2), without reading the rest."""
    content = xlsx_with_sheet_xml(rows=50, columns=300)
    upload = SimpleUploadedFile("wide.xlsx", content)
    (result, ready), peak = peak_bytes(
        lambda: nominations_validate(campaign=campaign, upload=upload, actor=officer)
    )
    assert ready == []
    assert "cột" in result.errors[0].message and "dòng 2" in result.errors[0].message
    assert peak < 20 * MB, f"peak {peak / MB:.0f} MB"


@pytest.mark.django_db
def test_sheet_whose_zip_member_expands_too_far_is_refused_before_parsing(campaign, officer):
    """1,500 x 2,000 cells: about 50 MB of XML in a few hundred KB. (Not run against the old code:
    it would need gigabytes.) Refused from the zip's directory, nothing parsed."""
    content = xlsx_with_sheet_xml(rows=1500, columns=2000)
    upload = SimpleUploadedFile("bomb.xlsx", content)
    (result, _ready), peak = peak_bytes(
        lambda: nominations_validate(campaign=campaign, upload=upload, actor=officer)
    )
    assert peak < 10 * MB + 2 * len(content), f"peak {peak / MB:.0f} MB"
    assert "giải nén" in result.errors[0].message


@pytest.mark.django_db
def test_a_lying_dimension_does_not_help(campaign, officer):
    """The sheet declares A1:A1 but holds 8,000 rows: reading stops at the first row past the
    5,000-row limit."""
    content = xlsx_with_sheet_xml(rows=8000, columns=3)
    upload = SimpleUploadedFile("long.xlsx", content)
    (result, ready), peak = peak_bytes(
        lambda: nominations_validate(campaign=campaign, upload=upload, actor=officer)
    )
    assert ready == []
    assert "tối đa" in result.errors[0].message
    assert peak < 40 * MB, f"peak {peak / MB:.0f} MB"


@pytest.mark.django_db
def test_history_import_refuses_an_expanding_shared_strings_part():
    """openpyxl loads the shared strings whole even in streaming mode: 40 MB of one-letter strings
    from a small file."""
    content = xlsx_with_shared_strings("Cá nhân", ["Mã", "Họ và tên"], megabytes=40)
    outcome, peak = peak_bytes(lambda: history_import(source=SimpleUploadedFile("h.xlsx", content)))
    assert isinstance(outcome, HistoryImportError | ValidationError), outcome
    assert peak < 20 * MB, f"peak {peak / MB:.0f} MB"


@pytest.mark.django_db
def test_uploaded_template_expanding_to_a_huge_document_is_refused_before_rendering():
    """A Giấy khen whose document.xml expands to 40 MB (the attack: 759 KB -> 310 MB)."""
    original = (Path(settings.BASE_DIR) / "doc_templates" / "giay_khen.docx").read_bytes()
    content = docx_expanding(original, megabytes=40)
    assert len(content) < 1 * MB
    outcome, peak = peak_bytes(lambda: template_validate(DocumentKind.GIAY_KHEN, content))
    assert isinstance(outcome, ValidationError), outcome
    assert "giải nén" in " ".join(outcome.messages)
    assert peak < 20 * MB, f"peak {peak / MB:.0f} MB"
