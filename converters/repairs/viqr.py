"""Decode VIQR (`Vie^.t Nam`) when a text is written in it.

How the damage happens: mail and Usenet of the 1990s typed Vietnamese in 7-bit ASCII with the marks
after the vowel (RFC 1456). The decoder is applied only when the text shows VIQR evidence: several
words whose marks decode to Vietnamese syllables with diacritics, and at least half of all words that
carry such marks. English (`don't`, `e.g.`, a sentence ending in `go.`) is left as it is.

    >>> decode_viqr_text("Ba?n di.ch na`y la` Ta`i lie^.u Mie^~n phi'")
    'Bản dịch này là Tài liệu Miễn phí'
    >>> decode_viqr_text("Don't panic, e.g. go to the shop. Who's there?")
    "Don't panic, e.g. go to the shop. Who's there?"

Letters are ASCII, but a VIQR text saved by a modern editor may carry Unicode punctuation:

    >>> decode_viqr_text("“Vie^.t Nam” – ba?n di.ch mo+'i")
    '“Việt Nam” – bản dịch mới'
"""

from __future__ import annotations

import re

from converters.charsets import decode_viqr
from converters.language.lexicon import INVALID, spelling_score

# A VIQR word: letters with quality marks (^ ( +) and at most one tone mark (' ` ? ~ .) after a vowel.
_VIQR_WORD = re.compile(r"(?<![\w\\])[A-Za-z]*[aeiouyAEIOUY][\^(+]?['`?~.]?[A-Za-z^(+'`?~.]*(?![\w])")
_MARKED = re.compile(r"[aeiouyAEIOUY](?:[\^(+]['`?~.]?|['`?~]|\.(?=[a-zA-Z]))|dd|DD")
MIN_EVIDENCE = 3
# Enough marked words to tell VIQR from English: the evidence stops counting here (a long text is uniform).
EVIDENCE_WORDS = 2000
_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\d_\x00-\x7f]")
# VIQR is typed in ASCII; a few other letters (a name such as François, a word pasted from a Unicode text)
# may stand in it. A text in Unicode Vietnamese has one letter in five or so beyond ASCII.
MAX_NON_ASCII_SHARE = 0.005
_WINDOW = 16 * 1024


def letters_are_ascii(text: str) -> bool:
    """True when (nearly) every letter is ASCII, so that the text can be VIQR: one non-ASCII letter, or at
    most one character in 200. Punctuation such as “ ” – … and signs such as ½ ² ° do not count.

    >>> letters_are_ascii("Ba?n di.ch cu?a François, ½ trang")
    True
    >>> letters_are_ascii("Bản dịch của François")
    False
    """
    budget = max(1.0, len(text) * MAX_NON_ASCII_SHARE)
    seen = 0
    for start in range(0, len(text), _WINDOW):  # a window at a time: legacy text is over budget at once
        seen += sum(map(str.isalpha, _NON_ASCII_WORD_CHAR.findall(text, start, start + _WINDOW)))
        if seen > budget:
            return False
    return True


def viqr_evidence(text: str) -> tuple[int, int]:
    """(words that decode to Vietnamese syllables with marks, words that carry VIQR-like marks), over the
    first EVIDENCE_WORDS marked words."""
    good = marked = 0
    for match in _VIQR_WORD.finditer(text):
        word = match.group().rstrip(".")
        if not _MARKED.search(word):
            continue
        marked += 1
        if spelling_score(decode_viqr(word)) > INVALID:
            good += 1
        if marked == EVIDENCE_WORDS:
            break
    return good, marked


def decode_viqr_text(text: str) -> str:
    """The text decoded from VIQR, or unchanged when it is not VIQR."""
    return decode_viqr(text) if viqr_confidence(text) else text


def viqr_confidence(text: str) -> float | None:
    """Share of marked words that decode to syllables when the text reads as VIQR, else None."""
    if not letters_are_ascii(text):
        return None
    good, marked = viqr_evidence(text)
    if good < MIN_EVIDENCE or good < 0.5 * marked:
        return None
    return good / marked
