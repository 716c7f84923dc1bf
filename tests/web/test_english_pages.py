"""In English, no Vietnamese interface text (issue #27 §9): the main pages of each role, on the
demo, requested with the language cookie "en", show no word with a Vietnamese-only letter
outside the data (names of people, units, campaigns, award types, legal texts… typed in
Vietnamese and shown as typed). The data is every text value the database holds, taken out of
the page before the check; what remains with a Vietnamese letter is interface text left
untranslated."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

VIETNAMESE = re.compile(
    "[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.IGNORECASE
)
# Shown in its own language on purpose: the language switch offers "Tiếng Việt".
ON_PURPOSE = ("Tiếng Việt",)
# What is printed in Vietnamese on a document, quoted in an English sentence: “TRUY TẶNG”,
# “Đại tá” (Colonel). Quoted, it is a quotation, not untranslated interface text.
QUOTED = re.compile("“[^”]*”")
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

PAGES = {
    "unit_officer": ["home", "nomination_list", "nomination_create", "due_list"],
    "committee_member": ["home", "review_queue", "committee_session_list", "stats_dashboard"],
    "committee_secretary": ["home", "forward_queue", "committee_session_list", "stats_dashboard"],
    "director": ["home", "director_queue", "decision_list", "replacement_list"],
    "clerk": ["home", "decision_list", "ceremony_list", "replacement_list"],
}


def _first(model_path: str, **filters) -> list[int]:
    model = apps.get_model("commendations", model_path)
    return [model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True)[0]]


# Pages of one object: (user, URL name, its arguments, read once the demo is loaded).
DETAILS = [
    ("unit_officer", "nomination_detail", lambda: _first("Nomination", unit__code__isnull=False)),
    ("committee_member", "committee_session_detail", lambda: _first("CommitteeSession")),
    ("director", "decision_detail", lambda: _first("Decision", state="issued")),
    ("clerk", "ceremony_detail", lambda: _first("Ceremony")),
]


class _Text(HTMLParser):
    """The text a reader sees or hears: text nodes (not scripts or styles) and the attributes
    a screen shows or reads aloud."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.parts.append(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button"):
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data)


def data_strings() -> list[str]:
    """Every text the database holds (longest first, so a name is removed before its parts)."""
    found: set[str] = set()
    for model in [*apps.get_app_config("commendations").get_models(), User]:
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        for row in model.objects.values_list(*fields):
            for value in row:
                if isinstance(value, str) and VIETNAMESE.search(value):
                    found.add(value)
                    found.update(line.strip() for line in value.splitlines() if line.strip())
    for user in User.objects.all():
        found.add(user.get_full_name())
    return sorted((s for s in found if len(s) > 1), key=len, reverse=True)


def untranslated(body: str, data: list[str]) -> list[str]:
    parser = _Text()
    parser.feed(body)
    text = "\n".join(html.unescape(p) for p in parser.parts)
    for value in [*data, *ON_PURPOSE]:
        text = text.replace(value, " ")
    text = QUOTED.sub(" ", text)
    return sorted(
        {line.strip() for line in text.splitlines() if VIETNAMESE.search(line)},
    )


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)


def test_the_main_pages_of_each_role_have_no_vietnamese_interface_text_in_english(demo):
    data = data_strings()
    found: dict[str, list[str]] = {}
    for username, names in PAGES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for name in names:
            response = client.get(reverse(name))
            assert response.status_code == 200, (username, name, response.status_code)
            assert response.headers["Content-Language"] == "en"
            left = untranslated(response.content.decode(), data)
            if left:
                found[f"{username} {name}"] = left
    for username, name, args in DETAILS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse(name, args=args()))
        assert response.status_code == 200, (username, name, response.status_code)
        left = untranslated(response.content.decode(), data)
        if left:
            found[f"{username} {name}"] = left
    assert not found, "\n".join(f"{page}: {lines}" for page, lines in found.items())
