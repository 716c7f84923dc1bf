"""The sample values an uploaded template is tried with (documents/samples/*.json) give every kind
exactly the variables its templates may use, so a valid template never fails for want of one."""

import pytest

from commendations.documents.models import DocumentKind
from commendations.documents.rendering import KNOWN_VARIABLES, sample_context


@pytest.mark.parametrize("kind", DocumentKind.values)
def test_each_sample_holds_exactly_the_variables_of_its_kind(kind):
    assert set(sample_context(kind)) == KNOWN_VARIABLES[kind]


def test_a_sample_is_a_fresh_copy_a_caller_may_change():
    sample_context(DocumentKind.DECISION)["rows"].clear()
    assert sample_context(DocumentKind.DECISION)["rows"]
