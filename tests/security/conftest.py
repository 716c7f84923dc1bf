"""The session's test PKI and seal (tests/signatures/conftest.py) for the attacks on signatures
and on the public verification upload; the API client of tests/api."""

from tests.api.conftest import as_user  # noqa: F401
from tests.signatures.conftest import organisation_cert, person_cert, pki, seal  # noqa: F401
