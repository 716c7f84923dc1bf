"""The MC's script covers the award segment and is titled so; each decision's list starts at 1;
it says "tập thể" when only collectives receive, invites the awardees up by their numbers, turn
by turn (tốp); the run-sheet groups the rows in those turns, names the presenter once per turn
and says who receives for a collective."""

import io

import pytest
from docx import Document

from commendations.campaigns.models import NomineeKind
from commendations.ceremonies.documents import (
    COLLECTIVE_RECEIVER,
    INDIVIDUAL_RECEIVER,
    mc_script_docx,
    recipients_words,
    run_sheet_docx,
)
from commendations.ceremonies.services import ceremony_update
from tests.ceremonies.test_run_sheet_and_overlay import ceremony, eager  # noqa: F401
from tests.certificate_fixtures import media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
C, P = NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL


def test_recipients_are_named_by_the_kinds_there_are():
    assert recipients_words([C, C]) == "các tập thể"
    assert recipients_words([C]) == "tập thể"
    assert recipients_words([P, P]) == "các cá nhân"
    assert recipients_words([C, P]) == "các tập thể, cá nhân"


def _paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_the_script_restarts_its_numbers_and_invites_turn_by_turn(ceremony):  # noqa: F811
    ceremony_update(
        ceremony=ceremony,
        actor=ceremony.created_by,
        name=ceremony.name,
        date=ceremony.date,
        place=ceremony.place,
        decisions=list(ceremony.decisions.all()),
        group_size=1,
    )
    ceremony.refresh_from_db()
    text = _paragraphs(mc_script_docx(ceremony))
    assert text[0].startswith("KỊCH BẢN DẪN CHƯƠNG TRÌNH")
    assert "PHẦN CÔNG BỐ QUYẾT ĐỊNH VÀ TRAO KHEN THƯỞNG" in text[0]
    numbers = [p.split(".", 1)[0] for p in text if p[:1].isdigit()]
    assert numbers == ["1", "2", "1", "2"]  # each decision's list from 1
    invitations = [p for p in text if "lên sân khấu nhận" in p]
    assert invitations == [
        "Trân trọng kính mời đại diện tập thể có tên số 1 lên sân khấu nhận Bằng khen.",
        "Trân trọng kính mời cá nhân có tên số 2 lên sân khấu nhận Bằng khen.",
        "Trân trọng kính mời đại diện tập thể có tên số 1 lên sân khấu nhận Giấy khen.",
        "Trân trọng kính mời cá nhân có tên số 2 lên sân khấu nhận Giấy khen.",
    ]
    handing = [p for p in text if "lên trao" in p]
    assert handing[0].endswith("lên trao Bằng khen cho tập thể.")
    assert not any("cho các tập thể, cá nhân" in p for p in handing)


def test_the_run_sheet_groups_the_turns_and_names_the_presenter_once(ceremony):  # noqa: F811
    table = Document(io.BytesIO(run_sheet_docx(ceremony))).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    headings = [r[0] for r in rows if r[0].startswith("Tốp ")]
    assert len(headings) == 2  # one turn per decision (two awardees, turns of 10)
    assert all("Người trao: " in h for h in headings)
    awardees = [r for r in rows if not r[0].startswith("Tốp ")]
    assert [r[0] for r in awardees] == ["1", "2", "1", "2"]
    receivers = [r[-1] for r in awardees]
    assert receivers == [COLLECTIVE_RECEIVER, INDIVIDUAL_RECEIVER] * 2
    # the presenter appears in the headings only, not on every row
    presenter = headings[0].split("Người trao: ", 1)[1]
    assert sum(presenter in " ".join(r) for r in awardees) == 0
