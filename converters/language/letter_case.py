"""How a word is written: in capitals, or in one plain case.

Capitals come in whole words and runs (a heading, a `.VnTimeH` cell), and typists wrote the capitals
that TCVN3 lacks in small letters (`CHứC`); a capital inside a word in small letters (`đỐi`) is a
reading, not something anyone typed.

    >>> in_capitals("PHẦN"), in_capitals("CHứC"), in_capitals("Phần"), in_capitals(None)
    (True, True, False, False)
    >>> plain_case("đối"), plain_case("Đối"), plain_case("ĐỐI"), plain_case("đỐi")
    (True, True, True, False)
"""

from __future__ import annotations

from converters.language.tokens import word_core


def in_capitals(word: str | None) -> bool:
    """True for a word with two capitals or more."""
    return bool(word) and sum(map(str.isupper, word)) > 1  # type: ignore[arg-type]


def plain_case(token: str) -> bool:
    """True for a word (its edge punctuation aside) in small letters, capitals or title case."""
    word = word_core(token)
    return word.islower() or word.isupper() or word.istitle()
