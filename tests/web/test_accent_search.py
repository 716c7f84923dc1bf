"""Search ignores case and diacritics (đ = d) in the lists, the API's search= and the admin;
an empty result says what was searched and offers to clear it."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from commendations.nominations.models import Nomination
from commendations.nominations.search import search_normalise
from commendations.nominations.selectors import nominations_search
from commendations.tokens.services import api_token_issue
from tests.factories import NominationFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(campaign, district, officer, director_award):
    def make(name: str) -> Nomination:
        return NominationFactory(
            campaign=campaign,
            unit=district,
            award_type=director_award,
            created_by=officer,
            nominee_name=name,
        )

    return {
        "hung": make("Nguyễn Văn Hùng"),
        "dung": make("Đặng Thị Dung"),
        "other": make("Trần Minh Tuấn"),
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hùng", {"hung"}),
        ("hung", {"hung"}),
        ("HÙNG", {"hung"}),
        ("Nguyen Van Hung", {"hung"}),
        ("  nguyen   van hung ", {"hung"}),
        ("hung nguyen", {"hung"}),  # every word, in any order
        ("dang", {"dung"}),  # đ = d
        ("ĐẶNG", {"dung"}),
        ("dung", {"dung"}),
        ("xyz", set()),
    ],
)
def test_list_search_ignores_case_and_accents(named, officer, typed, expected):
    found = set(nominations_search(officer, q=typed).values_list("pk", flat=True))
    assert found == {named[key].pk for key in expected}


def test_normal_form():
    assert search_normalise("  Nguyễn Văn HÙNG  Đặng ") == "nguyen van hung dang"


def test_the_stored_form_follows_a_renamed_nominee(named, officer):
    nomination = named["other"]
    nomination.nominee_name = "Lê Đức Thọ"
    nomination.save(update_fields=["nominee_name"])
    assert list(nominations_search(officer, q="duc tho")) == [nomination]


def test_unit_name_matches_without_accents(named, officer, district):
    typed = search_normalise(district.name).split()[-1]
    assert nominations_search(officer, q=typed).count() == 3


def test_unit_list_page_finds_unaccented_and_explains_an_empty_result(login, named, officer):
    client = login(officer)
    page = client.get(reverse("nomination_list"), {"q": "nguyen van hung"}).content.decode()
    assert "Nguyễn Văn Hùng" in page and "Trần Minh Tuấn" not in page
    empty = client.get(reverse("nomination_list"), {"q": "khong co ai", "state": "draft"})
    body = empty.content.decode()
    assert "Không tìm thấy hồ sơ nào khớp với “khong co ai”" in body
    assert "Chưa có hồ sơ nào" not in body
    assert 'href="?state=draft"' in body  # "clear the search" keeps the other filters


def test_review_queue_search_is_accent_insensitive(login, make_nomination, member):
    nomination = make_nomination("submitted", nominee_name="Phạm Thị Đào")
    page = login(member).get(reverse("review_queue"), {"q": "pham thi dao", "state": "submitted"})
    assert nomination.nominee_name in page.content.decode()


def test_api_search_is_accent_insensitive(named, officer):

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=officer)[1]}")
    results = api.get("/api/v1/nominations/", {"search": "HUNG"}).json()["results"]
    assert [r["id"] for r in results] == [named["hung"].pk]


def test_admin_search_is_accent_insensitive(client, named):
    admin = make_user(None, None, username="quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("admin:commendations_nomination_changelist"), {"q": "dang thi"})
    body = page.content.decode()
    assert "Đặng Thị Dung" in body and "Nguyễn Văn Hùng" not in body


def test_postgres_has_the_trigram_index_and_unaccent(postgres_only):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'nomination_search_trgm'")
        (definition,) = cursor.fetchone()
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert "gin_trgm_ops" in definition
    assert {"pg_trgm", "unaccent"} <= extensions
