"""The vectorised decode of base + modifier charsets gives exactly the table followed by NFC."""

from __future__ import annotations

import codecs
import random
import unicodedata

import pytest

from converters import charsets
from converters.charsets.pair_decode import SHORT


def table_then_nfc(data: bytes, label: str) -> str:
    table = charsets.SINGLE_BYTE[label].table
    return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", table)[0])


@pytest.mark.parametrize("label", charsets.LEGACY_8BIT)
@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_decode_as_table_then_nfc(label: str, seed: int) -> None:
    rng = random.Random(seed)
    # Mostly letters and modifiers, with line breaks, NULs and every other byte now and then.
    common = b"aeiouyAEIOUY\xf4\xd4\xf6\xd6\xe2\xe8\xf8\xf9\xfb\xf5\xef\xec\xcc\xd2\xde\xf2\xb0\xb3 \n"
    data = bytes(rng.choice(common) if rng.random() < 0.8 else rng.randrange(256)
                 for _ in range(SHORT + rng.randrange(3 * SHORT)))
    assert charsets.decode(data, label) == table_then_nfc(data, label)


@pytest.mark.parametrize("label", charsets.LEGACY_8BIT)
def test_real_text_decodes_as_table_then_nfc(label: str) -> None:
    text = "Việt Nam độc lập, tự do, hạnh phúc.\nĐời sống được nâng cao \x00 ở mọi miền\n" * 50
    data = charsets.encode(text, label)
    assert len(data) >= SHORT
    assert charsets.decode(data, label) == table_then_nfc(data, label) == text


def test_lone_modifiers_keep_their_marks() -> None:
    # a modifier after a space and two modifiers in a row: their lines are decoded the exact way
    data = b"Vie\xe4t Nam\n" * 100 + b"\xf9 x a\xf9\xf8\n" + b"Vie\xe4t Nam\n" * 100
    assert charsets.decode(data, "vni") == table_then_nfc(data, "vni")
    assert "\u0301 x" in charsets.decode(data, "vni")
