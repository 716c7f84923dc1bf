"""Names of nominees as people read them: what makes two names the same (the uniqueness key) and
which characters a name may hold. A name that looks like another one must be the same nominee
(issue #28: a zero-width space, a Cyrillic "а", a soft hyphen or a trailing right-to-left
override made a second nomination of the same person look new while reading identically).

The rules, after Unicode TR 39 (security mechanisms) in the small: invisible and
direction-changing characters (format and control characters, fillers) are refused with a clear
message; letters must be Latin (Vietnamese and the Central Highlands' languages are written in
Latin letters), so a Cyrillic or Greek lookalike is refused too; the key strips format
characters, applies NFKC, folds case, apostrophes and spaces, and maps the common lookalikes to
their Latin skeleton (for names stored before these rules)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Categories that draw nothing (or change the direction of what follows): Cf (ZWSP, ZWJ, soft
# hyphen, RLO, BOM…), Cc (controls), Co/Cs/Cn (private use, surrogates, unassigned), Zl/Zp.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"})
# Letters or symbols that draw nothing though their category says otherwise.
INVISIBLE_CHARACTERS = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180e"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))  # variation selectors
)
# The combining marks Vietnamese and the Jrai/Bahnar alphabets use, after NFD: grave, acute,
# circumflex, tilde, macron, breve, dot above, diaeresis, hook above, double acute, caron, horn,
# dot below, diaeresis below, macron below.
ALLOWED_MARKS = frozenset(
    "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u0309\u030b\u030c\u031b\u0323\u0324\u0331"
)
MAX_MARKS_PER_LETTER = 2  # ệ = e + circumflex + dot below
# Apostrophes of names such as "Ksor H'Blang": one key whichever was typed.
APOSTROPHES = {ord(c): "'" for c in "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032"}
ALLOWED_MODIFIER_LETTERS = frozenset("\u02bc\u02bb")
# Lookalikes of Latin letters (TR 39 confusables, the ones a keyboard layout gives): only for the
# key of names stored before these rules; a new name with one is refused.
_SKELETON = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
        "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
        "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x", "ϲ": "c",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a nominee's name, or None."""
    for ch in name:
        if unicodedata.category(ch) in INVISIBLE_CATEGORIES or ch in INVISIBLE_CHARACTERS:
            return _(
                "Tên có ký tự ẩn hoặc ký tự đổi chiều chữ (%(code)s), dễ làm hai tên giống hệt "
                "nhau khi đọc: hãy xóa và gõ lại tên."
            ) % {"code": _code(ch)}
    marks = 0
    for ch in unicodedata.normalize("NFD", name):
        category = unicodedata.category(ch)
        if category.startswith("M"):
            marks += 1
            if ch not in ALLOWED_MARKS or marks > MAX_MARKS_PER_LETTER:
                return _("Tên có dấu không dùng trong tiếng Việt (%(code)s): hãy gõ lại tên.") % {
                    "code": _code(ch)
                }
            continue
        marks = 0
        if category == "Lm" and ch in ALLOWED_MODIFIER_LETTERS:
            continue
        if category.startswith("L") and not unicodedata.name(ch, "").startswith("LATIN "):
            return _(
                "Tên có chữ cái không phải chữ Latinh (“%(char)s”, %(code)s) trông giống chữ "
                "tiếng Việt: hãy gõ lại tên bằng bàn phím tiếng Việt."
            ) % {"char": ch, "code": _code(ch)}
    return None


def validate_nominee_name(name: str) -> None:
    """The model field's validator: the web form, the API and the Excel import all run it."""
    problem = name_problem(name or "")
    if problem:
        raise ValidationError(problem, code="name_characters")


def name_key(name: str) -> str:
    """The name as the uniqueness key compares it."""
    visible = "".join(
        ch
        for ch in name or ""
        if unicodedata.category(ch) not in INVISIBLE_CATEGORIES and ch not in INVISIBLE_CHARACTERS
    )
    skeleton = unicodedata.normalize("NFKC", visible).translate(_SKELETON)
    folded = skeleton.casefold().translate(APOSTROPHES).translate(_SKELETON)
    return unicodedata.normalize("NFC", " ".join(folded.split()))
