"""Compose decomposed Vietnamese (NFD, CP1258 combining tones) into NFC.

How the damage happens: macOS file names and some editors store `ệ` as `e` + U+0302 + U+0323, and
CP1258 writes tones as separate combining marks; search, sorting and syllable checks need one code
point per letter. NFC only (never NFKC, which would also rewrite compatibility characters).

    >>> normalize_nfc("Vie\\u0302\\u0323t Nam") == "Việt Nam"
    True
"""

from __future__ import annotations

import unicodedata


def normalize_nfc(text: str) -> str:
    """The NFC form of `text`."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
