"""`manage.py apply_reorganisation FILE`: a dry run prints what would change and writes nothing;
applying is all or nothing and a second run changes nothing; the shipped Gia Lai 2025 file
leaves a valid tree on every date."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from commendations.units.models import Unit, UnitEvent, UnitKind
from commendations.units.reorganisation import registry_is_consistent
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

FILE = """
documents:
  huyen: {title: "Kết thúc hoạt động Công an cấp huyện"}
events:
  - {kind: dissolve, date: 2025-03-01, document: huyen, units: [CA-H], heirs: {CA-H: CA-A}}
  - kind: merge
    date: 2025-07-01
    document: {number: "1664/NQ-UBTVQH15", date: 2025-06-16}
    from: [CA-A, CA-B]
    into: {code: CA-AB, name: "Công an xã AB", kind: commune, parent: CAT}
  - {kind: rename, date: 2025-07-01, unit: CA-C, name: "Công an xã C mới"}
"""


@pytest.fixture
def tree(db):
    province = UnitFactory(code="CAT", name="Công an tỉnh", kind=UnitKind.PROVINCE)
    district = UnitFactory(code="CA-H", name="Công an huyện H", parent=province)
    for code in ("CA-A", "CA-B", "CA-C"):
        UnitFactory(code=code, name=f"Công an xã {code[-1]}", parent=district, kind="commune")
    return province


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reorg.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_dry_run_prints_and_writes_nothing(tree, tmp_path, capsys):
    call_command("apply_reorganisation", str(_write(tmp_path, FILE)), "--dry-run")
    out = capsys.readouterr().out
    assert "chạy thử" in out
    assert "01/03/2025 dissolve CA-H" in out and "→ CA-AB (Công an xã AB)" in out
    assert not UnitEvent.objects.exists() and not Unit.objects.filter(code="CA-AB").exists()


def test_apply_then_apply_again_changes_nothing(tree, tmp_path, capsys):
    path = _write(tmp_path, FILE)
    call_command("apply_reorganisation", str(path))
    assert UnitEvent.objects.count() == 3
    merged = Unit.objects.get(code="CA-AB")
    assert merged.parent == tree and merged.name_on(datetime.date(2025, 8, 1)) == "Công an xã AB"
    assert Unit.objects.get(code="CA-C").parent == tree
    capsys.readouterr()
    call_command("apply_reorganisation", str(path))
    assert "đã áp dụng trước đây" in capsys.readouterr().out
    assert UnitEvent.objects.count() == 3


def test_a_bad_event_names_itself_and_nothing_is_written(tree, tmp_path):
    bad = FILE + "  - {kind: move, date: 2025-08-01, unit: CA-C, parent: CA-NOWHERE}\n"
    with pytest.raises(CommandError, match="Sự kiện 4 .*CA-NOWHERE"):
        call_command("apply_reorganisation", str(_write(tmp_path, bad)))
    assert not UnitEvent.objects.exists()


def test_the_shipped_gia_lai_file_on_the_demo_tree(db):
    call_command("load_demo", verbosity=0)  # the demo applies it (demo/reorganisation.py)
    assert Unit.objects.get(code="CA-CHUPAH").valid_to == datetime.date(2025, 3, 1)
    assert Unit.objects.get(code="CAT-BD").valid_to == datetime.date(2025, 7, 1)
    assert Unit.objects.get(code="CA-P-QUYNHON").parent.code == "CAT-GL"
    assert Unit.objects.get(code="CA-TAYSON").name == "Công an phường An Khê"
    for on in ("2022-12-01", "2025-02-28", "2025-03-01", "2025-06-30", "2025-07-01", "2026-01-01"):
        assert registry_is_consistent(datetime.date.fromisoformat(on)) == [], on
