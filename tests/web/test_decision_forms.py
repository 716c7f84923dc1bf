"""The decision forms show examples in the issuing authority's own numbering."""

import pytest

from commendations.web.decisions.forms import MinistryDecisionForm

pytestmark = pytest.mark.django_db


def test_ministry_form_shows_a_ministry_number():
    assert "BCA" in str(MinistryDecisionForm(choices=[]).fields["number"].help_text)
