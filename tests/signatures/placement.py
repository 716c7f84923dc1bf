"""Where the organisation's seal sits, read back from a sealed PDF (PyMuPDF): the seal's widget
rectangle, the title lines above the signer's name ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC") and the
signature area between them and the name (Nghị định 30/2020, Phụ lục I)."""

from dataclasses import dataclass

import pymupdf

from commendations.signatures.appearance import SEAL_MM
from commendations.signatures.seal import SEAL_FIELD

MM = 72 / 25.4


@dataclass(frozen=True)
class Placement:
    seal: pymupdf.Rect  # the round seal itself (the left part of the widget)
    widget: pymupdf.Rect
    titles: list[pymupdf.Rect]
    name: pymupdf.Rect
    area: pymupdf.Rect  # the signer's signature area


def placement(pdf: bytes, *, titles: list[str], name: str) -> Placement:
    document = pymupdf.open(stream=pdf, filetype="pdf")
    for page in document:
        widgets = [w for w in page.widgets() if w.field_name == SEAL_FIELD]
        if not widgets:
            continue
        widget = widgets[0].rect
        names = [r for r in page.search_for(name) if r.x0 > page.rect.width * 0.35]
        assert names, f"{name!r} not on the sealed page"
        name_box = max(names, key=lambda r: r.y1)  # the lowest: the signer's block
        boxes = []
        for title in titles:
            found = [r for r in page.search_for(title) if r.y1 <= name_box.y0]
            assert found, f"{title!r} not above the signer's name"
            boxes.append(max(found, key=lambda r: r.y1))
        left = min(r.x0 for r in [*boxes, name_box])
        right = max(r.x1 for r in [*boxes, name_box])
        area = pymupdf.Rect(left, max(r.y1 for r in boxes), right, name_box.y0)
        seal = pymupdf.Rect(widget.x0, widget.y0, widget.x0 + SEAL_MM * MM, widget.y1)
        return Placement(seal=seal, widget=widget, titles=boxes, name=name_box, area=area)
    raise AssertionError("no seal widget in the PDF")


def assert_seal_placed(found: Placement) -> None:
    """The seal never touches a title line, and covers the signature area's left third."""
    for title in found.titles:
        assert not found.widget.intersects(title), (found.widget, title)
    left_third = pymupdf.Rect(
        found.area.x0, found.area.y0, found.area.x0 + found.area.width / 3, found.area.y1
    )
    overlap = found.seal & left_third
    assert not overlap.is_empty and overlap.width >= left_third.width * 0.8, (found, overlap)
    # the seal's right edge is at about a third of the area, not further over the signature
    assert found.seal.x1 <= found.area.x0 + found.area.width / 2
