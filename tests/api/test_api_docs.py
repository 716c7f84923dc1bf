"""docs/api.md's operations table is the schema's (regenerate with
`manage.py api_operations --write`), and every operation has a summary and a description, the
schema its servers and a description for each tag."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from commendations.management.commands.api_operations import (
    DOC,
    END,
    START,
    doc_with_table,
    operations_table,
)

pytestmark = pytest.mark.django_db


def test_the_operations_table_in_docs_api_md_is_the_schemas():
    text = DOC.read_text()
    assert START in text and END in text
    assert doc_with_table(text, operations_table()) == text, (
        "docs/api.md is stale: run `python manage.py api_operations --write`"
    )


def test_every_operation_has_a_summary_and_every_tag_is_listed():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert schema["servers"] and schema["servers"][0]["url"].startswith("http")
    listed = {tag["name"] for tag in schema["tags"]}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), (method, path)
            # what it does beyond its one line: the view's `descriptions` or its docstring
            description = operation.get("description", "").strip()
            assert description and description != operation["summary"], (method, path)
            assert set(operation["tags"]) <= listed, (method, path)
