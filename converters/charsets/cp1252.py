"""Windows-1252 as a charset label, and the byte-exact undo of "legacy bytes read as cp1252".

cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; they decode to U+0081 ... (their own code point)
so that text which went bytes -> cp1252 -> UTF-8 can always be turned back into the same bytes:

>>> cp1252_text_to_bytes("Vi\\u00d6t \\u00aei\\u0081")
b'Vi\\xd6t \\xaei\\x81'
>>> cp1252_text_to_bytes("Việt") is None
True
"""

from __future__ import annotations

from converters.charsets.single_byte import SingleByteCharset

# The 27 characters cp1252 puts in 0x80-0x9F, back to the C1 code point of their byte; with that,
# every cp1252 (or Latin-1) character is its byte read as Latin-1.
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_CP1252_HIGH = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in _UNDEFINED}
_TO_LATIN1 = {ord(ch): b for b, ch in _CP1252_HIGH.items()}

CP1252 = SingleByteCharset("cp1252", _CP1252_HIGH)


def cp1252_text_to_bytes(text: str) -> bytes | None:
    """The bytes that read as `text` through cp1252 (or Latin-1); None if a character is not from a byte."""
    try:
        return text.translate(_TO_LATIN1).encode("latin-1")
    except UnicodeEncodeError:
        return None
