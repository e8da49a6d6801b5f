"""Put back the `ư` and `ã` that a PDF's text layer gave as the symbols U+2212 and U+2219.

How the damage happens: Word printed `.VnTime` text to PDF with TCVN3's `ư` (byte 0xAD) and `ã` (0xB7)
in a font of their own whose ToUnicode map says U+2212 MINUS SIGN and U+2219 BULLET OPERATOR. Text copied
out of such a PDF and put through a TCVN3 converter that knows nothing of them comes out as Unicode with
`n−ớc`, `tr−ởng`, `m∙ số` in it. (Legacy text still read as cp1252 is decoded with the symbols by the
mojibake repair; this repair is for text that is otherwise Unicode already.)

A symbol is a letter only inside a word: touching a letter, with no digit beside the word (`t−1`, `x − y`
stay maths), where the word it makes is a Vietnamese syllable, and in a text that has Vietnamese letters.
Its case follows the word's other letters (`TR−ỜNG` -> `TRƯỜNG`); a lone capital before it (`T−`) is in
capitals only beside a word in capitals (`BỘ T− PHÁP`); a word it begins is capitalised at the start of
a line or sentence (`6. −u tiên` -> `6. Ưu tiên`).

    >>> restore_pdf_symbols("Bộ tr−ởng nói về n−ớc sạch, m∙ số 12; đầu t− và TR−ỜNG")
    'Bộ trưởng nói về nước sạch, mã số 12; đầu tư và TRƯỜNG'
    >>> restore_pdf_symbols("f(t) = t−1, x − y, a∙b; Đà Lạt")
    'f(t) = t−1, x − y, a∙b; Đà Lạt'
"""

from __future__ import annotations

import re

from converters.charsets import VIETNAMESE_ONLY
from converters.language.letter_case import in_capitals
from converters.language.syllable import is_syllable

_LETTERS_FOR = {"\u2212": ("ư", "Ư"), "\u2219": ("ã", "Ã")}
# A run of letters holding one of the symbols, with no letter, digit or symbol right before or after it.
_PART = r"(?:[^\W\d_]|[\u2212\u2219])*"
_WORD = re.compile(rf"(?<![\w\u2212\u2219]){_PART}[\u2212\u2219]{_PART}(?![\w\u2212\u2219])")
_NEIGHBOUR = re.compile(r"\w+")
# What may stand between a sentence's end or a line's start and its first word (`6. `, `- `, `(a) `).
_LIST_MARKS = " \t\xa00123456789()-*+"


def _beside_capitals(text: str, start: int, end: int) -> bool:
    """True when the word before or after text[start:end] on its line is in capitals."""
    before = _NEIGHBOUR.findall(text[max(0, start - 40) : start].rsplit("\n", 1)[-1])
    after = _NEIGHBOUR.findall(text[end : end + 40].split("\n", 1)[0])
    return in_capitals(before[-1] if before else None) or in_capitals(after[0] if after else None)


def _starts_sentence(text: str, start: int) -> bool:
    """True when the word at `start` begins the text, a line or a sentence (`6. Ưu tiên`)."""
    before = text[max(0, start - 12) : start].rstrip(_LIST_MARKS)
    return (not before and start <= 12) or before.endswith((".", "!", "?", ":", "\n"))


def _restored(match: re.Match[str]) -> str:
    word = match.group()
    others = [ch for ch in word if ch not in _LETTERS_FOR]
    if not others:
        return word
    capitals = all(ch.isupper() for ch in others) and (
        len(others) > 1 or _beside_capitals(match.string, match.start(), match.end())
    )
    candidate = "".join(_LETTERS_FOR[ch][capitals] if ch in _LETTERS_FOR else ch for ch in word)
    if word[0] in _LETTERS_FOR and _starts_sentence(match.string, match.start()):
        candidate = _LETTERS_FOR[word[0]][1] + candidate[1:]
    return candidate if is_syllable(candidate) else word


def restore_pdf_symbols(text: str) -> str:
    """`n−ớc` -> `nước`, `m∙` -> `mã` inside the words of a Vietnamese text; other symbols unchanged."""
    if ("\u2212" not in text and "\u2219" not in text) or not VIETNAMESE_ONLY.search(text):
        return text
    return _WORD.sub(_restored, text)
