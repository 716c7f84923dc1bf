"""With the demo data (what `make run` loads), every demo account's pages open."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = {
    "unit_officer": ["home", "nomination_list", "nomination_create"],
    "unit_officer_pleiku": ["home", "nomination_list"],
    "committee_member": ["home", "review_queue"],
    "committee_secretary": ["home", "review_queue", "forward_queue", "decision_list"],
    "director": ["home", "director_queue", "decision_list"],
    "ministry": ["home", "ministry_queue", "decision_list"],
    "clerk": ["home", "decision_list", "ceremony_list"],
}


def test_every_demo_role_can_open_its_pages(client):
    call_command("load_demo", verbosity=0)
    for username, url_names in PAGES.items():
        client.force_login(User.objects.get(username=username))
        for name in url_names:
            response = client.get(reverse(name))
            assert response.status_code == 200, (username, name)
        home = client.get(reverse("home")).content.decode()
        assert "queue-card" in home, username  # each role has at least one queue
    # The demo's nominations open for the roles that see them.
    client.force_login(User.objects.get(username="committee_member"))
    page = client.get(reverse("review_queue"), {"state": ""}).content.decode()
    assert "nomination-table" in page
