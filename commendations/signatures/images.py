"""Images an administrator uploads (the seal's image, the emblem), checked when they are
uploaded with the limits they meet when they are used (signatures.appearance draws the seal from
one). Before (issue #28), a 12000×12000 PNG of 17 KB was accepted as the seal image and every
following sealed PDF failed ("seal image too large")."""

import warnings

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image

from commendations.signatures.appearance import SEAL_IMAGE_MAX_PIXELS

IMAGE_MAX_PIXELS = SEAL_IMAGE_MAX_PIXELS  # the limit at use
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = ("PNG", "JPEG")


@deconstructible
class UploadedImageValidator:
    """Size in bytes, format and pixel count, read from the file's header (nothing decoded)."""

    def __call__(self, value) -> None:
        size = getattr(value, "size", None)
        if size is not None and size > IMAGE_MAX_BYTES:
            raise ValidationError(
                _("Hình quá lớn (tối đa %(mb)s MB).") % {"mb": IMAGE_MAX_BYTES // (1024 * 1024)},
                code="image_bytes",
            )
        handle = getattr(value, "file", value)
        try:
            handle.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(handle) as image:
                    kind, (width, height) = image.format, image.size
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise ValidationError(
                _("Không đọc được hình: cần tệp PNG hoặc JPEG."), code="image_format"
            ) from exc
        finally:
            if hasattr(handle, "seek"):
                handle.seek(0)
        if kind not in IMAGE_FORMATS:
            raise ValidationError(
                _("Hình phải là PNG hoặc JPEG (tệp này là %(kind)s).") % {"kind": kind},
                code="image_format",
            )
        if width * height > IMAGE_MAX_PIXELS:
            raise ValidationError(
                _(
                    "Hình %(w)s×%(h)s điểm ảnh quá lớn (tối đa %(max)s triệu điểm ảnh, "
                    "VD 4000×4000): hãy thu nhỏ hình rồi tải lên lại."
                )
                % {"w": width, "h": height, "max": IMAGE_MAX_PIXELS // 1_000_000},
                code="image_pixels",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadedImageValidator)


validate_uploaded_image = UploadedImageValidator()
