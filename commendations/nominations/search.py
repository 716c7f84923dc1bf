"""Accent-insensitive search: one normal form for what is stored and what is typed.

Vietnamese users type without diacritics ("Nguyen Van Hung" for "Nguyễn Văn Hùng"), in any case,
and with "d" for "đ". Both sides are reduced to the same text: Unicode NFD, combining marks
dropped, đ/Đ → d, case folded, runs of spaces collapsed. The stored side is the nomination's
`search_text` column (kept by `Nomination.save`), so the comparison is a plain substring test
that SQLite and PostgreSQL run alike, and that PostgreSQL serves from a trigram index.
"""

import unicodedata

_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def search_normalise(text: str) -> str:
    """`  Nguyễn Văn HÙNG ` and `nguyen van hung` both give `nguyen van hung`."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
