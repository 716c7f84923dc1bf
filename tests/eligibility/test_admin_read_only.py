"""The dossier's links, evidence and confirmations are written by their services (which check the
nomination's state and the actor, and audit); the admin only shows them."""

import pytest
from django.urls import reverse

from commendations.eligibility.models import NomineeLink
from commendations.units.models import Person
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["nomineelink", "nominationevidence", "eligibilityconfirmation", "revocation"]
)
def test_the_admin_cannot_add_dossier_rows_written_by_services(admin_client, model):
    assert admin_client.get(reverse(f"admin:commendations_{model}_add")).status_code == 403
    assert admin_client.get(reverse(f"admin:commendations_{model}_changelist")).status_code == 200


def test_the_admin_cannot_relink_a_nomination_to_another_person(admin_client, campaign, district):
    nomination = NominationFactory(campaign=campaign, unit=district, nominee_kind="individual")
    first = Person.objects.create(code="CB-001", full_name="Nguyễn Văn Hùng", unit=district)
    other = Person.objects.create(code="CB-002", full_name="Trần Thị Lan", unit=district)
    link = NomineeLink.objects.create(nomination=nomination, person=first)
    change = reverse("admin:commendations_nomineelink_change", args=[link.pk])
    admin_client.post(change, {"nomination": nomination.pk, "person": other.pk})
    link.refresh_from_db()
    assert link.person == first
