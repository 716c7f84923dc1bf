"""Uploaded PDFs come from anyone: a decompression bomb ends the child process that checks it,
not the web worker; a certificate's AIA/CRL addresses are never fetched (no request leaves)."""

import http.server
import threading
import zlib

import pytest

from commendations.demo.pki import Issued
from commendations.signatures.pdf_verdict import pdf_verify
from tests.signatures.documents import decision_pdf, person_sign

pytestmark = pytest.mark.django_db


def bomb_pdf(uncompressed_bytes: int) -> bytes:
    """A PDF whose cross-reference stream inflates to `uncompressed_bytes` zeros."""
    compressor = zlib.compressobj(9)
    chunk = b"\x00" * (16 * 1024 * 1024)
    body = (
        b"".join(compressor.compress(chunk) for _ in range(uncompressed_bytes // len(chunk)))
        + compressor.flush()
    )
    head = b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    head += b"2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n"
    offset = len(head)
    xref = (
        b"3 0 obj <</Type/XRef/Size 4/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length "
        + str(len(body)).encode()
        + b">>\nstream\n"
        + body
        + b"\nendstream endobj\n"
    )
    return head + xref + b"startxref\n" + str(offset).encode() + b"\n%%EOF\n"


def test_a_decompression_bomb_is_refused_and_the_caller_survives(seal, settings):
    """pyHanko's own decode limit stops this one; the child's memory limit stands behind it."""
    settings.SIGNATURE_CHECK_MEMORY_BYTES = 400 * 1024 * 1024
    pdf = bomb_pdf(1024 * 1024 * 1024)
    assert len(pdf) < 2 * 1024 * 1024  # small on the wire, 1 GiB inflated
    verdict = pdf_verify(pdf)
    assert not verdict.ok
    assert verdict.problems in (["check_failed"], ["unreadable"])
    assert "không" in verdict.messages[0].lower()


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_certificate_addresses_in_an_upload_are_never_fetched(seal, pki):
    """An untrusted signer whose certificate names an issuer URL (AIA) on our network: the check
    must not call it (server-side request forgery)."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/internal"
        issued = pki.issue("Người lạ", aia_url=url)
        # The intermediate is left out of the file: only its AIA address could complete the chain.
        alone = Issued(certificate=issued.certificate, key=issued.key, chain=[])
        verdict = pdf_verify(person_sign(decision_pdf(), alone))
    finally:
        server.shutdown()
    assert _Recorder.requests == []
    assert verdict.signatures[0].problems == ["untrusted"]


def test_a_check_past_its_memory_limit_is_reported_not_raised(seal, settings):
    """Whatever exhausts the child's memory (here a limit too small to start it), the caller
    gets a clear verdict."""
    settings.SIGNATURE_CHECK_MEMORY_BYTES = 32 * 1024 * 1024
    verdict = pdf_verify(decision_pdf())
    assert verdict.problems == ["check_failed"]
    assert "quá lớn khi giải nén" in verdict.messages[0]
