import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from commendations.units.history_import import HistoryImportError, history_import
from commendations.units.models import DisciplinaryRecord, HonourRecord, Initiative, Person
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def workbook(path: Path, *, honour_kind: str = "Chiến sĩ thi đua cơ sở") -> Path:
    book = Workbook()
    people = book.active
    people.title = "Cá nhân"
    people.append(["Mã", "Họ và tên", "Ngày sinh", "Mã đơn vị"])
    people.append(["GL-1", "Trần Văn Nam", "02/09/1985", "CA-H1"])
    people.append(["GL-2", "Lê Thị Hoa", datetime.date(1990, 1, 5), ""])
    honours = book.create_sheet("Danh hiệu")
    honours.append(["Mã cá nhân", "Mã đơn vị", "Năm", "Danh hiệu", "Số quyết định"])
    honours.append(["GL-1", None, 2024, honour_kind, "123/QĐ"])
    honours.append(["GL-1", None, 2025, "cstdcs", ""])
    honours.append([None, "CA-X1", 2025, "Đơn vị quyết thắng", ""])
    initiatives = book.create_sheet("Sáng kiến")
    initiatives.append(["Mã cá nhân", "Tên sáng kiến", "Năm", "Cấp công nhận"])
    initiatives.append(["GL-2", "Sổ tay tuyên truyền", 2025, "Cơ sở"])
    discipline = book.create_sheet("Kỷ luật")
    discipline.append(["Mã cá nhân", "Mã đơn vị", "Loại", "Từ ngày", "Đến ngày", "Ghi chú"])
    discipline.append(["GL-2", None, "complaint", "01/10/2025", None, "Đơn số 7"])
    book.save(path)
    return path


def test_import_creates_people_and_their_history_and_is_idempotent(tmp_path, commune):
    path = workbook(tmp_path / "lich-su.xlsx")
    result = history_import(source=path)
    assert (result.people, result.honours, result.initiatives, result.discipline) == (2, 3, 1, 1)
    nam = Person.objects.get(code="GL-1")
    assert nam.unit.code == "CA-H1" and nam.date_of_birth == datetime.date(1985, 9, 2)
    assert set(nam.honours.values_list("year", "kind")) == {(2024, "cstdcs"), (2025, "cstdcs")}
    assert HonourRecord.objects.get(unit=commune).kind == "dvqt"
    assert DisciplinaryRecord.objects.get().note == "Đơn số 7"
    history_import(source=path)
    assert (Person.objects.count(), HonourRecord.objects.count(), Initiative.objects.count()) == (
        2,
        3,
        1,
    )


def test_one_bad_row_writes_nothing_and_names_the_row(tmp_path, commune):
    path = workbook(tmp_path / "loi.xlsx", honour_kind="Anh hùng")
    with pytest.raises(HistoryImportError) as exc:
        history_import(source=path)
    assert exc.value.messages == [
        "Danh hiệu, dòng 2: danh hiệu “Anh hùng” không có trong danh mục."
    ]
    assert not Person.objects.exists() and not HonourRecord.objects.exists()


def test_the_command_reports_errors(tmp_path, commune, capsys):
    with pytest.raises(CommandError, match="dòng 2"):
        call_command("import_history", str(workbook(tmp_path / "x.xlsx", honour_kind="?")))
    call_command("import_history", str(workbook(tmp_path / "y.xlsx")))
    assert "2 cá nhân" in capsys.readouterr().out


def test_old_unit_names_resolve_through_the_registry_and_ambiguity_is_a_row_error(
    tmp_path, reorganised
):
    book = Workbook()
    people = book.active
    people.title = "Cá nhân"
    people.append(["Mã", "Họ và tên", "Ngày sinh", "Mã đơn vị"])
    people.append(["GL-9", "Rơ Châm H'Ly", None, "Công an thị trấn Ia Ly"])  # the old name
    honours = book.create_sheet("Danh hiệu")
    honours.append(["Mã cá nhân", "Mã đơn vị", "Năm", "Danh hiệu", "Số quyết định"])
    honours.append([None, "công an huyện  chư păh", 2022, "Đơn vị quyết thắng", ""])
    book.save(tmp_path / "ok.xlsx")
    history_import(source=tmp_path / "ok.xlsx")
    assert Person.objects.get(code="GL-9").unit == reorganised["ia_ly"]
    assert HonourRecord.objects.get(year=2022).unit == reorganised["district"]

    # Another unit once had the same name: the row names the candidates and nothing is written.
    other = UnitFactory(
        code="CA-IALY-2", name="Công an thị trấn Ia Ly", parent=reorganised["province"]
    )
    people.append(["GL-10", "Nguyễn Văn A", None, "Công an thị trấn Ia Ly"])
    book.save(tmp_path / "ambiguous.xlsx")
    with pytest.raises(HistoryImportError) as raised:
        history_import(source=tmp_path / "ambiguous.xlsx")
    message = raised.value.messages[0]
    assert message.startswith("Cá nhân, dòng 2: tên “Công an thị trấn Ia Ly” khớp nhiều đơn vị")
    assert "CA-IALY (" in message and f"{other.code} (" in message
    assert not Person.objects.filter(code="GL-10").exists()
