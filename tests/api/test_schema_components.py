"""The schema a generated client reads: request and response are separate components, a file
travels in multipart only (JSON everywhere else), downloads are binary, what the server refuses
is declared, filters belong to listing GETs, and the verification answers are typed."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

FILTERS = {"state", "unit", "award_type", "nominee_kind", "search"}  # a list's filters


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def resolve(schema: dict, ref_or_schema: dict) -> dict:
    ref = ref_or_schema.get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else ref_or_schema


def test_request_and_response_components_are_split(schema):
    components = schema["components"]["schemas"]
    assert "NominationRequest" in components and "Nomination" in components
    decision = components["Decision"]
    assert "id" in decision["properties"] and "id" in decision.get("required", [])
    request = components["DecisionRequest"]
    assert "id" not in request["properties"]
    attachment = components["Attachment"]
    assert "file" not in attachment.get("required", [])


def test_a_body_with_a_file_is_multipart_only_and_every_other_body_json_only(schema):
    seen_files = 0
    for path, method, operation in operations(schema):
        content = operation.get("requestBody", {}).get("content", {})
        if not content:
            continue
        assert len(content) == 1, (method, path, list(content))
        ((media_type, body),) = content.items()
        properties = resolve(schema, body["schema"]).get("properties", {})
        binary = [n for n, p in properties.items() if p.get("format") == "binary"]
        if binary:
            seen_files += 1
            assert media_type == "multipart/form-data", (method, path)
        else:
            assert media_type == "application/json", (method, path, media_type)
        assert not [
            n
            for n, p in properties.items()
            if p.get("format") == "uri" and n in {"file", "evidence"}
        ], (method, path)
    assert seen_files >= 5  # attachments, import, signed PDF, replacement, verify


def test_downloads_are_binary(schema):
    downloads = 0
    for path, _method, operation in operations(schema):
        for content_type, body in operation["responses"].get("200", {}).get("content", {}).items():
            if content_type != "application/json":
                downloads += 1
                assert body["schema"] == {"type": "string", "format": "binary"}, (path, body)
    assert downloads >= 10


def test_what_the_server_refuses_is_declared(schema):
    components = schema["components"]["schemas"]
    token = components["TokenRequestRequest"]["properties"]
    assert token["username"]["minLength"] == 1 and token["password"]["minLength"] == 1
    recommend = components["SessionRecommendRequestRequest"]["properties"]
    assert recommend["nominations"]["minItems"] == 1
    assert components["DecisionRequest"]["properties"]["nominations"]["minItems"] == 1


def test_list_filters_only_on_listing_gets(schema):
    for path, method, operation in operations(schema):
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        if method != "get":
            assert not names, (method, path, names)
        elif names & FILTERS:
            # the nominations' list and export; the due list's own year/unit/award_type/kind;
            # the registrations' summary and template: the unit whose subtree they cover
            assert path in {
                "/api/v1/nominations/",
                "/api/v1/nominations/export/",
                "/api/v1/due/",
                "/api/v1/due/export/",
                "/api/v1/registrations/summary/",
                "/api/v1/registrations/template/",
            }, path


def test_verification_answers_are_typed_with_error_bodies(schema):
    item = schema["paths"]["/api/v1/verify/{token}/"]
    for method in ("get", "post"):
        responses = item[method]["responses"]
        assert "$ref" in responses["200"]["content"]["application/json"]["schema"]
        for status in ("404", "429"):
            body = responses[status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (method, status)
    result = schema["components"]["schemas"]["VerificationResult"]["properties"]
    assert result["decision_date"]["format"] == "date"
