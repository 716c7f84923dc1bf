"""The organisation's seal on a PDF: a PAdES signature (pyHanko) added as an incremental update,
with its visible appearance at the signer's block and, when SIGNING_TSA_URL is set, an RFC 3161
timestamp."""

import datetime
import io
import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from pyhanko.pdf_utils import images
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.stamp import StaticStampStyle
from pypdf import PdfReader

from commendations.signatures.appearance import SEAL_MM, seal_appearance
from commendations.signatures.keys import organisation_signer

logger = logging.getLogger(__name__)

SEAL_FIELD = "ConDauCoQuan"
# The signature container's room in the file, in hex digits (twice its bytes): 8 KB holds a
# CMS with a three-certificate RSA chain; a timestamp token and its chain need about 12 KB more.
RESERVED_HEX = 2 * 8 * 1024
RESERVED_HEX_TSA = 2 * 20 * 1024
MM = 72 / 25.4


@dataclass(frozen=True)
class SealPosition:
    """Where the seal goes: a page (0-based), the baseline point of the signer's name and, when
    the title lines above it ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC") were found, the signer's signature
    area: from the lowest title line's bottom (`area_top`) down to the name's top, across the
    block's column (`area_left`..`area_right`), in PDF points from the bottom left."""

    page: int
    x: float
    y: float
    area_top: float | None = None
    area_left: float | None = None
    area_right: float | None = None
    name_top: float | None = None


@dataclass
class _Line:
    y: float
    size: float
    left: float
    right: float
    text: str = ""

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


# Times New Roman's mean advance is about half the font size: the widths of the block's lines
# are estimated from it (the seal's third need not be exact to the point).
MEAN_ADVANCE = 0.5
ASCENT = 0.75
DESCENT = 0.25


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


class PdfA2IncrementalWriter(IncrementalPdfFileWriter):
    """The sealed files are PDF/A-2b, which is based on PDF 1.7: pyHanko declares PDF 2.0 in
    the catalogue (`/Version /2.0`, an ISO 32002 extension) when the key is on an ISO 32002
    curve, and PDF/A-2 does not allow it. ECDSA signatures are valid PAdES in a 1.7 file, so the
    version is capped at 1.7 and no 2.0 extension is declared."""

    def ensure_output_version(self, version):
        super().ensure_output_version(min(tuple(version), (1, 7)))

    def register_extension(self, ext) -> None:
        base = str(getattr(ext, "base_version", "") or "").lstrip("/")
        if base and tuple(int(part) for part in base.split(".")) > (1, 7):
            return
        super().register_extension(ext)


def seal_position(pdf: bytes, *, anchor: str) -> SealPosition:
    """The signer's block: on the first page that has it, the lowest line (right of the left
    third) holding `anchor`, the signer's name as printed. Without it: the bottom right of the
    last page."""
    reader = PdfReader(io.BytesIO(pdf))
    wanted = _normalised(anchor)
    for index, page in enumerate(reader.pages):
        width = float(page.mediabox.width)
        hits: list[tuple[float, float, float]] = []
        lines: list[_Line] = []

        def visit(text, cm, tm, font, size, hits=hits, lines=lines, width=width):
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            scale = abs(cm[3] * tm[3]) or abs(tm[3]) or 1.0
            points = float(size) * scale
            if x <= width * 0.35 or not text.strip():
                return
            if wanted and wanted in _normalised(text):
                hits.append((x, y, points))
            right = x + MEAN_ADVANCE * points * len(text.rstrip())
            for line in lines:
                if abs(line.y - y) < 1:
                    line.left, line.right = min(line.left, x), max(line.right, right)
                    line.size = max(line.size, points)
                    line.text += text
                    break
            else:
                lines.append(_Line(y=y, size=points, left=x, right=right, text=text))

        page.extract_text(visitor_text=visit)
        if hits:  # the lowest: a nominee who bears the signer's name is printed above the block
            x, y, size = min(hits, key=lambda hit: hit[1])
            return _with_area(SealPosition(page=index, x=x, y=y), size=size, lines=lines)
    last = reader.pages[-1]
    logger.warning("seal: %r not found; the seal goes to the bottom right", anchor)
    return SealPosition(page=len(reader.pages) - 1, x=float(last.mediabox.width) * 0.55, y=60 * MM)


