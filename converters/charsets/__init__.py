"""Exact tables for every Vietnamese legacy charset: bytes -> NFC text and back.

One label per charset, used everywhere (CLI, API, catalog). Decoding never applies NFKC (it would
destroy TCVN3 bytes) and never splits on control bytes (VISCII and VPS letters live there).

>>> decode(b"Vi\\xd6t Nam", "tcvn3"), decode(b"Vie\\xe4t Nam", "vni"), decode(b"Vie^.t Nam", "viqr")
('Việt Nam', 'Việt Nam', 'Việt Nam')
>>> encode("Việt Nam", "viscii")
b'Vi\\xaet Nam'
"""

from __future__ import annotations

import unicodedata

from converters.charsets.cp1252 import CP1252, cp1252_text_to_bytes
from converters.charsets.cp1258 import CP1258
from converters.charsets.letters import LETTERS, VIETNAMESE_ONLY
from converters.charsets.single_byte import SingleByteCharset
from converters.charsets.tcvn3 import TCVN3
from converters.charsets.viqr import decode_viqr, encode_viqr
from converters.charsets.viscii import VISCII
from converters.charsets.vni import VNI
from converters.charsets.vni import decode_token as decode_vni_token
from converters.charsets.vps import VPS

LABELS = ("tcvn3", "vni", "viscii", "vps", "viqr", "cp1258", "utf-8", "utf-16", "cp1252", "ascii")
LEGACY_8BIT = ("tcvn3", "vni", "viscii", "vps", "cp1258")

SINGLE_BYTE: dict[str, SingleByteCharset] = {
    "tcvn3": TCVN3, "vni": VNI, "viscii": VISCII, "vps": VPS, "cp1258": CP1258, "cp1252": CP1252,
}

__all__ = [
    "LABELS",
    "LEGACY_8BIT",
    "LETTERS",
    "SINGLE_BYTE",
    "VIETNAMESE_ONLY",
    "UnknownCharsetError",
    "byte_map",
    "cp1252_text_to_bytes",
    "decode",
    "decode_viqr",
    "decode_vni_token",
    "encode",
    "encode_viqr",
]


class UnknownCharsetError(ValueError):
    """A charset label that is not one of LABELS."""

    def __init__(self, label: str) -> None:
        super().__init__(f"unknown charset {label!r} (known: {', '.join(LABELS)})")
        self.label = label


def _check(label: str) -> str:
    if label not in LABELS:
        raise UnknownCharsetError(label)
    return label


def decode(data: bytes, label: str, *, upper_font: bool = False) -> str:
    """Bytes in charset `label` -> NFC text. `upper_font` = a capitals-only font (`.VnTimeH`).

    Single-byte charsets never fail; utf-8, utf-16 and ascii raise UnicodeDecodeError on bytes
    that are not theirs. A UTF-8 or UTF-16 byte-order mark is dropped.
    """
    charset = SINGLE_BYTE.get(_check(label))
    if charset is not None:
        return charset.decode(data, upper_font=upper_font)
    if label == "viqr":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = CP1252.decode(data)
        text = decode_viqr(text)
    else:
        text = data.decode({"utf-8": "utf-8-sig", "utf-16": "utf-16", "ascii": "ascii"}[label])
        text = unicodedata.normalize("NFC", text)
    return text.upper() if upper_font else text


def encode(text: str, label: str, *, upper_font: bool = False) -> bytes:
    """NFC text -> bytes in charset `label` (for tests, benchmarks and synthetic cases).

    Raises UnicodeEncodeError for a character the charset cannot write.
    """
    charset = SINGLE_BYTE.get(_check(label))
    if charset is not None:
        return charset.encode(text, upper_font=upper_font)
    text = unicodedata.normalize("NFC", text.lower() if upper_font else text)
    if label == "viqr":
        return encode_viqr(text).encode("utf-8")
    return text.encode({"utf-8": "utf-8", "utf-16": "utf-16", "ascii": "ascii"}[label])


def byte_map(label: str, *, upper_font: bool = False) -> dict[int, str]:
    """Every byte of a single-byte charset -> the text it stands for (VNI modifiers: combining marks)."""
    charset = SINGLE_BYTE.get(_check(label))
    if charset is None:
        raise ValueError(f"{label} is not a single-byte charset")
    return charset.byte_map(upper_font=upper_font)
