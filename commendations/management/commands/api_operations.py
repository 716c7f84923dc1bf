"""Print the API's operations table (method, path, summary) from the OpenAPI schema, or with
--write put it into docs/api.md between its markers. tests/api/test_api_docs.py fails when the
file and the schema differ."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from drf_spectacular.generators import SchemaGenerator

START = "<!-- operations:start (manage.py api_operations --write) -->"
END = "<!-- operations:end -->"
DOC = Path(settings.BASE_DIR) / "docs" / "api.md"
PREFIX = "/api/v1"
METHODS = ("get", "post", "put", "patch", "delete")


def operations_table() -> str:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    rows = []
    for path, item in sorted(schema["paths"].items()):
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            summary = operation.get("summary", "").replace("|", "\\|")
            statuses = ", ".join(code for code in operation["responses"] if code.startswith("2"))
            rows.append(
                f"| `{method.upper()}` | `{path.removeprefix(PREFIX)}` | {statuses} | {summary} |"
            )
    header = [
        f"{len(rows)} operations under `{PREFIX}/` (generated from the schema).",
        "",
        "| method | path | success | summary |",
        "|---|---|---|---|",
    ]
    return "\n".join(header + rows)


def doc_with_table(text: str, table: str) -> str:
    if START not in text or END not in text:
        raise CommandError(f"{DOC} lacks the markers {START} … {END}")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    return f"{before}{START}\n{table}\n{END}{after}"


class Command(BaseCommand):
    help = "The API's operations table from the schema (--write: into docs/api.md)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--write", action="store_true", help="Update docs/api.md.")

    def handle(self, *args: Any, write: bool = False, **options: Any) -> None:
        table = operations_table()
        if not write:
            self.stdout.write(table)
            return
        DOC.write_text(doc_with_table(DOC.read_text(), table))
        self.stdout.write(f"{DOC}: updated")