def _title_line(line: _Line, name: _Line) -> bool:
    """A title line of the signer's block ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"): in capitals and
    centred on the name's column (not the place and date above it, nor the left column)."""
    text = line.text.strip()
    tolerance = 0.2 * (name.right - name.left) + 15
    return text == text.upper() and abs(line.centre - name.centre) <= tolerance


def _with_area(position: SealPosition, *, size: float, lines: list[_Line]) -> SealPosition:
    """The signature area above the signer's name: the title lines are the nearest lines above
    the name in its column (within 70 mm) and those right above them (line spacing)."""
    name = next((line for line in lines if abs(line.y - position.y) < 1), None)
    if name is None:
        return position
    above = sorted(
        (
            line
            for line in lines
            if position.y + size < line.y < position.y + 70 * MM and _title_line(line, name)
        ),
        key=lambda line: line.y,
    )
    if not above:
        return position
    titles = [above[0]]
    for line in above[1:]:
        if line.y - titles[-1].y > 2 * max(line.size, titles[-1].size):
            break
        titles.append(line)
    block = [name, *titles]
    return SealPosition(
        page=position.page,
        x=position.x,
        y=position.y,
        area_top=titles[0].y - DESCENT * titles[0].size,
        area_left=min(line.left for line in block),
        area_right=max(line.right for line in block),
        name_top=position.y + ASCENT * size,
    )


def seal_box(position: SealPosition, *, width: float, height: float) -> tuple[float, ...]:
    """The seal's box, one rule for every document: the round seal (SEAL_MM wide, on the
    appearance's left) ends at a third of the signature area, so it covers the signature's
    left third; it is centred on the area's height but its top stays below the title lines
    (a seal taller than the area reaches down over the name, never up over the titles).
    Without title lines found: a little left of the name, just above it."""
    if position.area_top is None or position.area_left is None or position.area_right is None:
        left = max(position.x - 12 * MM, 5 * MM)
        bottom = position.y + 5 * MM
        return (left, bottom, left + width, bottom + height)
    third = position.area_left + (position.area_right - position.area_left) / 3
    left = max(third - SEAL_MM * MM, 5 * MM)
    name_top = position.name_top if position.name_top is not None else position.y
    centre = (position.area_top + name_top) / 2
    top = min(position.area_top - 1 * MM, centre + height / 2)
    return (left, top - height, left + width, top)


def pdf_seal(
    pdf: bytes,
    *,
    organisation: str,
    anchor: str,
    seal_image: bytes | None = None,
    reason: str = "",
    location: str = "",
    position: SealPosition | None = None,
) -> bytes:
    """`pdf` with the organisation's seal added. `position` (from seal_position) may be given
    when many documents share one layout (certificates of one decision)."""
    signer = organisation_signer()
    position = position or seal_position(pdf, anchor=anchor)
    appearance = seal_appearance(
        organisation=organisation,
        signed_at=datetime.datetime.now(datetime.UTC),
        seal_image=seal_image,
    )
    box = seal_box(position, width=appearance.width_pt, height=appearance.height_pt)
    style = StaticStampStyle(
        background=images.PdfImage(appearance.image),
        background_opacity=1.0,
        border_width=0,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=organisation,
        reason=reason or None,
        location=location or None,
    )
    timestamper = (
        timestamps.HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=20)
        if settings.SIGNING_TSA_URL
        else None
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(SEAL_FIELD, on_page=position.page, box=box),
    )
    # Room for the signature reserved up front: without it pyHanko signs a dummy first to
    # measure it (a third of the seal's time, and a second call to the TSA). A container that
    # does not fit (a long chain) is signed again with pyHanko's own estimate.
    reserved = RESERVED_HEX_TSA if timestamper else RESERVED_HEX
    try:
        writer = PdfA2IncrementalWriter(io.BytesIO(pdf))
        return pdf_signer.sign_pdf(writer, bytes_reserved=reserved).getvalue()
    except SigningError as exc:
        if "larger than expected" not in str(exc):
            raise
        logger.info("seal: %s; signing again with an estimated size", exc)
        writer = PdfA2IncrementalWriter(io.BytesIO(pdf))
        return pdf_signer.sign_pdf(writer).getvalue()
