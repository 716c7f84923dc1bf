"""An integrator's typed client, generated from the served schema with openapi-python-client
(nothing patched by hand): every generated module imports, and the main flow runs through it
against the app (WSGI, no server): token, nomination, attachment, submit, votes, recommend,
forward, decision, issue, certificates, a PDF, public verification."""

import datetime
import importlib
import io
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from config.celery import app as celery_app
from config.wsgi import application
from tests.certificate_fixtures import media  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("media"),
    pytest.mark.generated_client,
]
PASSWORD = "matkhau-thu-nghiem"
PACKAGE = "khenthuong_client"
BASE_URL = "http://testserver"
# openapi-python-client reads JSON and octet-stream bodies; our downloads are binary with their
# real types, which its documented `content_type_overrides` maps (configuration, not a patch).
CONFIG = f"""\
project_name_override: {PACKAGE}
package_name_override: {PACKAGE}
content_type_overrides:
  application/pdf: application/octet-stream
  application/zip: application/octet-stream
  application/vnd.openxmlformats-officedocument.wordprocessingml.document: application/octet-stream
  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: application/octet-stream
"""


@pytest.fixture
def generated(tmp_path, client, officer):
    """The client package generated from the schema the app serves, importable."""
    client.force_login(officer)
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    (tmp_path / "schema.json").write_text(json.dumps(schema.json()))
    (tmp_path / "config.yml").write_text(CONFIG)
    bin_dir = Path(sys.executable).parent
    run = subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", "schema.json",
         "--config", "config.yml", "--meta", "none", "--output-path", f"out/{PACKAGE}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "Warning" not in output and "WARNING" not in output, output
    sys.path.insert(0, str(tmp_path / "out"))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(tmp_path / "out"))
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


