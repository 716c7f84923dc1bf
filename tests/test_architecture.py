"""The package map holds (docs/architecture.md): import-linter's contracts in pyproject.toml are
kept; the one `layers` contract places every module of `commendations`, with no exception and
counting the imports written for type checkers; and no function imports from the project to
dodge a cycle (if it needs to, the code is in the wrong package). Django's AppConfig.ready is the
one place that must import late."""

import ast
import re
import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
LATE_IMPORTS_ALLOWED = {"commendations/apps.py"}
IMPORTLINTER = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _layers_contract() -> dict:
    (contract,) = [c for c in IMPORTLINTER["contracts"] if c.get("id") == "layers"]
    return contract


def _layer_modules(layer: str) -> set[str]:
    """The modules one layer names: siblings are separated by `|` or `:`; `(x)` is optional."""
    return {name.strip().strip("()") for name in re.split(r"[|:]", layer)}


def test_import_contracts_are_kept():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_type_checking_imports_count():
    assert IMPORTLINTER["exclude_type_checking_imports"] is False


def test_the_layers_contract_has_no_exception():
    contract = _layers_contract()
    assert contract["type"] == "layers"
    assert "containers" not in contract
    assert not contract.get("ignore_imports")
    assert set(IMPORTLINTER["root_packages"]) == {"commendations", "workflow"}
    assert contract["layers"][-1] == "workflow"


def test_every_module_of_commendations_has_its_layer():
    """A new package or top-level module of `commendations` fails here until it is placed."""
    app = ROOT / "commendations"
    modules = {
        f"commendations.{child.stem}"
        for child in app.iterdir()
        if (child.is_dir() and any(child.rglob("*.py")))
        or (child.suffix == ".py" and child.name != "__init__.py")
    }
    placed = [m for layer in _layers_contract()["layers"] for m in _layer_modules(layer)]
    assert len(placed) == len(set(placed)), "a module is placed twice"
    assert sorted(modules - set(placed)) == [], "not placed in the layers contract"
    assert sorted(set(placed) - modules - {"workflow"}) == [], "placed but gone"


def test_every_folder_of_python_is_a_package():
    """import-linter does not see a folder without `__init__.py` (a namespace package), so its
    imports would escape every contract."""
    missing = [
        str(folder.relative_to(ROOT))
        for package in ("commendations", "workflow")
        for folder in [ROOT / package, *(ROOT / package).rglob("*")]
        if folder.is_dir()
        and folder.name != "__pycache__"
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    ]
    assert missing == []


def _function_level_project_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                ("commendations", "workflow")
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
    return found


def test_no_project_import_hides_inside_a_function():
    found = [
        hit
        for package in ("commendations", "workflow")
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        and str(path.relative_to(ROOT)) not in LATE_IMPORTS_ALLOWED
        for hit in _function_level_project_imports(path)
    ]
    assert not found, "\n".join(found)
