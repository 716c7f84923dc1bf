"""Security: deploy checks, headers and CSP, login throttling, passwords and sessions, the audit
log's immutability, attachments, and template injection."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from commendations.actions.certificates import certificate_render
from commendations.certificates.models import Certificate
from commendations.eligibility.models import AttachmentKind
from commendations.nominations.attachments import attachment_add
from commendations.nominations.models import Attachment
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from tests.factories import NominationFactory
from workflow.models import TransitionLog

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
INJECTION = (
    "Nguyễn {{ 7|add:42 }} {% now 'Y' %} {{ request.user.password }} <script>alert(1)</script>"
)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "-not-the-dev-key-" + "K7q!vR2#pL9$wZ4^mN8&" * 2,
        "VERIFICATION_SIGNING_KEY": "v" * 20 + "-its-own-key-" + "Hn3&Jk7*Lp0(Zx5)Cv8_" * 2,
        "REDIS_URL": "redis://127.0.0.1:6379/9",  # production requires the shared cache
        "ALLOWED_HOSTS": "khenthuong.example.vn",
        "PYTHONPATH": str(ROOT),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set in-process by the browser tests
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_a_csp_without_inline_script_and_frame_and_referrer_headers(
    client, officer, campaign, district
):
    nomination = NominationFactory(campaign=campaign, unit=district)
    client.force_login(officer)
    for url in (reverse("login"), reverse("nomination_list"), nomination.get_absolute_url()):
        response = (Client() if url == reverse("login") else client).get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        html = response.content.decode()
        inline = [
            tag
            for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and "application/json" not in tag
        ]
        assert inline == [], (url, inline)
        assert not re.search(r"\son[a-z]+\s*=", html), url  # no onclick=... handlers
        assert "includeIndicatorStyles" in html  # htmx would otherwise inject a <style>


def test_production_turns_on_secure_cookies_hsts_and_referrer_policy():
    """Read in a process of its own: production refuses to load without real secrets
    (tests/security/test_unsafe_defaults.py), which this test process does not have."""
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_HSTS_SECONDS",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "DEBUG",
    ]
    code = (
        "import json; from config.settings import production as p; "
        f"print(json.dumps({{n: getattr(p, n) for n in {names!r}}}))"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "x" * 20 + "-not-the-dev-key-" + "K7q!vR2#pL9$wZ4^mN8&" * 2,
        "VERIFICATION_SIGNING_KEY": "v" * 20 + "-its-own-key-" + "Hn3&Jk7*Lp0(Zx5)Cv8_" * 2,
        "REDIS_URL": "redis://127.0.0.1:6379/9",
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    production = json.loads(result.stdout.strip().splitlines()[-1])
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"]
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert not production["DEBUG"]


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(settings, officer):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    client = Client(REMOTE_ADDR="10.0.0.7")
    url = reverse("login")
    for _ in range(5):
        response = client.post(url, {"username": "officer", "password": "sai-mat-khau"})
        assert response.status_code in (200, 403, 429)
    # Locked out: even the right password is refused now.
    response = client.post(url, {"username": "officer", "password": "matkhau-thu-nghiem"})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_correct_password_logs_in_when_not_locked(settings, officer):
    settings.AXES_ENABLED = True
    client = Client(REMOTE_ADDR="10.0.0.8")
    response = client.post(
        reverse("login"), {"username": "officer", "password": "matkhau-thu-nghiem"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_weak_passwords_are_refused_and_sessions_expire():
    for weak in ("12345678", "password", "abc"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Gia-Lai-khen-thuong-2023!")
    assert django_settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.django_db
def test_audit_log_cannot_be_edited_through_the_admin(admin_client, campaign, district, officer):
    from commendations.actions.registry import action_run

    nomination = NominationFactory(campaign=campaign, unit=district)
    action_run(instance=nomination, name="submit", actor=officer)
    log = TransitionLog.objects.get()
    change = reverse("admin:workflow_transitionlog_change", args=[log.pk])
    response = admin_client.post(change, {"comment": "sửa lịch sử", "target_state": "approved"})
    assert response.status_code in (302, 403) or "sửa lịch sử".encode() not in response.content
    delete = reverse("admin:workflow_transitionlog_delete", args=[log.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:workflow_transitionlog_add")).status_code == 403
    log.refresh_from_db()
    assert (log.comment, log.target_state) == ("", "submitted")


# --- attachments ------------------------------------------------------------------------------


def _upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", b"<html><script>alert(document.cookie)</script></html>"),
        ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("trang.html", b"<script>alert(1)</script>"),
        ("anh.png", b"GIF89a not a png"),
    ],
)
def test_uploads_are_checked_by_content_not_by_name(name, content, campaign, district, officer):
    nomination = NominationFactory(campaign=campaign, unit=district)
    with pytest.raises(ValidationError):
        attachment_add(
            nomination=nomination,
            upload=_upload(name, content, "text/html"),
            kind=AttachmentKind.EVIDENCE,
            actor=officer,
        )
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_oversized_upload_is_refused(settings, campaign, district, officer):
    settings.ATTACHMENT_MAX_BYTES = 1024
    nomination = NominationFactory(campaign=campaign, unit=district)
    with pytest.raises(ValidationError, match="vượt quá"):
        attachment_add(
            nomination=nomination,
            upload=_upload("lon.pdf", PDF + b"0" * 2048),
            kind=AttachmentKind.EVIDENCE,
            actor=officer,
        )


@pytest.mark.django_db
def test_attachment_is_stored_under_a_safe_name_outside_static_and_served_only_as_download(
    media,  # noqa: F811
    client,
    campaign,
    district,
    officer,
    other_officer,
):
    nomination = NominationFactory(campaign=campaign, unit=district)
    attachment = attachment_add(
        nomination=nomination,
        upload=_upload("../../../etc/Báo cáo <b>thành tích</b>.pdf", PDF),
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        actor=officer,
    )
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(django_settings.STATIC_ROOT).resolve())
    assert ".." not in attachment.file.name and "<" not in attachment.file.name
    assert re.fullmatch(r"attachments/\d+/[A-Za-z0-9_-]+\.pdf", attachment.file.name)

    url = reverse("attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(other_officer)
    assert client.get(url).status_code == 404  # another unit's file does not exist for them
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    # Files are not reachable by their storage path through any URL of the app.
    assert Client().get(f"/{django_settings.MEDIA_URL}{attachment.file.name}").status_code in (
        302,
        404,
    )


# --- template injection -----------------------------------------------------------------------


@pytest.mark.django_db
def test_template_syntax_in_nomination_text_renders_literally_on_pages(
    client, campaign, district, officer
):
    nomination = NominationFactory(
        campaign=campaign,
        unit=district,
        nominee_name=INJECTION[:200],
        achievement_summary=INJECTION,
    )
    client.force_login(officer)
    html = client.get(nomination.get_absolute_url()).content.decode()
    assert "{{ 7|add:42 }}" in html and "{% now &#x27;Y&#x27; %}" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_template_syntax_in_nomination_text_prints_literally_on_the_certificate(
    media,  # noqa: F811
    campaign,
    district,
    officer,
    member,
    secretary,
    director,
    director_award,
):
    name = "Tổ {{ 7*7 }} {% if true %}X{% endif %} {{ config }}"
    (nomination,) = awaiting(
        campaign, district, officer, member, secretary, [(director_award, "collective", name, {})]
    )
    issue(draft(director, [nomination]), director)
    certificate = Certificate.objects.get(nomination=nomination)
    assert certificate_render(certificate_id=certificate.pk) == "rendered"
    certificate.refresh_from_db()
    with certificate.file.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "{{ 7*7 }}" in text and "{% if true %}X{% endif %}" in text
    assert "49" not in text.replace(certificate.registry_number, "")
