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

from converters.charsets.letters import tone_last

_QUALITY = {"^": "\u0302", "(": "\u0306", "+": "\u031b"}
_TONE = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_MARK_OF = {v: k for k, v in (_QUALITY | _TONE).items()}
_ESCAPABLE = "\\" + "".join(_QUALITY) + "".join(_TONE) + "dD"

_TOKEN = re.compile(
    r"\\(?P<esc>[\\^(+'`?~.dD])"
    r"|(?P<dd>[dD][dD])"
    r"|(?P<vowel>[aA][\^(]?|[eE]\^?|[oO][\^+]?|[uU]\+?|[iIyY])(?P<tone>['`?~.])?"
)
_VOWELS = frozenset("aeiouyAEIOUY")


def _letter(match: re.Match[str]) -> str:
    if match["esc"]:
        return match["esc"]
    if match["dd"]:
        return "Đ" if match["dd"][0] == "D" else "đ"
    vowel, tone = match["vowel"], match["tone"]
    marks = "".join(_QUALITY[c] for c in vowel[1:]) + (_TONE[tone] if tone else "")
    return unicodedata.normalize("NFC", vowel[0] + marks)


def decode_viqr(text: str) -> str:
    """VIQR text -> NFC Unicode."""
    return unicodedata.normalize("NFC", _TOKEN.sub(_letter, text))


def encode_viqr(text: str) -> str:
    """Unicode -> VIQR, escaping every mark character or `d` that the decoder would otherwise join."""
    out: list[str] = []
    joinable = ""  # characters that would combine with the previous output: marks after a vowel, d after d
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            piece, base = ("dd" if ch == "đ" else "DD"), ""
        else:
            spelled = tone_last(ch)  # VIQR writes the letter's own mark, then the tone
            base, marks = spelled[0], spelled[1:]
            if base in _VOWELS and all(m in _MARK_OF for m in marks):
                piece = base + "".join(_MARK_OF[m] for m in marks)
            else:
                piece, base = ch, ""
        if piece[0] in joinable or piece[0] == "\\":
            piece = "\\" + piece
        out.append(piece)
        joinable = _ESCAPABLE[1:-2] if base else ("dD" if piece[-1] in "dD" else "")
    return "".join(out)
