"""The pages work under a Content-Security-Policy without 'unsafe-inline': no inline script,
no event-handler attribute, no javascript: URL, no style attribute, no CDN."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from commendations.nominations.models import Nomination

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
EXTERNAL_ASSET = re.compile(r"""(?:src|href)=["']https?://""", re.I)


def assert_csp_clean(html: str, where: str) -> None:
    assert not INLINE_SCRIPT.search(html), where
    assert not EVENT_HANDLER.search(html), where
    assert not STYLE_ATTRIBUTE.search(html), where
    assert "javascript:" not in html.lower(), where
    assert not EXTERNAL_ASSET.search(html), where


def test_rendered_pages_have_no_inline_code(client):
    call_command("load_demo", verbosity=0)
    assert_csp_clean(client.get(reverse("login")).content.decode(), "login")
    nomination = Nomination.objects.exclude(state="draft").first()
    pages = {
        "unit_officer": ["home", "nomination_list", "nomination_create"],
        "committee_member": ["review_queue"],
        "committee_secretary": ["forward_queue"],
        "director": ["director_queue", "decision_list"],
        "ministry": ["ministry_queue"],
        "clerk": ["ceremony_list", "home"],
    }
    for username, names in pages.items():
        client.force_login(User.objects.get(username=username))
        for name in names:
            assert_csp_clean(client.get(reverse(name)).content.decode(), f"{username} {name}")
    client.force_login(User.objects.get(username="committee_member"))
    detail = client.get(nomination.get_absolute_url()).content.decode()
    assert_csp_clean(detail, "nomination detail")
    assert_csp_clean(client.get("/missing/").content.decode(), "404")
