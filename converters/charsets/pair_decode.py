"""Vectorised decoding for charsets that write a letter as a base byte plus a modifier byte (VNI, CP1258).

Such a charset's table maps each modifier byte to combining marks, so an exact decode is the table
followed by NFC composition, and NFC is what makes them slow (about 20 MB/s). Almost every modifier
follows a base it composes with into one letter (`a` + `ù` -> `á`), so the pairs are composed with a
65,536-entry table over numpy arrays instead. A line holding a byte whose meaning depends on more than
its pair (a modifier after no vowel, two modifiers in a row, a base that is itself not composed) is
decoded the exact way, so the result is always the table + NFC:

    >>> from converters.charsets.vni import VNI
    >>> data = b"Vie\\xe4t Nam \\xf1o\\xe4c la\\xe4p\\n" * 99 + b"\\xf9 lone\\n"
    >>> decoder = PairDecoder(VNI.table)
    >>> text = decoder.decode(data)
    >>> text[:21], text[-7:], text == decoder.exact(data)
    ('Việt Nam độc lập\\nViệt', '\\u0301 lone\\n', True)
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Mapping

import numpy as np

# Blocks whose characters NFC never composes with the character before them (the starters that are a
# composition's second part are Indic, Hangul and a few other scripts' vowel signs, all above U+0900):
# Latin, Greek, Cyrillic, Latin Extended Additional, general punctuation and symbols.
_NEVER_SECOND = ((0x0000, 0x08FF), (0x1E00, 0x1EFF), (0x2000, 0x2BFF))
# Shorter inputs (a word, a cell) are decoded the exact way: the arrays would cost more than they save.
SHORT = 1024


def plain(value: str) -> bool:
    """One character that NFC leaves alone and that never composes with what precedes it."""
    if len(value) != 1 or unicodedata.combining(value) or unicodedata.normalize("NFC", value) != value:
        return False
    return any(low <= ord(value) <= high for low, high in _NEVER_SECOND)


class PairDecoder:
    """Table + NFC for a byte table whose non-plain bytes are modifiers composed with the byte before."""

    def __init__(self, table: Mapping[int, str]) -> None:
        self._exact = {b: table[b] for b in range(256)}
        simple = [plain(table[b]) for b in range(256)]
        # Plain characters and what they compose into are all in the BMP (no surrogates): UTF-16 code units.
        self._single = np.array([ord(table[b]) if simple[b] else 0 for b in range(256)], dtype=np.uint16)
        self._modifier = np.array([not p for p in simple], dtype=bool)
        self._modifier_bytes = bytes(b for b in range(256) if not simple[b])
        # (base << 8 | modifier) -> the one letter they compose into, or 0.
        self._pairs = np.zeros(65536, dtype=np.uint16)
        for base in (b for b in range(256) if simple[b]):
            for mod in (m for m in range(256) if not simple[m]):
                composed = unicodedata.normalize("NFC", table[base] + table[mod])
                if len(composed) == 1:
                    self._pairs[base << 8 | mod] = ord(composed)

    def has_modifier(self, data: bytes) -> bool:
        """Whether `data` holds a byte that is not one plain character (else the table alone is NFC)."""
        return len(data.translate(None, self._modifier_bytes)) != len(data)  # C speed, unlike a regex

    def exact(self, data: bytes) -> str:
        """The table, then NFC: what `decode` must equal (NFC holds it to about 20 MB/s)."""
        return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", self._exact)[0])

    def decode(self, data: bytes) -> str:
        """`exact(data)`, composing base + modifier pairs through the pair table."""
        if len(data) < SHORT:
            return self.exact(data)
        raw = np.frombuffer(data, dtype=np.uint8)
        pair = np.ndarray((raw.size - 1,), dtype=">u2", buffer=data, strides=(1,))  # byte i << 8 | byte i+1
        composed = self._pairs[pair]
        paired = np.zeros(raw.size, dtype=bool)  # a modifier composed with the byte before it
        np.not_equal(composed, 0, out=paired[1:])
        codes = self._single[raw]
        np.copyto(codes[:-1], composed, where=paired[1:])
        text = codes[~paired].tobytes().decode("utf-16-le")
        lone = np.flatnonzero(self._modifier[raw] > paired)
        if lone.size:
            text = self._exact_lines(data, text, raw, lone)
        return text

    def _exact_lines(self, data: bytes, text: str, raw: np.ndarray, lone: np.ndarray) -> str:
        """`text` with the lines holding a lone modifier (positions `lone` in `data`) decoded exactly."""
        breaks = np.flatnonzero(raw == 0x0A)
        lines = text.split("\n")
        raw_lines = data.split(b"\n")
        for k in set(np.searchsorted(breaks, lone).tolist()):
            lines[k] = self.exact(raw_lines[k])
        return "\n".join(lines)
