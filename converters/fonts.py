"""Which charset a font name implies: legacy Vietnamese fonts were 8-bit fonts with their own code pages.

A `.VnTime` run stores TCVN3 bytes, a `VNI-Times` run VNI bytes, a `Times New Roman` run Unicode. The
`.Vn…H` faces (`.VnTimeH`, `.VnArialH`) draw capitals at the lower-case code points, so `quyÕt ®Þnh` set in
`.VnTimeH` reads `QUYẾT ĐỊNH` on paper. Names arrive in many spellings: PDF subsets (`AARIQC+.VnTime,Bold`),
PostScript names (`VnTimeHBold`), Word style names (`.VnArial NarrowH`).

>>> charset_for_font("AARIQC+.VnTimeH,Bold")
FontCharset(charset='tcvn3', upper=True)
>>> charset_for_font("VNI-Times").charset
'vni'
>>> charset_for_font("Times New Roman").charset
'unicode'
>>> charset_for_font("Wingdings").charset
'symbol'
>>> charset_for_font("Bodoni") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class FontCharset:
    """The code page a font's text is stored in; `upper` when the face draws every letter as a capital."""

    charset: str  # tcvn3 | vni | vps | viscii | unicode | symbol
    upper: bool = False


# PDF subset tag ("AARIQC+") and style suffixes ("…,Bold", "…-BoldItalic", "…PSMT") carry no charset.
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE_WORDS = "Bold|Italic|Oblique|Regular|Normal|Semibold|Light|Black|Heavy|Medium|Narrow|PSMT|PS|MT"
_STYLE = re.compile(
    rf"(?:[ ,\-]?(?:{_STYLE_WORDS}))+$",
    re.IGNORECASE,
)

# Dingbat and math fonts: their code points are pictures, not letters.
_SYMBOL = re.compile(
    r"^(symbol|wingdings.*|webdings|marlett|zapf ?dingbats|dingbats|mt extra|ms outlook|monotype sorts|"
    r"bookshelf symbol.*|ms reference specialty|opensymbol|starsymbol)$",
    re.IGNORECASE,
)

# Faces that ship the Vietnamese letters at their Unicode code points (Windows 2000 and later, Office),
# compared without spaces so PostScript spellings ("TimesNewRomanPSMT") match too.
_UNICODE_FACES = frozenset(
    [
        "timesnewroman",
        "times",
        "arial",
        "arialunicodems",
        "arialnarrow",
        "tahoma",
        "verdana",
        "calibri",
        "cambria",
        "cambriamath",
        "candara",
        "constantia",
        "corbel",
        "consolas",
        "couriernew",
        "courier",
        "segoeui",
        "georgia",
        "garamond",
        "palatinolinotype",
        "bookantiqua",
        "bookmanoldstyle",
        "century",
        "centurygothic",
        "trebuchetms",
        "microsoftsansserif",
        "mssansserif",
        "msserif",
        "lucidasansunicode",
        "lucidaconsole",
        "helvetica",
        "opensans",
        "roboto",
        "sylfaen",
        "impact",
        "comicsansms",
        "msmincho",
        "msgothic",
        "simsun",
        "mingliu",
        "batang",
        "gulim",
        "timesnewromancyr",
        "arialcyr",
    ]
)
_UNICODE_FAMILIES = re.compile(r"^(dejavu|liberation|noto|franklingothic|vnunicode|vniunicode|uvn)")

_VNI = re.compile(r"^vni[-_ ]", re.IGNORECASE)
_VPS = re.compile(r"^vps[-_ ]", re.IGNORECASE)
_VISCII = re.compile(r"^(viscii|v[- ]?times|v[- ]?arial|vn[- ]?times new roman viscii)", re.IGNORECASE)
# TCVN3 (ABC) faces: ".VnTime", ".VnArial NarrowH", and the dot-less PostScript spellings "VnTimeH".
_TCVN3 = re.compile(r"^(?:\.[Vv][Nn]|Vn(?=[A-Z]))")


def normalize_font_name(name: str) -> str:
    """The face name without PDF subset tag or style suffix: `AARIQC+.VnTime,Bold` → `.VnTime`."""
    # "VnTimeH(Ds)": a parenthesised foundry or variant tag after the face name.
    base = re.sub(r"\s*\([^)]*\)\s*$", "", _SUBSET.sub("", name.strip().strip('"'))) or name.strip()
    stripped = _STYLE.sub("", base).strip(" ,-")
    return stripped or base


@lru_cache(maxsize=512)
def charset_for_font(name: str | None) -> FontCharset | None:
    """The charset a font name implies, or None when the name says nothing (content detection decides)."""
    if not name:
        return None
    face = normalize_font_name(name)
    if _SYMBOL.match(face):
        return FontCharset("symbol")
    if _VNI.match(face):
        return FontCharset("vni")
    if _VPS.match(face):
        return FontCharset("vps")
    if _VISCII.match(face) and not face.startswith("."):
        return FontCharset("viscii")
    if _TCVN3.match(face):
        return FontCharset("tcvn3", upper=_is_upper_face(face))
    compact = re.sub(r"[\s_\-]", "", face).lower()
    if compact in _UNICODE_FACES or _UNICODE_FAMILIES.match(compact):
        return FontCharset("unicode")
    return None


def _is_upper_face(face: str) -> bool:
    """`.VnTimeH`, `.VnArial NarrowH`, `VnTimeH` end in a capital H after the style is removed."""
    core = face.rstrip()
    return len(core) > 3 and core.endswith("H")
