"""The test PKI and the organisation's seal of tests/signatures (made per session, never a key
in the repository), for the decisions' signed PDFs and the Tờ trình."""

from tests.signatures.conftest import organisation_cert, person_cert, pki, seal  # noqa: F401
