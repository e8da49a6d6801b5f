"""Where syllables are in a text that may still hold legacy codes.

A token is a maximal run of characters that can belong to a Vietnamese syllable or to its legacy
spelling: letters, combining marks, and every character a legacy byte can turn into when it is read as
cp1252/Latin-1 (`®` `¸` `µ` `«` …, and the C0 codes VISCII and VPS use for letters). ASCII punctuation,
digits, `_` and whitespace separate tokens, so `Sè_NGUY£N` is two tokens and `--version` one.

    >>> [m.group() for m in TOKEN.finditer("B¸o c¸o: ®· ®îc, 2006-2010 Sè_NGUY£N")]
    ['B¸o', 'c¸o', '®·', '®îc', 'Sè', 'NGUY£N']
"""

from __future__ import annotations

import re

# Separators: ASCII whitespace/punctuation/digits/underscore, and Unicode spaces and punctuation that no
# legacy byte produces when read as cp1252 (so they can never be part of a legacy spelling).
_SEPARATORS = r"\t\n\v\f\r !-/0-9:-@\[-`{-~\u2000-\u200f\u2028-\u202f\u3000\u2010\u2015-\u2017\u201b\u201f"
TOKEN = re.compile(rf"[^{_SEPARATORS}]+")

# Characters that are punctuation in Unicode text but codes in a legacy reading; at the edge of a token
# read as Unicode they are punctuation, not part of the word.
# (`« ® © ·` are not here: they are TCVN3 letters far more often than Unicode punctuation.)
EDGE_PUNCTUATION = "“”‘’„‚…–—•\xa0"


def word_core(token: str) -> str:
    """The token without Unicode punctuation at its edges: `“Tiếng”` -> `Tiếng`."""
    return token.strip(EDGE_PUNCTUATION)
