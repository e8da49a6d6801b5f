"""Round trips over generated text: whatever a charset can write comes back exactly, any bytes decode."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters import charsets
from converters.charsets.letters import LETTERS
from converters.charsets.tcvn3 import CAPITALS_ONLY_IN_UPPER_FONTS

ASCII = string.ascii_letters + string.digits + string.punctuation + " \n\t"


def text_in(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(alphabet), max_size=80)


@pytest.mark.parametrize("label", [*charsets.LEGACY_8BIT, "viqr", "utf-8", "utf-16"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_writable_text_round_trips(label: str, data: st.DataObject) -> None:
    letters = "".join(ch for ch in LETTERS if not (label == "tcvn3" and ch in CAPITALS_ONLY_IN_UPPER_FONTS))
    text = data.draw(text_in(letters + ASCII))
    assert charsets.decode(charsets.encode(text, label), label) == text


@settings(max_examples=300, deadline=None)
@given(text_in("aeouyAdD^(+'`?~.\\ đĐấ"))
def test_viqr_escapes_whatever_would_join(text: str) -> None:
    assert charsets.decode(charsets.encode(text, "viqr"), "viqr") == text


@pytest.mark.parametrize("label", [*charsets.LEGACY_8BIT, "cp1252"])
@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=200))
def test_any_bytes_decode_to_nfc(label: str, data: bytes) -> None:
    text = charsets.decode(data, label)
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_bytes_read_as_cp1252_come_back(data: bytes) -> None:
    assert charsets.cp1252_text_to_bytes(charsets.decode(data, "cp1252")) == data
    assert charsets.cp1252_text_to_bytes(data.decode("latin-1")) == data
