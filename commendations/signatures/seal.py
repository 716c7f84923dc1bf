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

from commendations.signatures.appearance import seal_appearance
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
    """Where the seal goes: a page (0-based) and the baseline point of the signer's name."""

    page: int
    x: float
    y: float


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
        hits: list[tuple[float, float]] = []

        def visit(text, cm, tm, font, size, hits=hits, width=width):
            if wanted and wanted in _normalised(text):
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                if x > width * 0.35:
                    hits.append((x, y))

        page.extract_text(visitor_text=visit)
        if hits:  # the lowest: a nominee who bears the signer's name is printed above the block
            x, y = min(hits, key=lambda hit: hit[1])
            return SealPosition(page=index, x=x, y=y)
    last = reader.pages[-1]
    logger.warning("seal: %r not found; the seal goes to the bottom right", anchor)
    return SealPosition(page=len(reader.pages) - 1, x=float(last.mediabox.width) * 0.55, y=60 * MM)


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
    # The seal covers about a third of the signature on the left: its left edge a little left
    # of where the name starts, its bottom just above the name.
    left = max(position.x - 12 * MM, 5 * MM)
    bottom = position.y + 5 * MM
    box = (left, bottom, left + appearance.width_pt, bottom + appearance.height_pt)
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
