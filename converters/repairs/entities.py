"""Decode HTML numeric character references that stand for Vietnamese letters.

How the damage happens: a web page or an export "escapes" every non-ASCII letter (`Vi&#7879;t`), and
the references survive into the text. Only references to Vietnamese letters and their combining marks
are decoded; `&amp;`, `&#8217;` and every other reference are left alone because they may be the text
(an HTML listing, source code) rather than damage.

    >>> decode_html_entities("Vi&#7879;t Nam &#273;&#7897;c l&#x1EAD;p &amp; &#8217;")
    'Việt Nam độc lập &amp; &#8217;'
"""

from __future__ import annotations

import re

from converters.charsets import LETTERS

_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
# The combining tone and quality marks of CP1258-style and NFD text.
_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_DECODABLE = frozenset(LETTERS) | _MARKS


def _letter(match: re.Match[str]) -> str:
    code = int(match[1], 16) if match[1] else int(match[2])
    ch = chr(code) if code < 0x110000 else ""
    return ch if ch in _DECODABLE and code >= 0x80 else match.group()


def decode_html_entities(text: str) -> str:
    """`&#7879;` -> `ệ` for Vietnamese letters; other references unchanged."""
    if "&#" not in text:
        return text
    return _REFERENCE.sub(_letter, text)
