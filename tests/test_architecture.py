"""The package map holds (docs/architecture.md): import-linter's contracts in pyproject.toml are
kept, and no function imports from the project to dodge a cycle (if it needs to, the code is in
the wrong package). Django's AppConfig.ready is the one place that must import late."""

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
LATE_IMPORTS_ALLOWED = {"commendations/apps.py"}


def test_import_contracts_are_kept():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


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
