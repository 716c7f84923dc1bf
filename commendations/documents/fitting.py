"""Fitting a text into a box (mm on a page): the measure of the documents' font (Liberation
Serif, Times New Roman's metrics; DejaVu Serif when it is missing) and the rule every box follows:
shrink from the field's size down to its `min_size`, then wrap at `min_size`, and as a last
resort shrink further — never out of the box. Printing onto pre-printed blanks
(ceremonies.overlay) places every field with it; a rendered certificate fits the recipient's
name with it (certificates.documents)."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pymupdf

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation2"),  # Debian fonts-liberation2 (Times metrics)
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
]
FONTS = {
    False: ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"],
    True: ["LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"],
}


@cache
def font_file(bold: bool) -> str | None:
    """The TrueType file of the documents' font (bold or regular); None: none installed."""
    for name in FONTS[bold]:
        for folder in FONT_DIRS:
            if (folder / name).exists():
                return str(folder / name)
    return None


@cache
def vector_font(bold: bool) -> pymupdf.Font:
    path = font_file(bold)
    return pymupdf.Font(fontfile=path) if path else pymupdf.Font("tiro")


PT_PER_MM = 72 / 25.4
MM_PER_PT = 25.4 / 72
LINE_SPACING = 1.15
ABSOLUTE_MIN_SIZE = 6.0


@dataclass(frozen=True)
class Box:
    """A field's box in mm from the sheet's top-left corner."""

    left: float
    top: float
    right: float
    bottom: float

    def contains(self, other: "Box") -> bool:
        eps = 0.01
        return (
            other.left >= self.left - eps
            and other.top >= self.top - eps
            and other.right <= self.right + eps
            and other.bottom <= self.bottom + eps
        )


@dataclass(frozen=True)
class FittedText:
    size: float
    lines: list[str]
    box: Box
    ink: Box  # where the text lands


def field_box(spec: dict, page: tuple[float, float], margin: float = 0) -> Box:
    """The box of a field, clipped to the printable area (the sheet less `margin`)."""
    x, y = float(spec["x"]), float(spec["y"])
    size = float(spec.get("size", 14))
    align = spec.get("align", "left")
    width, height = page
    if "w" in spec:
        w = float(spec["w"])
    elif align == "center":
        w = 2 * min(x, width - x) - 2 * margin
    elif align == "right":
        w = x - margin
    else:
        w = width - x - margin
    h = float(spec.get("h", size * MM_PER_PT * 1.6))
    left = {"center": x - w / 2, "right": x - w}.get(align, x)
    top = y - size * MM_PER_PT  # the first line's ascent above its baseline
    return Box(
        max(left, margin),
        max(top, margin),
        min(left + w, width - margin),
        min(top + h, height - margin),
    )


def width_mm(text: str, size: float, bold: bool) -> float:
    return vector_font(bold).text_length(text, fontsize=size) / PT_PER_MM


def _wrap(text: str, size: float, bold: bool, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}".strip()
            if current and width_mm(candidate, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def _fits(lines: list[str], size: float, bold: bool, box: Box) -> bool:
    height = size * MM_PER_PT * (1 + LINE_SPACING * (len(lines) - 1)) + size * MM_PER_PT * 0.25
    widest = max((width_mm(line, size, bold) for line in lines), default=0)
    return widest <= box.right - box.left and height <= box.bottom - box.top


def fit_text(text: str, spec: dict, page: tuple[float, float], margin: float = 0) -> FittedText:
    """Shrink from `size` to `min_size` on the given lines; then wrap at `min_size`; as a last
    resort shrink further. The text never leaves its box."""
    box = field_box(spec, page, margin)
    bold = bool(spec.get("bold"))
    size = float(spec.get("size", 14))
    minimum = float(spec.get("min_size", max(size * 0.7, 8)))
    given = text.split("\n")
    chosen: tuple[float, list[str]] | None = None
    current = size
    while current >= minimum - 1e-9 and chosen is None:
        if _fits(given, current, bold, box):
            chosen = (current, given)
        current = round(current - 0.5, 2)
    current = minimum
    while chosen is None and current >= ABSOLUTE_MIN_SIZE:
        wrapped = _wrap(text, current, bold, box.right - box.left)
        if _fits(wrapped, current, bold, box):
            chosen = (current, wrapped)
        current = round(current - 0.5, 2)
    if chosen is None:  # not even at 6 pt: cut rather than spill over the blank
        wrapped = _wrap(text, ABSOLUTE_MIN_SIZE, bold, box.right - box.left)
        keep = max(int((box.bottom - box.top) / (ABSOLUTE_MIN_SIZE * MM_PER_PT * LINE_SPACING)), 1)
        chosen = (ABSOLUTE_MIN_SIZE, wrapped[:keep])
    size, lines = chosen
    widest = max((width_mm(line, size, bold) for line in lines), default=0)
    align = spec.get("align", "left")
    centre = (box.left + box.right) / 2
    left = {"center": centre - widest / 2, "right": box.right - widest}.get(align, box.left)
    height = size * MM_PER_PT * (1 + LINE_SPACING * (len(lines) - 1))
    ink = Box(left, box.top, left + widest, box.top + height)
    return FittedText(size=size, lines=lines, box=box, ink=ink)
