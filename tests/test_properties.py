"""Properties (hypothesis): correct Unicode Vietnamese is left alone; converting twice equals once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters import convert_text
from converters.charsets import LETTERS, encode
from converters.language.syllable import syllables

SYLLABLES = sorted(syllables())

word = st.sampled_from(SYLLABLES).flatmap(
    lambda s: st.sampled_from([s, s.capitalize(), s.upper()])
)
separator = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", " - ", ": ", " (", ") "])
vietnamese = st.lists(st.tuples(word, separator), min_size=1, max_size=60).map(
    lambda pairs: "".join(w + sep for w, sep in pairs)
)

# Any mix of Vietnamese letters, legacy-looking cp1252 characters, ASCII and spaces.
ALPHABET = LETTERS + "abcdeghiklmnopqrstuvxyABCDĐ0123456789 .,;:-'\"\n" + "¸®µ«ª©¶·¹×ÞÖÕÒÌîêíï­ÃÂ€™“”–"
anything = st.text(alphabet=ALPHABET, max_size=300)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese)
def test_correct_vietnamese_is_unchanged(text: str) -> None:
    result = convert_text(text)
    assert result.text == text
    assert result.repairs == ()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_converting_twice_equals_converting_once(text: str) -> None:
    once = convert_text(text).text
    assert convert_text(once).text == once


def _as_read_through_cp1252(text: str, label: str) -> str:
    data = encode(text, label)
    undefined = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in data)


damaged = st.tuples(vietnamese.map(str.lower), st.sampled_from(["tcvn3", "vni"]), st.booleans()).map(
    lambda t: _as_read_through_cp1252(t[0], t[1]).replace("\xad", "" if t[2] else "\xad")
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged)
def test_converting_damaged_text_twice_equals_once(text: str) -> None:
    once = convert_text(text).text
    assert convert_text(once).text == once
