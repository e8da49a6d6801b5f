"""VNI-Windows (the `VNI-Times` fonts): a letter is a base byte plus one modifier byte.

The modifier bytes are Latin-1 letters the fonts redraw as marks (`aù` = á, `aá` = ấ, `ôø` = ờ);
đ ơ ư ì í ỉ ĩ ị ỵ and their capitals are single bytes. Decoding reads each modifier as its combining
marks and composes to NFC, so every letter of the table and the variants fonts draw the same
(`iù` = í, `yï` = ỵ, a capital base with a small modifier) come out right. Bytes 0x80-0x9F are the
fonts' cp1252 punctuation. A modifier with no vowel before it stays a bare combining mark.

>>> VNI.decode(b"Vie\\xe4t Nam \\xf1o\\xe4c la\\xe4p")
'Việt Nam độc lập'
>>> VNI.encode("Đời")
b'\\xd1\\xf4\\xf8i'
>>> decode_token("tie\\u00e1ng")
'tiếng'
"""

from __future__ import annotations

import unicodedata

from converters.charsets.cp1252 import CP1252, cp1252_text_to_bytes
from converters.charsets.single_byte import SingleByteCharset
from converters.charsets.tables.vni import SEQUENCES


def _byte_meanings() -> dict[int, str]:
    """Single letter bytes -> the letter; modifier bytes -> the combining marks they add (from SEQUENCES)."""
    meaning = {b: ch for b, ch in CP1252.table.items() if 0x80 <= b < 0xA0}
    singles = {seq[0]: ch for ch, seq in SEQUENCES.items() if len(seq) == 1}
    meaning.update(singles)
    for ch, seq in SEQUENCES.items():
        if len(seq) != 2:
            continue
        base = unicodedata.normalize("NFD", singles.get(seq[0], chr(seq[0])))
        full = unicodedata.normalize("NFD", ch)
        if not full.startswith(base) or meaning.get(seq[1], full[len(base):]) != full[len(base):]:
            raise ValueError(f"VNI table: modifier 0x{seq[1]:02X} means two things")
        meaning[seq[1]] = full[len(base):]
    return meaning


class VniCharset(SingleByteCharset):
    """VNI-Windows: decoding through the per-byte meanings, encoding through the letter table."""

    def __init__(self) -> None:
        super().__init__("vni", _byte_meanings())
        # Letters -> their sequence as Latin-1 text, the cp1252 punctuation -> its byte, then one
        # Latin-1 encode: the whole text in two C-speed passes.
        self._to_latin1 = {ord(ch): seq.decode("latin-1") for ch, seq in SEQUENCES.items()}
        self._to_latin1.update({ord(ch): chr(b) for b, ch in CP1252.table.items() if 0x80 <= b < 0xA0})

    def encode(self, text: str, *, upper_font: bool = False) -> bytes:
        text = unicodedata.normalize("NFC", text.lower() if upper_font else text)
        try:
            return text.translate(self._to_latin1).encode("latin-1")
        except UnicodeEncodeError:
            for i, ch in enumerate(text):
                if any(ord(c) > 0xFF for c in ch.translate(self._to_latin1)):
                    raise UnicodeEncodeError("vni", text, i, i + 1, f"no vni code for {ch!r}") from None
            raise


VNI = VniCharset()


def decode_token(text: str) -> str:
    """A VNI word that was read through cp1252 (`Vieät`) -> Unicode; unchanged if it cannot be bytes."""
    data = cp1252_text_to_bytes(text)
    return text if data is None else VNI.decode(data)
