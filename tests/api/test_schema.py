"""The OpenAPI schema is valid without warnings, documents the integration paths, and the API
answers schemathesis-generated requests without a 5xx or a response that breaks the schema."""

import datetime
import io
import re

import hypothesis.strategies as st
import pytest
import schemathesis
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from commendations.committee.services import committee_session_create
from commendations.tokens.services import api_token_issue
from config.wsgi import application
from tests.factories import NominationFactory
from tests.helpers import advance

pytestmark = pytest.mark.django_db

REQUIRED_PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/units/",
    "/api/v1/campaigns/",
    "/api/v1/award-types/",
    "/api/v1/nominations/",
    "/api/v1/nominations/{id}/",
    "/api/v1/nominations/{id}/attachments/",
    "/api/v1/nominations/{id}/transitions/",
    "/api/v1/nominations/{id}/transitions/{name}/",
    "/api/v1/nominations/{id}/history/",
    "/api/v1/decisions/",
    "/api/v1/decisions/{id}/issue/",
    "/api/v1/committee-sessions/",
    "/api/v1/committee-sessions/{id}/",
    "/api/v1/committee-sessions/{id}/votes/",
    "/api/v1/committee-sessions/{id}/recusals/",
    "/api/v1/committee-sessions/{id}/recommend/",
    "/api/v1/notifications/",
    "/api/v1/notifications/read/",
    "/api/v1/decisions/{id}/revoke/",
    "/api/v1/nominations/submission-letter/",
    "/api/v1/certificates/mark/",
    "/api/v1/certificates/{id}/retry/",
]
EXAMPLES_PER_OPERATION = 12


def test_spectacular_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/nominations/" in out.read_text()


def test_schema_is_served_with_swagger_and_redoc_pages(client, officer):
    client.force_login(officer)  # signed-in users only (tests/security/test_api_schema_access.py)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in REQUIRED_PATHS:
        assert path in paths, path
    for page in ("/api/v1/schema/swagger/", "/api/v1/schema/redoc/"):
        html = client.get(page).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts and all("src=" in tag for tag in scripts), scripts  # no inline script
        assert "cdn" not in html.lower() and "//unpkg" not in html
    script_url = re.search(r'<script src="([^"]*swagger[^"]*\?script=[^"]*)"', html_swagger(client))
    assert script_url and client.get(script_url.group(1).replace("&amp;", "&")).status_code == 200


def html_swagger(client) -> str:
    return client.get("/api/v1/schema/swagger/").content.decode()


@pytest.fixture
def world(campaign, district, other_district, director_award, officer, member, secretary):
    """Objects in every interesting state, so fuzzed ids sometimes hit real rows."""
    ids = []
    for state in ("draft", "submitted", "returned", "recommended", "awaiting"):
        for unit in (district, other_district):
            nomination = NominationFactory(campaign=campaign, unit=unit, award_type=director_award)
            if unit == district:
                advance(nomination, state, officer=officer, member=member, secretary=secretary)
            ids.append(nomination.pk)
    session = committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2026, 12, 10),
        title="Phiên họp Hội đồng",
        members=[member, secretary],
        actor=secretary,
    )
    ids.append(session.pk)
    return ids


@pytest.mark.parametrize("role", ["member", "officer"])
def test_schemathesis_finds_no_server_error_or_schema_violation(
    request, role, world, campaign, wsgi_keeps_test_connection
):
    user = request.getfixturevalue(role)
    raw = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.from_dict(raw, app=application)
    known_ids = [*world, campaign.pk]
    checks = (
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    )
    failures = []
    operations = 0
    succeeded: set[str] = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy(), real_id=st.sampled_from([None, *known_ids]))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case, real_id) -> None:
            if real_id is not None and case.path_parameters and "id" in case.path_parameters:
                case.path_parameters["id"] = real_id
            # a token of its own per case: the fuzzer may revoke the one it holds
            # (POST /auth/tokens/{id}/revoke/)
            token = api_token_issue(user=user)[1]
            response = case.call_wsgi(headers={"Authorization": f"Token {token}"})
            if response.status_code < 300:
                succeeded.add(f"{case.method} {case.path}")
            try:
                case.validate_response(response, checks=checks)
            except AssertionError as exc:
                failures.append(f"{case.method} {case.formatted_path}: {exc}")

        run()
    assert operations >= len(REQUIRED_PATHS)
    print(role, operations, "operations;", len(succeeded), "answered 2xx:", sorted(succeeded))
    assert len(succeeded) >= 10  # the fuzzing reached real objects, not only error paths
    assert not failures, "\n\n".join(f[:1500] for f in failures[:6])


def test_xlsx_endpoints_answer_with_a_workbook(client, officer, campaign):
    from openpyxl import load_workbook

    client.force_login(officer)
    response = client.get("/api/v1/nominations/export/")
    assert response.status_code == 200
    load_workbook(io.BytesIO(response.content))
