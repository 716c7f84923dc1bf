"""The test PKI and the organisation's seal (made per session, never a key in the repository)."""

from tests.signatures.conftest import organisation_cert, person_cert, pki, seal  # noqa: F401
