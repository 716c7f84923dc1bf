"""Every operation of the served schema has its own summary (the view's `summaries`) and an
example: each request body and each JSON answer one, a download the error it answers. The
examples validate against their own schemas, use no placeholder, and look like what the server
answers (the same fields, a body the server accepts)."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30Validator

from commendations.api.examples import missing_values

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def generated(django_db_blocker) -> tuple[dict, set]:
    with django_db_blocker.unblock():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return schema, missing_values()


@pytest.fixture(scope="module")
def schema(generated) -> dict:
    return generated[0]


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def inline(schema: dict, node):
    """The schema with its $refs replaced (the validator then needs no registry)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return inline(schema, schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]])
        return {key: inline(schema, value) for key, value in node.items()}
    if isinstance(node, list):
        return [inline(schema, value) for value in node]
    return node


def examples_of(operation: dict):
    """(where, media type object) of every body that carries examples."""
    for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
        yield "request", media_type, media
    for code, response in operation["responses"].items():
        for media_type, media in response.get("content", {}).items():
            yield code, media_type, media


def test_every_operation_has_its_own_summary(schema):
    summaries = {}
    for name, operation in operations(schema):
        summary = operation.get("summary", "")
        assert summary.strip(), f"{name}: no summary (add it to the view's `summaries`)"
        assert len(summary) <= 100 and not summary.endswith("."), name
        summaries.setdefault(summary, []).append(name)
    shared = {summary: names for summary, names in summaries.items() if len(names) > 1}
    assert not shared, f"one summary for several operations: {shared}"


def test_every_operation_has_an_example(schema):
    lacking = []
    for name, operation in operations(schema):
        shown = False
        for where, media_type, media in examples_of(operation):
            success_json = where == "request" or (
                where.startswith("2") and media_type == "application/json"
            )
            if success_json and "schema" in media:
                assert media.get("examples"), f"{name} {where} {media_type}: no example"
            shown = shown or bool(media.get("examples"))
        if not shown:
            lacking.append(name)
    assert lacking == []


def test_every_example_validates_against_its_schema(schema):
    invalid = []
    for name, operation in operations(schema):
        for where, _media_type, media in examples_of(operation):
            body_schema = inline(schema, media.get("schema", {}))
            for key, example in media.get("examples", {}).items():
                for error in OAS30Validator(body_schema).iter_errors(example["value"]):
                    invalid.append(f"{name} {where} {key}: {list(error.path)} {error.message}")
    assert invalid == []


def test_no_example_string_is_a_placeholder(generated):
    _schema, missing = generated
    assert missing == set(), (
        f"give these a value in commendations/api/examples.py (VALUES or BY_COMPONENT): {missing}"
    )


def example(schema: dict, path: str, method: str, where: str = "200") -> object:
    operation = schema["paths"][path][method]
    if where == "request":
        media = operation["requestBody"]["content"]["application/json"]
    else:
        media = operation["responses"][where]["content"]["application/json"]
    return media["examples"]["vi-du"]["value"]


def test_the_examples_have_the_fields_the_server_answers(
    schema, as_user, officer, own_draft, district
):
    api = as_user(officer)
    for path, url in (
        ("/api/v1/me/", "/api/v1/me/"),
        ("/api/v1/nominations/{id}/", f"/api/v1/nominations/{own_draft.pk}/"),
        ("/api/v1/nominations/", "/api/v1/nominations/"),
        ("/api/v1/auth/tokens/", "/api/v1/auth/tokens/"),
        (
            "/api/v1/nominations/{id}/transitions/",
            f"/api/v1/nominations/{own_draft.pk}/transitions/",
        ),
    ):
        answer = api.get(url).json()
        shown = example(schema, path, "get")
        assert set(shown) == set(answer), path
        if "results" in answer:
            assert set(shown["results"][0]) == set(answer["results"][0]), path


def test_the_nomination_example_is_a_body_the_server_accepts(
    schema, as_user, officer, campaign, district, director_award
):
    body = dict(example(schema, "/api/v1/nominations/", "post", "request"))
    body.update(campaign=campaign.pk, unit=district.pk, award_type=director_award.pk)
    created = as_user(officer).post("/api/v1/nominations/", body, format="json")
    assert created.status_code == 201, created.content
    answer = created.json()
    shown = example(schema, "/api/v1/nominations/", "post", "201")
    assert set(shown) == set(answer)
    for field in ("nominee_name", "rank", "position", "achievement_summary", "date_of_birth"):
        assert answer[field] == body[field], field
