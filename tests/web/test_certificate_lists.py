"""Every page that lists certificates still opens when the decision holds replaced (cấp lại),
revoked and re-issued ones (issue #27 §1: the decision page answered 500 after a replacement was
approved)."""

import pytest
from django.urls import reverse

from commendations.actions.certificates import replacement_approve, revocation_create
from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_path
from commendations.certificates.replacement import replacement_request_create
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def mixed(campaign, district, officer, member, secretary, director, director_award, clerk):
    """An issued decision with three awards: one replaced (and its re-issue), one revoked, one
    as issued."""
    specs = [
        (director_award, "collective", name, {})
        for name in ("Công an xã Ia Sao", "Công an xã Ia Hrúng", "Công an xã Ia Dêr")
    ]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = issue(draft(director, nominations), director)
    Certificate.objects.filter(decision=decision).update(state="rendered")
    replaced, revoked, _plain = Certificate.objects.filter(decision=decision).order_by("serial")
    request = replacement_request_create(
        certificate=replaced, applicant="Trưởng Công an xã", kind="cap_lai", reason="Mất",
        evidence=None, actor=clerk,
    )  # fmt: skip
    new = replacement_approve(replacement_request=request, actor=director, comment="Đồng ý")
    revocation_create(decision=decision, certificate=revoked, reason="Giả mạo", actor=director)
    return decision, Certificate.objects.get(pk=replaced.pk), new, revoked


def test_the_decision_page_opens_after_a_replacement_is_approved(login, mixed, director):
    decision, old, new, revoked = mixed
    page = login(director).get(decision.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    # The annulment form offers the re-issued certificate by its nominee, never the replaced one
    # nor the one already revoked.
    form = page.context["revoke_form"]
    offered = list(form.fields["certificate"].queryset)
    assert new in offered and old not in offered and revoked not in offered
    assert f"{new.registry_number} — {new.nomination.nominee_name}</option>" in body


def test_the_annulment_of_a_reissued_certificate_works(login, mixed, director):
    decision, _old, new, _revoked = mixed
    client = login(director)
    url = reverse("decision_revoke", args=[decision.pk])
    data = {"certificate": new.pk, "reason": "Sai"}
    assert client.post(url, data).status_code == 200  # the confirmation page
    assert client.post(url, {**data, "confirmed": "True"}).status_code == 302
    assert Certificate.objects.get(pk=new.pk).state == "revoked"


@pytest.mark.parametrize("who", ["director", "clerk", "secretary"])
def test_every_page_listing_certificates_opens(login, mixed, who, request):
    decision, old, new, revoked = mixed
    client = login(request.getfixturevalue(who))
    urls = [
        decision.get_absolute_url(),
        reverse("decision_list"),
        reverse("replacement_list"),
        reverse("nomination_detail", args=[new.nomination_id]),
        reverse("nomination_detail", args=[revoked.nomination_id]),
        verification_path(old),
        verification_path(new),
        verification_path(revoked),
    ]
    for url in urls:
        status = client.get(url).status_code
        assert status in (200, 403, 404), (who, url, status)
