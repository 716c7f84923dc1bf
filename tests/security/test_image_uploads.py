"""Issue #28, attack 5: an administrator's 12000×12000 PNG (17 KB) was accepted as the seal's
image; every following decision and certificate PDF then failed ("seal image too large"). Every
image field now checks at upload the limits the image meets at use: pixels, bytes, format."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from commendations.campaigns.models import AuthorityProfile
from commendations.signatures import appearance
from commendations.signatures.images import IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS
from tests.certificate_fixtures import media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def png(width: int, height: int, mode: str = "1", kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, format=kind)
    return out.getvalue()


@pytest.fixture
def profile() -> AuthorityProfile:
    return AuthorityProfile.objects.first()


def errors(profile: AuthorityProfile, field: str, content: bytes, name: str) -> list[str]:
    setattr(profile, field, SimpleUploadedFile(name, content))
    try:
        profile.full_clean()
    except ValidationError as exc:
        return exc.message_dict.get(field, [])
    return []


@pytest.mark.parametrize("field", ["seal_image", "emblem"])
def test_the_12000_pixel_png_is_refused_at_upload(profile, field):
    bomb = png(12000, 12000)
    assert len(bomb) < 100 * 1024  # the attack's shape: tiny file, huge image
    messages = errors(profile, field, bomb, "dau.png")
    assert messages and "12000×12000" in messages[0]


def test_the_limit_is_the_one_at_use():
    """The appearance code refuses past SEAL_IMAGE_MAX_PIXELS: the upload check uses that one."""
    assert IMAGE_MAX_PIXELS == appearance.SEAL_IMAGE_MAX_PIXELS
    side = int(IMAGE_MAX_PIXELS**0.5) + 1
    with pytest.raises(ValueError, match="too large"):
        appearance._uploaded_seal(png(side, side), 200)


@pytest.mark.parametrize(
    "content, name",
    [
        (png(50, 50, "RGB", "GIF"), "dau.gif"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "dau.png"),
        (b"not an image", "dau.png"),
    ],
)
def test_other_formats_and_garbage_are_refused(profile, content, name):
    assert errors(profile, "seal_image", content, name)


def test_too_many_bytes_are_refused(profile, settings):
    big = png(10, 10) + b"\0" * (IMAGE_MAX_BYTES + 1)
    assert errors(profile, "seal_image", big, "dau.png")


def test_a_real_seal_image_is_accepted_and_used(profile):
    genuine = png(400, 400, "RGBA")
    assert errors(profile, "seal_image", genuine, "dau.png") == []
    profile.save()
    assert appearance._uploaded_seal(profile.seal_image_bytes(), 200).size == (200, 200)
