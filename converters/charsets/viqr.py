"""VIQR (RFC 1456, "Vietnamese Quoted-Readable"): ASCII with marks typed after the vowel.

`^` circumflex, `(` breve, `+` horn, then one tone: `'` acute, `` ` `` grave, `?` hook, `~` tilde,
`.` dot below; `dd`/`DD` is đ/Đ. A backslash makes the next mark literal (`gnu\\.org`), which is
how a full stop after a vowel is written.

>>> decode_viqr("Vie^.t Nam ddo^.c la^.p")
'Việt Nam độc lập'
>>> decode_viqr("xem www.gnu\\\\.org, ha`ng ngu+o+`i\\\\?")
'xem www.gnu.org, hàng người?'
>>> encode_viqr("Đi học, đi.")
'DDi ho.c, ddi\\\\.'
"""

from __future__ import annotations

import re
import unicodedata

from converters.charsets.by_word import by_word
from converters.charsets.letters import tone_last

_QUALITY = {"^": "\u0302", "(": "\u0306", "+": "\u031b"}
_TONE = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_MARK_OF = {v: k for k, v in (_QUALITY | _TONE).items()}
_JOINERS = "".join(_QUALITY) + "".join(_TONE)
_ESCAPABLE = "\\" + _JOINERS + "dD"

_VOWELS = frozenset("aeiouyAEIOUY")
_QUALITY_OF = {"a": "^(", "e": "^", "o": "^+", "u": "+"}


def _tokens() -> dict[str, str]:
    """Every VIQR spelling that changes something -> what it stands for (looked up, not recomputed)."""
    table = {"\\" + c: c for c in _ESCAPABLE}
    table |= {"dd": "đ", "dD": "đ", "DD": "Đ", "Dd": "Đ"}
    for vowel in _VOWELS:
        for quality in ["", *_QUALITY_OF.get(vowel.lower(), "")]:
            for tone in ["", *_TONE]:
                if quality or tone:
                    marks = (_QUALITY[quality] if quality else "") + (_TONE[tone] if tone else "")
                    table[vowel + quality + tone] = unicodedata.normalize("NFC", vowel + marks)
    return table


_TABLE = _tokens()
# Only spellings that change something match: a plain vowel costs the scan nothing.
_TOKEN = re.compile(r"\\[\\^(+'`?~.dD]|[dD][dD]|(?:[aA][\^(]|[eE]\^|[oO][\^+]|[uU]\+)['`?~.]?"
                    r"|[aeiouyAEIOUY]['`?~.]")


def decode_viqr(text: str) -> str:
    """VIQR text -> NFC Unicode.

    No spelling spans a space, and composing to NFC never crosses one, so each distinct
    space-separated word is decoded once (a text repeats its words), a block at a time.
    """
    return by_word(text, _decode_word)


def _decode_word(word: str) -> str:
    return unicodedata.normalize("NFC", _TOKEN.sub(_spelled, word))


def _spelled(match: re.Match[str]) -> str:
    return _TABLE[match[0]]


def encode_viqr(text: str) -> str:
    """Unicode -> VIQR, escaping every mark character or `d` that the decoder would otherwise join."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    after_vowel = False  # a mark character here would join the vowel just written
    for i, ch in enumerate(text):
        if ch in "đĐ":
            piece, vowel = ("dd" if ch == "đ" else "DD"), False
        else:
            spelled = tone_last(ch)  # VIQR writes the letter's own mark, then the tone
            base, marks = spelled[0], spelled[1:]
            vowel = base in _VOWELS and all(m in _MARK_OF for m in marks)
            piece = base + "".join(_MARK_OF[m] for m in marks) if vowel else ch
        # a literal d before d or đ would pair with it; a mark after a vowel would join it
        pairs = ch in "dD" and text[i + 1:i + 2] in ("d", "D", "đ", "Đ")  # "" at the end
        if pairs or ch == "\\" or (after_vowel and ch in _JOINERS):
            piece = "\\" + piece
        out.append(piece)
        after_vowel = vowel
    return "".join(out)
