"""An 8-bit charset given as a byte -> text table: exact decoding to NFC, and the inverse for tests and bench.

Bytes a table leaves out decode to the code point of the same number (ASCII below 0x80, Latin-1/C1
above), so decoding never fails and never loses a byte. C0 bytes that a charset uses for letters
(VISCII, VPS) are letters here: nothing in this package splits on them.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Mapping
from functools import cached_property

from converters.charsets.letters import tone_last
from converters.charsets.pair_decode import SHORT, PairDecoder, plain


class SingleByteCharset:
    """A charset with one table entry per byte; `table` values may be several characters (VNI modifiers).

    `spells_with_marks`: the charset writes letters it lacks as base + combining tone byte (CP1258).
    """

    def __init__(self, label: str, table: Mapping[int, str], *, spells_with_marks: bool = False) -> None:
        self.label = label
        self.spells_with_marks = spells_with_marks
        self.table = {b: table.get(b, chr(b)) for b in range(256)}
        single = all(len(v) == 1 for v in self.table.values())
        # charmap_decode takes a 256-character string (fastest) or a dict for multi-character entries.
        self._decoding = "".join(self.table[b] for b in range(256)) if single else self.table
        self._encoding = codecs.charmap_build(self._decoding) if single else None
        self._reverse: dict[str, int] = {}
        for byte in range(256):
            self._reverse.setdefault(self.table[byte], byte)
        self._upper = {ord(c): c.upper() for c in self.table.values()
                       if len(c) == 1 and c.islower() and len(c.upper()) == 1}

    @cached_property
    def _pairs(self) -> PairDecoder | None:
        """The vectorised decoder when some byte is a modifier (VNI, CP1258); None when every byte is
        one character that NFC leaves alone, so the table alone is the NFC text."""
        return None if all(map(plain, self.table.values())) else PairDecoder(self.table)

    def decode(self, data: bytes, *, upper_font: bool = False) -> str:
        """Bytes -> NFC text; `upper_font` is a font that draws small letters as capitals (.VnTimeH)."""
        pairs = self._pairs
        if pairs is not None and (len(data) < SHORT or pairs.has_modifier(data)):
            text = pairs.decode(data)
        else:
            text = codecs.charmap_decode(data, "strict", self._decoding)[0]
        return text.translate(self._upper) if upper_font else text

    def byte_map(self, *, upper_font: bool = False) -> dict[int, str]:
        """All 256 bytes -> the text each stands for."""
        if upper_font:
            return {b: v.translate(self._upper) for b, v in self.table.items()}
        return dict(self.table)

    def encode(self, text: str, *, upper_font: bool = False) -> bytes:
        """NFC text -> bytes; raises UnicodeEncodeError naming the first character the charset lacks.

        In a charset that `spells_with_marks`, a letter without a code of its own is written as its
        longest precomposed base + combining tone. With `upper_font`, capitals are written with the
        small letters' codes, as typists did in a capitals-only font.
        """
        text = unicodedata.normalize("NFC", text)
        if upper_font:
            text = text.lower()
        if self._encoding is not None:
            try:
                return codecs.charmap_encode(text, "strict", self._encoding)[0]
            except UnicodeEncodeError:
                pass  # some letter needs base + marks, or is missing: the slow path says which
        out = bytearray()
        for i, ch in enumerate(text):
            byte = self._reverse.get(ch)
            if byte is not None:
                out.append(byte)
                continue
            pieces = self._decomposed(ch) if self.spells_with_marks else None
            if pieces is None:
                raise UnicodeEncodeError(self.label, text, i, i + 1, f"no {self.label} code for {ch!r}")
            out.extend(pieces)
        return bytes(out)

    def _decomposed(self, ch: str) -> bytes | None:
        """Codes for `ch` as the longest precomposed base the charset has plus its remaining marks."""
        rest = tone_last(ch)
        out = bytearray()
        while rest:
            for cut in range(len(rest), 0, -1):
                byte = self._reverse.get(unicodedata.normalize("NFC", rest[:cut]))
                if byte is not None:
                    out.append(byte)
                    rest = rest[cut:]
                    break
            else:
                return None
        return bytes(out)
