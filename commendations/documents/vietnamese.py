"""Vietnamese alphabetical order: letters (ă, â, đ, ê, ô, ơ, ư) and tones, and people's names
sorted by given name first."""

import unicodedata

# --- Vietnamese alphabetical order --------------------------------------------------------------

VIETNAMESE_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_INDEX = {letter: i for i, letter in enumerate(VIETNAMESE_ALPHABET)}
# Tones in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _letters_and_tones(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if c not in _TONES)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
        base = unicodedata.normalize("NFC", base)
        if base in _LETTER_INDEX:
            letters.append(_LETTER_INDEX[base] + 100)
        elif base.isdigit():
            letters.append(ord(base) - ord("0") + 10)
        elif base.isspace():
            letters.append(1)
        else:
            stripped = "".join(
                c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c)
            )
            if stripped in _LETTER_INDEX:
                letters.append(_LETTER_INDEX[stripped] + 100)
            else:
                continue  # punctuation does not take part in the order
        tones.append(tone)
    return tuple(letters), tuple(tones)


def vietnamese_key(text: str) -> tuple:
    """Dictionary order: letters first (a ă â b c d đ e ê …), then tones, case-insensitively."""
    letters, tones = _letters_and_tones(text.strip())
    return (letters, tones, text)


def person_name_key(full_name: str) -> tuple:
    """Vietnamese names sort by the given name (the last word) first, then the rest in order."""
    words = full_name.split()
    if not words:
        return vietnamese_key("")
    reordered = [words[-1], *words[:-1]]
    return tuple(vietnamese_key(w)[:2] for w in reordered) + (full_name,)
