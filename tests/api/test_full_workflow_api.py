"""An integration does the whole workflow through the API alone: token, nomination, dossier,
review, decision, certificates, ceremony, print pack, download."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from config.celery import app as celery_app
from tests.certificate_fixtures import media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
PASSWORD = "matkhau-thu-nghiem"


@pytest.fixture
def eager():
    """Tasks run in-process (the worker's code path, without a broker)."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


def login(username: str) -> APIClient:
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def ok(response, status: int = 200) -> dict | list:
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response.json()


def test_whole_workflow_through_the_api(
    eager, django_capture_on_commit_callbacks, campaign, district, director_award,
    officer, member, secretary, director, clerk,
):  # fmt: skip
    unit_api = login("officer")
    created = ok(
        unit_api.post(
            "/api/v1/nominations/",
            {
                "campaign": campaign.pk,
                "unit": district.pk,
                "award_type": director_award.pk,
                "nominee_kind": "individual",
                "nominee_name": "Nguyễn Văn Hùng",
                "rank": "Đại úy",
                "position": "Trưởng Công an xã",
                "achievement_summary": "Phát hiện, triệt phá 2 ổ nhóm tội phạm.",
            },
            format="json",
        ),
        201,
    )
    assert created["state"] == "draft"
    pk = created["id"]
    report = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 bao cao", content_type="application/pdf")
    ok(
        unit_api.post(
            f"/api/v1/nominations/{pk}/attachments/", {"file": report}, format="multipart"
        ),
        201,
    )
    names = [
        t["name"] for t in ok(unit_api.get(f"/api/v1/nominations/{pk}/transitions/"))["results"]
    ]
    assert "submit" in names
    assert (
        ok(unit_api.post(f"/api/v1/nominations/{pk}/transitions/submit/", {}, format="json"))[
            "state"
        ]
        == "submitted"
    )

    # The committee: the secretary sets up a session, each member votes, the secretary records
    # the recommendation with the tally computed from those votes.
    secretary_api = login("secretary")
    session = ok(
        secretary_api.post(
            "/api/v1/committee-sessions/",
            {
                "campaign": campaign.pk,
                "held_on": "2026-03-10",
                "title": "Phiên họp Hội đồng TĐKT",
                "members": [member.pk, secretary.pk],
            },
            format="json",
        ),
        201,
    )
    sessions = f"/api/v1/committee-sessions/{session['id']}"
    for api, choice in ((login("member"), "for"), (secretary_api, "for")):
        ok(api.post(f"{sessions}/votes/", {"nomination": pk, "choice": choice}, format="json"))
    board = ok(secretary_api.get(f"{sessions}/"))
    assert board["nominations"][0]["outcome"]["passed"] is True
    reviewed = ok(
        secretary_api.post(
            f"{sessions}/recommend/",
            {"nominations": [pk], "comment": "Đủ điều kiện"},
            format="json",
        )
    )
    assert reviewed == [
        {
            "id": pk,
            "nominee_name": "Nguyễn Văn Hùng",
            "state": "recommended",
            "votes_for": 2,
            "votes_against": 0,
            "votes_abstain": 0,
        }
    ]
    forwarded = ok(
        secretary_api.post(f"/api/v1/nominations/{pk}/transitions/forward/", {}, format="json")
    )
    assert forwarded["state"] == "awaiting_director"

    director_api = login("director")
    decision = ok(
        director_api.post(
            "/api/v1/decisions/",
            {
                "authority": "PROVINCIAL_DIRECTOR",
                "number": "125/QĐ-CAT-PV05",
                "date": "2026-03-14",
                "signer_name": "Nguyễn Ngọc Sơn",
                "signer_title": "GIÁM ĐỐC",
                "nominations": [pk],
            },
            format="json",
        ),
        201,
    )
    assert decision["state"] == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        issued = ok(director_api.post(f"/api/v1/decisions/{decision['id']}/issue/"))
    assert issued == {"id": decision["id"], "state": "issued"}
    assert ok(unit_api.get(f"/api/v1/nominations/{pk}/"))["state"] == "approved"

    clerk_api = login("clerk")
    progress = ok(clerk_api.get(f"/api/v1/decisions/{decision['id']}/progress/"))
    assert (progress["total"], progress["done"], progress["failed"]) == (1, 1, 0)
    certificates = ok(clerk_api.get(f"/api/v1/decisions/{decision['id']}/certificates/"))["results"]
    assert len(certificates) == 1 and certificates[0]["nomination"] == pk
    assert certificates[0]["registry_number"] and certificates[0]["state"] == "rendered"
    certificate_file = clerk_api.get(certificates[0]["download_url"])
    assert certificate_file.status_code == 200
    assert b"".join(certificate_file.streaming_content).startswith(b"PK")
    document = clerk_api.get(f"/api/v1/decisions/{decision['id']}/document/")
    assert document.status_code == 200 and document.content.startswith(b"PK")

    ceremony = ok(
        clerk_api.post(
            "/api/v1/ceremonies/",
            {
                "name": "Hội nghị triển khai công tác năm 2026",
                "date": "2026-03-20",
                "place": "Hội trường Công an tỉnh",
                "decisions": [decision["id"]],
            },
            format="json",
        ),
        201,
    )
    with django_capture_on_commit_callbacks(execute=True):
        pack = ok(clerk_api.post(f"/api/v1/ceremonies/{ceremony['id']}/print-pack/"), 202)
    assert pack["state"] == "pending"
    pack = ok(clerk_api.get(f"/api/v1/print-packs/{pack['id']}/"))
    assert pack["state"] == "done", pack
    assert pack["zip_url"] and (pack["pdf_url"] or pack["docx_url"])
    archive = clerk_api.get(pack["zip_url"])
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as zf:
        assert any(certificates[0]["registry_number"] in name for name in zf.namelist())
    printable = clerk_api.get(pack["pdf_url"] or pack["docx_url"])
    assert printable.status_code == 200

    # the unit officer sees none of the clerk's resources
    assert unit_api.get(f"/api/v1/print-packs/{pack['id']}/").status_code == 404
    assert unit_api.get(f"/api/v1/ceremonies/{ceremony['id']}/").status_code == 404
    assert unit_api.get(f"/api/v1/decisions/{decision['id']}/progress/").status_code == 404
    stats = ok(clerk_api.get("/api/v1/statistics/", {"campaign": campaign.pk}))
    assert stats["certificates"]["generated"] == 1 and stats["approved"] == 1


def test_print_pack_refused_until_certificates_are_ready_and_for_non_clerks(
    django_capture_on_commit_callbacks, campaign, district, director_award,
    officer, member, secretary, director, clerk,
):  # fmt: skip
    from tests.certificate_fixtures import awaiting, draft, issue

    [nomination] = awaiting(
        campaign, district, officer, member, secretary,
        [(director_award, "collective", "Công an xã Một", {})],
    )  # fmt: skip
    decision = issue(draft(director, [nomination]), director)  # rendering not run: pending
    clerk_api = login("clerk")
    progress = ok(clerk_api.get(f"/api/v1/decisions/{decision.pk}/progress/"))
    assert progress["done"] == 0 and progress["total"] == 1
    assert (
        ok(clerk_api.get(f"/api/v1/decisions/{decision.pk}/certificates/"))["results"][0][
            "download_url"
        ]
        is None
    )
    ceremony = ok(
        clerk_api.post(
            "/api/v1/ceremonies/",
            {"name": "Lễ", "date": "2026-03-20", "place": "Hội trường", "decisions": [decision.pk]},
            format="json",
        ),
        201,
    )
    refused = clerk_api.post(f"/api/v1/ceremonies/{ceremony['id']}/print-pack/")
    assert refused.status_code == 400 and refused.json()["code"] == "validation_error"
    member_api = login("member")
    denied = member_api.post(
        "/api/v1/ceremonies/",
        {"name": "Lễ", "date": "2026-03-20", "place": "X", "decisions": [decision.pk]},
        format="json",
    )
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert member_api.post(f"/api/v1/ceremonies/{ceremony['id']}/print-pack/").status_code == 404
    regenerate = clerk_api.post(f"/api/v1/decisions/{decision.pk}/certificates/generate/")
    assert regenerate.status_code == 202 and regenerate.json()["total"] == 1
