"""The clerk's certificate actions through the API: the bulk printed/presented marks and the
retry of a failed certificate, through the same services as the decision page."""

import pytest

from commendations.actions.certificates import certificates_fail_pending, certificates_render
from commendations.certificates.models import Certificate
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401
from workflow.models import TransitionLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
URL = "/api/v1/certificates/"


@pytest.fixture
def certificates(campaign, district, officer, member, secretary, director, director_award):
    """An issued decision's two certificates, still pending (rendering is not run)."""
    specs = [
        (director_award, "collective", name, {})
        for name in ("Công an xã Ia Sao", "Công an xã Glar")
    ]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    issue(draft(director, nominations), director)
    return list(Certificate.objects.order_by("serial"))


def states(rows) -> list[str]:
    return [Certificate.objects.get(pk=row.pk).state for row in rows]


def test_clerk_marks_rendered_certificates_printed_then_presented(as_user, clerk, certificates):
    certificates_render(certificate_ids=[c.pk for c in certificates])
    api = as_user(clerk)
    ids = [c.pk for c in certificates]
    printed = api.post(
        f"{URL}mark/", {"certificates": ids, "transition": "mark_printed"}, format="json"
    )
    assert printed.status_code == 200, printed.json()
    assert [row["state"] for row in printed.json()] == ["printed", "printed"]
    presented = api.post(
        f"{URL}mark/", {"certificates": ids, "transition": "mark_presented"}, format="json"
    )
    assert presented.status_code == 200
    assert states(certificates) == ["presented", "presented"]
    assert TransitionLog.objects.filter(transition="mark_presented", actor=clerk).count() == 2


def test_only_the_clerk_marks_or_retries(as_user, officer, director, certificates):
    certificates_render(certificate_ids=[c.pk for c in certificates])
    for user in (officer, director):
        api = as_user(user)
        response = api.post(
            f"{URL}mark/",
            {"certificates": [certificates[0].pk], "transition": "mark_printed"},
            format="json",
        )
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
        assert api.post(f"{URL}{certificates[0].pk}/retry/").status_code == 403
    assert states(certificates) == ["rendered", "rendered"]


def test_a_bad_mark_changes_nothing_and_says_why(as_user, clerk, certificates):
    api = as_user(clerk)
    ids = [c.pk for c in certificates]
    unknown = api.post(f"{URL}mark/", {"certificates": ids, "transition": "render_done"})
    assert unknown.status_code == 400 and "transition" in unknown.json()["fields"]
    missing = api.post(
        f"{URL}mark/", {"certificates": [*ids, 10**9], "transition": "mark_printed"}, format="json"
    )
    assert missing.status_code == 400 and "certificates" in missing.json()["fields"]
    # Still pending, not rendered: the state machine refuses, naming each certificate.
    refused = api.post(
        f"{URL}mark/", {"certificates": ids, "transition": "mark_printed"}, format="json"
    )
    assert refused.status_code == 400, refused.json()
    assert certificates[0].registry_number in refused.json()["detail"]
    assert states(certificates) == ["pending", "pending"]


def test_clerk_retries_a_failed_certificate(as_user, clerk, certificates):
    failed = certificates[0]
    certificates_fail_pending(certificate_ids=[failed.pk], error="Mẫu lỗi")
    response = as_user(clerk).post(f"{URL}{failed.pk}/retry/")
    assert response.status_code == 202, response.json()
    assert response.json()["state"] == "pending" and response.json()["error"] == ""
    assert TransitionLog.objects.for_object(failed).filter(transition="retry").count() == 1


def test_retrying_a_certificate_that_has_not_failed_is_a_conflict(as_user, clerk, certificates):
    response = as_user(clerk).post(f"{URL}{certificates[0].pk}/retry/")
    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"
    assert as_user(clerk).post(f"{URL}{10**9}/retry/").status_code == 404