def test_a_generated_client_imports_and_drives_the_whole_flow(
    generated, eager, settings, django_capture_on_commit_callbacks, soffice_path,
    campaign, district, director_award, officer, member, secretary, director, clerk,
    wsgi_keeps_test_connection,
):  # fmt: skip
    # wsgi_keeps_test_connection comes last: Django's test client (used by `generated`) connects
    # close_old_connections again after each request, which would end the test's transaction.
    modules = list(pkgutil.walk_packages(generated.__path__, f"{PACKAGE}."))
    assert len(modules) > 150
    for module in modules:
        importlib.import_module(module.name)  # every operation and model imports
    settings.ARCHIVE_PDFS_ENABLED = True

    def m(name: str):
        return importlib.import_module(f"{PACKAGE}.{name}")

    models = m("models")
    File = m("types").File
    transport = httpx.WSGITransport(app=application)
    anonymous = m("client").Client(base_url=BASE_URL, httpx_args={"transport": transport})

    def login(username: str):
        body = models.TokenRequestRequest(username=username, password=PASSWORD)
        token = m("api.auth.auth_token_create").sync(client=anonymous, body=body)
        assert isinstance(token, models.Token), token
        return m("client").AuthenticatedClient(
            base_url=BASE_URL, token=token.token, httpx_args={"transport": transport}
        )

    def transition(api, pk: int, name: str) -> str:
        body = models.TransitionRequestRequest(comment="")
        state = m("api.nominations.nominations_transitions_create").sync(
            pk, name, client=api, body=body
        )
        assert isinstance(state, models.State), state
        return state.state

    unit_api = login("officer")
    created = m("api.nominations.nominations_create").sync(
        client=unit_api,
        body=models.NominationRequest(
            campaign=campaign.pk,
            unit=district.pk,
            award_type=director_award.pk,
            nominee_kind=models.NomineeKindEnum.INDIVIDUAL,
            nominee_name="Nguyễn Văn Hùng",
            rank="Đại úy",
            position="Trưởng Công an xã",
            achievement_summary="Phát hiện, triệt phá 2 ổ nhóm tội phạm.",
        ),
    )
    assert isinstance(created, models.Nomination), created
    pk = created.id
    report = File(payload=io.BytesIO(b"%PDF-1.4 bao cao"), file_name="bao-cao.pdf",
                  mime_type="application/pdf")  # fmt: skip
    attachment = m("api.nominations.nominations_attachments_create").sync(
        pk, client=unit_api, body=models.AttachmentRequest(file=report)
    )
    assert isinstance(attachment, models.Attachment) and attachment.id, attachment
    assert transition(unit_api, pk, "submit") == "submitted"

    secretary_api = login("secretary")
    session = m("api.committee_sessions.committee_sessions_create").sync(
        client=secretary_api,
        body=models.CommitteeSessionRequest(
            campaign=campaign.pk,
            held_on=datetime.date(2026, 3, 10),
            title="Phiên họp Hội đồng TĐKT",
            members=[member.pk, secretary.pk],
        ),
    )
    assert isinstance(session, models.CommitteeSession), session
    for api in (login("member"), secretary_api):
        row = m("api.committee_sessions.committee_sessions_votes_create").sync(
            session.id,
            client=api,
            body=models.VoteRequestRequest(nomination=pk, choice=models.VoteRequestChoiceEnum.FOR),
        )
        assert isinstance(row, models.SessionNomination), row
    recommended = m("api.committee_sessions.committee_sessions_recommend_create").sync(
        session.id,
        client=secretary_api,
        body=models.SessionRecommendRequestRequest(nominations=[pk], comment="Đủ điều kiện"),
    )
    assert [r.state for r in recommended] == ["recommended"], recommended
    assert transition(secretary_api, pk, "forward") == "awaiting_director"

    director_api = login("director")
    decision = m("api.decisions.decisions_create").sync(
        client=director_api,
        body=models.DecisionRequest(
            authority=models.AuthorityEnum.PROVINCIAL_DIRECTOR,
            number="125/QĐ-CAT-PV05",
            date=datetime.date(2026, 3, 14),
            signer_name="Nguyễn Ngọc Sơn",
            signer_title="GIÁM ĐỐC",
            nominations=[pk],
        ),
    )
    assert isinstance(decision, models.Decision) and decision.id, decision
    with django_capture_on_commit_callbacks(execute=True):
        issued = m("api.decisions.decisions_issue_create").sync(decision.id, client=director_api)
    assert isinstance(issued, models.State) and issued.state == "issued", issued

    clerk_api = login("clerk")
    progress = m("api.decisions.decisions_progress_retrieve").sync(decision.id, client=clerk_api)
    assert progress.finished and progress.done == 1, progress
    certificates = m("api.decisions.decisions_certificates_list").sync(
        decision.id, client=clerk_api
    )
    assert isinstance(certificates, models.PaginatedCertificateList), certificates
    [certificate] = certificates.results
    assert certificate.registry_number and certificate.pdf_ready, certificate
    assert certificate.verification_url.startswith(BASE_URL)
    pdf = m("api.certificates.certificates_pdf_retrieve").sync_detailed(
        certificate.id, client=clerk_api
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.status_code
    docx = m("api.certificates.certificates_download_retrieve").sync_detailed(
        certificate.id, client=clerk_api
    )
    assert docx.status_code == 200 and docx.content.startswith(b"PK")

    token = certificate.verification_url.rstrip("/").rsplit("/", 1)[-1]
    verified = m("api.verify.verify_retrieve").sync(token, client=anonymous)
    assert isinstance(verified, models.VerificationResult), verified
    assert verified.valid and verified.recipient == "Nguyễn Văn Hùng"
    upload = File(payload=io.BytesIO(pdf.content), file_name="gk.pdf", mime_type="application/pdf")
    check = m("api.verify.verify_create").sync(
        token, client=anonymous, body=models.PdfCheckRequest(file=upload)
    )
    assert isinstance(check, models.UploadCheck) and check.same_bytes, check
