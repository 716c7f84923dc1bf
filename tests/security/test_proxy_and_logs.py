"""Issue #28, attack 7. Behind nginx (as the docs deploy it) the verification page's rate limit
was keyed on REMOTE_ADDR, the proxy's: every client shared one 30/min, so 30 requests from anyone
closed verification for everyone. X-Forwarded-For is now believed only from TRUSTED_PROXIES and
the limit counts the real client; a client writing the header itself escapes nothing. And a
worker timeout wrote the verification link (a bearer token) into gunicorn's error log: the logs
now pass through a filter that hides it."""

import io
import logging
import logging.config
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, RequestFactory

from commendations.access.client_address import client_address
from config.logging_filters import RedactVerificationTokens

ROOT = Path(__file__).resolve().parent.parent.parent
PROXY = "10.0.0.5"
PAGE = "/xac-minh/khong-hop-le/"
TOKEN = "Zk3q9sT1c0dE.AbCdEf_GhIjKlMnOpQrStU"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get(PAGE, **extra)


def test_the_header_is_believed_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_address(request(PROXY, "203.0.113.7")) == "203.0.113.7"
    # nginx appends the address it saw: what the client wrote itself stays to the left
    assert client_address(request(PROXY, "198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    # two proxies in a row, both trusted
    assert client_address(request(PROXY, "203.0.113.7, 10.0.0.9")) == "203.0.113.7"
    # from anyone else the header means nothing
    assert client_address(request("203.0.113.99", "198.51.100.1")) == "203.0.113.99"
    assert client_address(request(PROXY, "not an address")) == PROXY
    settings.TRUSTED_PROXIES = []
    assert client_address(request(PROXY, "203.0.113.7")) == PROXY


@pytest.mark.django_db
def test_behind_the_proxy_each_client_has_its_own_limit(settings):
    """Before: the proxy's one address → the 3rd client's first request was 429."""
    settings.TRUSTED_PROXIES = [PROXY]
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    proxy = Client(REMOTE_ADDR=PROXY)
    for client in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        codes = [proxy.get(PAGE, HTTP_X_FORWARDED_FOR=client).status_code for _ in range(2)]
        assert codes == [404, 404], client
    assert proxy.get(PAGE, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429


@pytest.mark.django_db
def test_a_client_writing_the_header_itself_escapes_nothing(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    direct = Client(REMOTE_ADDR="203.0.113.50")
    codes = [direct.get(PAGE, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(3)]
    assert codes == [404, 404, 429]
    # and through the proxy, a forged left-most hop counts as the real client's
    proxy = Client(REMOTE_ADDR=PROXY)
    forged = [
        proxy.get(PAGE, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.60").status_code
        for n in range(3)
    ]
    assert forged == [404, 404, 429]


def test_the_login_lockout_counts_the_same_client():
    assert django_settings.AXES_CLIENT_IP_CALLABLE == (
        "commendations.access.client_address.client_address"
    )


def _gunicorn_error_log() -> tuple[logging.Logger, io.StringIO]:
    """gunicorn's own logging, as config/gunicorn.conf.py configures it, into a buffer."""
    conf = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    logging.config.dictConfig(conf["logconfig_dict"])
    logger = logging.getLogger("gunicorn.error")
    buffer = io.StringIO()
    logger.handlers[0].setStream(buffer)
    return logger, buffer


def test_a_worker_timeout_does_not_write_the_token_to_gunicorns_error_log():
    """What gunicorn's worker logs when it is aborted mid-request (SystemExit in the handler)."""
    assert conf_timeout() == 60
    logger, buffer = _gunicorn_error_log()
    try:
        try:
            raise SystemExit(1)
        except SystemExit:
            logger.exception("Error handling request %s", f"/xac-minh/{TOKEN}/")
        logger.info("GET /api/v1/verify/%s/ 503", TOKEN)
    finally:
        logging.config.dictConfig(django_settings.LOGGING)
    written = buffer.getvalue()
    assert "Error handling request /xac-minh/[đã ẩn]/" in written
    assert "SystemExit" in written
    assert TOKEN not in written and TOKEN.split(".")[0] not in written


def conf_timeout() -> int:
    return runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))["timeout"]


def test_djangos_logs_hide_the_token_too():
    handler = django_settings.LOGGING["handlers"]["console"]
    assert "redact_tokens" in handler["filters"]
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/xac-minh/{TOKEN}/",),
        None,
    )
    assert RedactVerificationTokens().filter(record)
    assert record.getMessage() == "Not Found: /xac-minh/[đã ẩn]/"


def test_compose_and_the_image_run_gunicorn_with_that_configuration():
    for name in ("docker-compose.yml", "Dockerfile"):
        assert "config/gunicorn.conf.py" in (ROOT / name).read_text(), name
