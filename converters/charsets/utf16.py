"""UTF-16 that carries no byte-order mark, found by where its zero bytes are.

Such text has a zero byte in most characters' high half (ASCII letters, digits, spaces; Vietnamese
letters U+1EA0–U+1EF9 do not) and almost none in the low half; 8-bit text has no zero bytes at all.

    >>> utf16_form("Hà Nội 2005".encode("utf-16-le")), utf16_form(b"H\\xb5 N\\xe9i 2005")
    ('utf-16-le', None)
    >>> utf16_without_bom("Việt Nam".encode("utf-16-be"))
    'Việt Nam'
"""

from __future__ import annotations

# Bytes looked at, and the share of characters whose high byte must be zero.
SAMPLE = 4096
ZERO_SHARE = 0.3
# Text may hold a stray control character (a form's check-box glyph); binary data holds many.
CONTROL_SHARE = 0.05


def utf16_form(sample: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the zero bytes of `sample` fall as that form's, else None."""
    sample = sample[: min(len(sample), SAMPLE) // 2 * 2]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for form, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= ZERO_SHARE * half and low <= 0.01 * half:
            return form
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 bytes with no byte-order mark, or None when `data` is not that (odd length, not
    decodable, or more than CONTROL_SHARE control characters other than tab and line ends among its first
    characters: binary data)."""
    form = utf16_form(data) if len(data) % 2 == 0 else None
    if form is None:
        return None
    try:
        text = data.decode(form)
    except UnicodeDecodeError:
        return None
    head = text[: SAMPLE // 2]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f")
    return text if controls <= CONTROL_SHARE * len(head) else None
