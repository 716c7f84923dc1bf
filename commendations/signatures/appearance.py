"""What the organisation's digital signature looks like on the page (Nghị định 30/2020/NĐ-CP,
Phụ lục I): the seal's image in red, the size of the real seal, on a transparent background, at
the signature position (over about a third of the signer's signature on the left), with the
organisation's name and the signing time (ISO 8601, Vietnam's time zone) in Times New Roman
10 pt. Drawn as one transparent image at 300 dpi."""

import datetime
import functools
import io
import math
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

DPI = 300
MM = DPI / 25.4
SEAL_MM = 34  # a provincial police seal is about 34–36 mm across
TEXT_MM = 46
RED = (220, 20, 30, 255)
BLACK = (0, 0, 0, 255)
SEAL_IMAGE_MAX_PIXELS = 4000 * 4000


@dataclass(frozen=True)
class Appearance:
    image: Image.Image  # RGBA, handed to pyHanko as it is (no PNG round trip per document)
    width_pt: float
    height_pt: float


def _font(size_pt: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(settings.SIGNATURE_FONT_PATH, round(size_pt * DPI / 72))
    except OSError:
        return ImageFont.load_default(size=round(size_pt * DPI / 72))


@functools.lru_cache(maxsize=8)
def _drawn_seal(name: str, size: int) -> Image.Image:
    """A round red seal with the organisation's name along the ring and a star in the middle:
    drawn when the administrator has not uploaded the seal's image. Cached: the same for every
    document (composited onto a new image, never changed)."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ring = max(4, size // 40)
    draw.ellipse((ring, ring, size - ring, size - ring), outline=RED, width=ring * 2)
    inner = size * 0.22
    draw.ellipse((inner, inner, size - inner, size - inner), outline=RED, width=ring)
    centre = size / 2
    star = [
        (
            centre + (size * (0.17 if i % 2 == 0 else 0.07)) * math.sin(math.pi * i / 5),
            centre - (size * (0.17 if i % 2 == 0 else 0.07)) * math.cos(math.pi * i / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=RED)
    text = name.upper()
    font = _font(9)
    radius = size / 2 - size * 0.13
    span = math.radians(300)
    for index, letter in enumerate(text):
        angle = -span / 2 + span * (index + 0.5) / max(len(text), 1)
        glyph = Image.new("RGBA", (size // 8, size // 8), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text(
            (size // 16, size // 16), letter, font=font, fill=RED, anchor="mm"
        )
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.BICUBIC)
        x = centre + radius * math.sin(angle) - glyph.width / 2
        y = centre - radius * math.cos(angle) - glyph.height / 2
        image.alpha_composite(glyph, (round(x), round(y)))
    return image


@functools.lru_cache(maxsize=4)
def _uploaded_seal(data: bytes, size: int) -> Image.Image:
    with Image.open(io.BytesIO(data)) as source:
        if source.width * source.height > SEAL_IMAGE_MAX_PIXELS:
            raise ValueError("seal image too large")
        seal = source.convert("RGBA")
    seal.thumbnail((size, size), Image.LANCZOS)
    return seal


def _pieces(word: str, font, width: float) -> list[str]:
    """A word longer than the line, cut where it must be."""
    pieces, piece = [], ""
    for letter in word:
        if piece and font.getlength(piece + letter) > width:
            pieces.append(piece)
            piece = ""
        piece += letter
    return [*pieces, piece]


def _wrap(text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for long_word in paragraph.split():
            for word in _pieces(long_word, font, width):
                candidate = f"{line} {word}".strip()
                if line and font.getlength(candidate) > width:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
        lines.append(line)
    return lines


def seal_appearance(
    *, organisation: str, signed_at: datetime.datetime, seal_image: bytes | None = None
) -> Appearance:
    """The seal on the left, the organisation's name and the signing time on its right."""
    seal_px = round(SEAL_MM * MM)
    text_px = round(TEXT_MM * MM)
    font = _font(10)
    local = signed_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    lines = _wrap(organisation, font, text_px - MM * 2) + [
        "Thời gian ký:",
        local.isoformat(timespec="seconds"),
    ]
    line_height = round(10 * 1.25 * DPI / 72)
    # A long name makes the box taller, never the text smaller or cut.
    height = max(seal_px, line_height * len(lines))
    image = Image.new("RGBA", (seal_px + text_px, height), (0, 0, 0, 0))
    seal = _uploaded_seal(seal_image, seal_px) if seal_image else _drawn_seal(organisation, seal_px)
    image.alpha_composite(seal, (0, (height - seal.height) // 2))
    top = (height - line_height * len(lines)) // 2
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((seal_px + MM * 2, top + index * line_height), line, font=font, fill=BLACK)
    return Appearance(
        image=image,
        width_pt=image.width * 72 / DPI,
        height_pt=image.height * 72 / DPI,
    )
