"""The test PKI of tests/signatures (made once per session), for the decisions' signed PDFs."""

from tests.signatures.conftest import organisation_cert, person_cert, pki, seal  # noqa: F401
