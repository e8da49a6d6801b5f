"""Decode HTML character references that stand for Vietnamese letters.

How the damage happens: a web page or an export "escapes" every non-ASCII letter (`Vi&#7879;t`; older
editors wrote Latin-1's letters by name, `t&agrave;i`), and the references survive into the text. Only
references to Vietnamese letters and their combining marks are decoded; `&amp;`, `&#8217;` and every
other reference are left alone because they may be the text (an HTML listing, source code) rather than
damage. Named references (`&agrave;`, `&ecirc;`) are decoded only in a text that is Vietnamese, one with
a letter no other Latin script has (`ạ ế đ`): in French or German they are the page's own markup.

    >>> decode_html_entities("Vi&#7879;t Nam &#273;&#7897;c l&#x1EAD;p &amp; &#8217;")
    'Việt Nam độc lập &amp; &#8217;'
    >>> decode_html_entities("&#272;&#7873; t&agrave;i c&#7845;p nh&agrave; n&#432;&#7899;c &amp;")
    'Đề tài cấp nhà nước &amp;'
    >>> decode_html_entities("Caf&eacute; &amp; cr&egrave;me")
    'Caf&eacute; &amp; cr&egrave;me'
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

from converters.charsets import LETTERS, VIETNAMESE_ONLY

_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
# The combining tone and quality marks of CP1258-style and NFD text.
_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_DECODABLE = frozenset(LETTERS) | _MARKS
_NAMED = re.compile(r"&([A-Za-z]+);")
_NAMED_LETTERS = {
    name: chr(code) for name, code in name2codepoint.items() if chr(code) in _DECODABLE and code >= 0x80
}


def _letter(match: re.Match[str]) -> str:
    code = int(match[1], 16) if match[1] else int(match[2])
    ch = chr(code) if code < 0x110000 else ""
    return ch if ch in _DECODABLE and code >= 0x80 else match.group()


def _named_letter(match: re.Match[str]) -> str:
    return _NAMED_LETTERS.get(match[1], match.group())


def decode_html_entities(text: str) -> str:
    """`&#7879;` -> `ệ` for Vietnamese letters, `&agrave;` -> `à` in Vietnamese text; other references
    unchanged."""
    if "&" not in text:
        return text
    if _REFERENCE.search(text):
        text = _REFERENCE.sub(_letter, text)
    # (the names first: looking for a Vietnamese letter reads the whole of a text that has none)
    if any(m[1] in _NAMED_LETTERS for m in _NAMED.finditer(text)) and VIETNAMESE_ONLY.search(text):
        text = _NAMED.sub(_named_letter, text)
    return text
