"""Words typed in capitals in a capitals face (`.VnTimeH`) are read in capitals throughout.

TCVN3 has no code for a capital toned vowel, so a heading in capitals was typed in a `.VnTimeH` face
with the ASCII letters in capitals and the toned vowels as small-letter codes (`MôC §ÝCH`); the face
draws all of them as capitals, and the word means `MỤC ĐÍCH`, not `MụC ĐíCH`. A word typed in small
letters (`quyÕt ®Þnh`) keeps the case it was typed in: that is the stored word, which search and
citations want. A word that cannot tell — no ASCII letter (`§Ó`), or only a capital initial (`Sè`,
title case or capitals) — follows the nearest word on its line that can.

>>> in_capitals("MụC ĐíCH Để Số. quyết định Số Lý")
'MỤC ĐÍCH ĐỂ SỐ. quyết định Số Lý'
>>> in_capitals("II. Dự kiến")
'II. Dự kiến'
>>> in_capitals("III. Số LIệU")
'III. SỐ LIỆU'
"""

from __future__ import annotations

import re

from converters.conversion import Conversion, Repair

_WORD = re.compile(r"\w+")
_ROMAN = frozenset("IVX")
REASON = "typed in capitals in a capitals face"


def _typed_in_capitals(word: str) -> bool | None:
    """True when two or more ASCII letters are all capitals, False when one is small, None when the
    word cannot tell: no ASCII letter, one capital (`Sè` may be `Số` as well as `SỐ`), or a Roman
    numeral (`II. Dù kiÕn` and `II. DÙ KIÕN` both number their heading with `II`)."""
    letters = [c for c in word if c.isascii() and c.isalpha()]
    if any(c.islower() for c in letters):
        return False
    return True if len(letters) >= 2 and not set(letters) <= _ROMAN else None


def _capital_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the words to put in capitals: those typed in capitals, and on the same line the words
    that cannot tell, when the nearest word that can (before them, else after) is in capitals."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        words = list(_WORD.finditer(line.group()))
        votes = [_typed_in_capitals(m.group()) for m in words]
        previous = next((v for v in votes if v is not None), False)
        for match, vote in zip(words, votes, strict=True):
            previous = previous if vote is None else vote
            if previous and match.group() != match.group().upper():
                spans.append((line.start() + match.start(), line.start() + match.end()))
    return spans


def in_capitals(text: str) -> str:
    """`text` with its words typed in capitals in capitals throughout (the function's rule, on a str)."""
    return _apply(text, _capital_spans(text))


def _apply(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, pos = [], 0
    for start, end in spans:
        # a letter whose capital is two letters (ß) stays small: spans and lengths must not move
        pieces += [text[pos:start], "".join(c.upper() if len(c.upper()) == 1 else c for c in text[start:end])]
        pos = end
    return "".join(pieces) + text[pos:]


def convert_capitals(conversion: Conversion) -> Conversion:
    """A capitals face's conversion with its words typed in capitals in capitals, each change recorded
    (merged into the record that already covers the word, if any)."""
    spans = _capital_spans(conversion.text)
    if not spans:
        return conversion
    text = _apply(conversion.text, spans)
    repairs, uncovered = [], list(spans)
    for r in conversion.repairs:
        inside = [s for s in uncovered if r.start <= s[0] and s[1] <= r.end]
        if not inside:
            repairs.append(r)
            continue
        uncovered = [s for s in uncovered if s not in inside]
        repairs.append(Repair(r.start, r.end, r.before, text[r.start:r.end], f"{r.reason}; {REASON}",
                              r.confidence))
    repairs += [Repair(start, end, conversion.text[start:end], text[start:end], REASON)
                for start, end in uncovered]
    repairs.sort(key=lambda r: r.start)
    return Conversion(text, conversion.encoding, conversion.confidence, tuple(repairs), conversion.warnings,
                      conversion.runner_up, conversion.steps)
