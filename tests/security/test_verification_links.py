"""Verification links: a link was the certificate's primary key signed with
SECRET_KEY — with the key published in the repository anyone forged `1001.lH6e…` and read
"Test Person 07019". A link is now a random code of the certificate (not its primary key) signed
with VERIFICATION_SIGNING_KEY, a key of its own that can be rotated: the old key keeps verifying
during a grace period. Links printed before stay verifiable only where that is safe: signed with
a SECRET_KEY that was never published."""

import datetime

import pytest
from django.core import signing
from django.core.cache import cache

from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import certificate_token, verification_path
from config.settings import base
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

LEGACY_SALT = "commendations.certificate.verification"
REAL_SECRET = "r" * 10 + "-never-published-Qm2!vL9pR4@wZ8#Xc6$Tb1%" * 2


@pytest.fixture(autouse=True)
def no_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(campaign, district, officer, member, secretary, director, director_award):
    nominations = awaiting(
        campaign,
        district,
        officer,
        member,
        secretary,
        [(director_award, "individual", "Test Person 07019", {})],
    )
    issue(draft(director, nominations), director)
    return Certificate.objects.get(nomination=nominations[0])


def _legacy_link(pk: int, key: str) -> str:
    """What the QR codes printed before held: the primary key signed with a SECRET_KEY."""
    return signing.Signer(key=key, salt=LEGACY_SALT, sep=".").sign(str(pk))


def test_a_link_forged_with_the_published_secret_key_is_refused(client, certificate, settings):
    assert settings.SECRET_KEY == base.DEV_SECRET_KEY  # the one anyone can read
    forged = _legacy_link(certificate.pk, base.DEV_SECRET_KEY)
    response = client.get(f"/xac-minh/{forged}/")
    assert response.status_code == 404
    assert "Test Person 07019" not in response.content.decode()


def test_a_link_carries_no_primary_key_and_is_not_signed_with_the_secret_key(
    client, certificate, settings
):
    token = certificate_token(certificate)
    code, _signature = token.split(".", 1)
    assert code == certificate.verification_code and str(certificate.pk) != code
    assert len(code) >= 22  # 128 random bits
    assert client.get(verification_path(certificate)).status_code == 200
    with_secret_key = signing.Signer(key=settings.SECRET_KEY, salt=LEGACY_SALT, sep=".").sign(code)
    assert client.get(f"/xac-minh/{with_secret_key}/").status_code == 404


def test_rotation_keeps_old_links_during_the_grace_period_only(client, certificate, settings):
    old_path = verification_path(certificate)
    settings.VERIFICATION_SIGNING_KEY_FALLBACKS = [settings.VERIFICATION_SIGNING_KEY]
    settings.VERIFICATION_SIGNING_KEY = "a-new-verification-key-" + "Zx5)Cv8_Bn" * 4
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    settings.VERIFICATION_FALLBACKS_UNTIL = tomorrow.isoformat()
    assert client.get(old_path).status_code == 200
    new_path = verification_path(certificate)
    assert new_path != old_path and client.get(new_path).status_code == 200

    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    settings.VERIFICATION_FALLBACKS_UNTIL = yesterday.isoformat()
    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200


def test_links_printed_before_verify_only_when_their_key_was_never_published(
    client, certificate, settings
):
    settings.SECRET_KEY = REAL_SECRET
    printed = _legacy_link(certificate.pk, REAL_SECRET)
    response = client.get(f"/xac-minh/{printed}/")
    assert response.status_code == 200
    assert "Test Person 07019" in response.content.decode()
    settings.VERIFICATION_LEGACY_LINKS = False
    assert client.get(f"/xac-minh/{printed}/").status_code == 404
