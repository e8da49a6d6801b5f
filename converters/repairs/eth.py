"""Put back the `Đ` and `đ` that came out as the Icelandic letters `Ð` and `ð`.

How the damage happens: CP1258 and VISCII write `Đ` as byte 0xD0 and `đ` as 0xF0, where Latin-1 and
cp1252 have `Ð` and `ð`. A converter that took such text for Latin-1 (or a web page whose font drew the
Latin-1 letter) left Unicode that is right but for those two, and they look alike: `Ðà Nẵng`, `ðã ðến`,
`QÐ-UBND`. (Legacy words still read as cp1252 are decoded by the mojibake repair, before this one.)

In a text that has a letter only Vietnamese writes, a word's `Ð`/`ð` becomes `Đ`/`đ` when each run of
letters with it is then a syllable or an abbreviation in ASCII capitals (`QĐ`, `HĐND`, `DAĐT`, `Đ/V`);
Icelandic and Faroese words stay (`Guðrún`, `GUÐRÚN`).

    >>> restore_dj_for_eth("Ðà Nẵng, ngày 5; ðã ðến. Số 16/QÐ-UBND (Guðrún Ðórsdóttir)")
    'Đà Nẵng, ngày 5; đã đến. Số 16/QĐ-UBND (Guðrún Ðórsdóttir)'
    >>> restore_dj_for_eth("Reykjavík: Ðað er gott, ðú veist.")
    'Reykjavík: Ðað er gott, ðú veist.'
"""

from __future__ import annotations

import re

from converters.charsets import VIETNAMESE_ONLY
from converters.language.syllable import is_syllable

_AS_DJ = str.maketrans("Ðð", "Đđ")
# A word with an eth, up to the spaces around it (`16/QÐ-UBND` is one).
_WORD = re.compile(r"[^\s]*[Ðð][^\s]*")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _abbreviation(run: str) -> bool:
    """True for a run of ASCII capitals and `Đ` (`QĐ`, `HĐND`, `DAĐT`, the `Đ` of `Đ/V`)."""
    return run.isupper() and all(ch.isascii() or ch == "Đ" for ch in run)


def _restored(match: re.Match[str]) -> str:
    word = match.group()
    candidate = word.translate(_AS_DJ)
    runs = _LETTER_RUN.findall(candidate)
    dj_runs = [run for run in runs if "Đ" in run or "đ" in run]
    if all(is_syllable(run) or _abbreviation(run) for run in dj_runs):
        return candidate
    return word


def restore_dj_for_eth(text: str) -> str:
    """`Ðà Nẵng` -> `Đà Nẵng`, `QÐ` -> `QĐ` in a Vietnamese text (see the module docstring)."""
    if ("Ð" not in text and "ð" not in text) or not VIETNAMESE_ONLY.search(text):
        return text
    return _WORD.sub(_restored, text)
