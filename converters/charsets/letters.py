"""The 134 Vietnamese letters outside ASCII (67 lower-case, 67 capitals), derived from Unicode composition.

Twelve vowels take five tones (60 letters), six of those vowels are letters of their own untoned
(ă â ê ô ơ ư), and đ: 67 per case.

>>> len(LOWER), len(UPPER), LOWER[:6]
(67, 67, 'àáảãạă')
"""

from __future__ import annotations

import re
import unicodedata

VOWELS = "aăâeêioôơuưy"
# grave, acute, hook above, tilde, dot below: the order Vietnamese dictionaries use after the level tone
TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"


def _lower_letters() -> str:
    out = []
    for vowel in VOWELS:
        if vowel in "ăâêôơư":
            out.append(vowel)
        out.extend(unicodedata.normalize("NFC", vowel + mark) for mark in TONE_MARKS)
    return "".join(out) + "đ"


def tone_last(text: str) -> str:
    """NFD with each letter's tone mark after its own marks (NFD puts the dot below first).

    >>> [hex(ord(c)) for c in tone_last("ệ")]
    ['0x65', '0x302', '0x323']
    """
    return _MARK_RUN.sub(_tone_to_end, unicodedata.normalize("NFD", text))


def _tone_to_end(match: re.Match[str]) -> str:
    return "".join(sorted(match.group(), key=lambda m: m in TONE_MARKS))


_MARK_RUN = re.compile("[\u0300-\u036f]{2,}")

LOWER = _lower_letters()
UPPER = LOWER.upper()
LETTERS = LOWER + UPPER
# A letter that no other Latin script writes (not in Latin-1: `ă ạ ế đ ơ ư`): the text is Vietnamese.
VIETNAMESE_ONLY = re.compile("[" + "".join(sorted(ch for ch in LETTERS if ord(ch) > 0xFF)) + "]")
