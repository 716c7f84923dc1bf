"""The session's test PKI and the organisation's seal (tests/signatures/conftest.py) for the
certificate PDF tests."""

from tests.signatures.conftest import organisation_cert, pki, seal  # noqa: F401
