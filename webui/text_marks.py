"""Mark up a document's converted text: the reader's query words and the converter's repairs.

The text is untrusted: every piece is escaped, and only our own `<mark>` / `<span>` tags are added.

>>> str(mark_text("Báo cáo <b>", [], [(0, 3)]))
'<mark class="hit">Báo</mark> cáo &lt;b&gt;'
>>> query_spans("Tờ trình về đô thị; DO THI mới", [("do", "thi")])
[(12, 18), (20, 26)]
>>> query_spans("Tờ trình về đô thị; DO THI mới", [("đô",)])
[(12, 14)]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

from markupsafe import Markup, escape

# One folded character per character, so positions in the folded text are positions in the text.
_FOLD = {"đ": "d", "Đ": "d"}


def _fold_char(c: str) -> str:
    base = _FOLD.get(c) or unicodedata.normalize("NFD", c)[:1] or c
    return base.lower()[:1] or c


def fold(text: str) -> str:
    """Lower-case, no diacritics, đ → d; same length as `text`."""
    return "".join(_fold_char(c) for c in text)


def _has_diacritics(word: str) -> bool:
    return fold(word) != word.lower()


def query_spans(text: str, words: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where the query's words and phrases occur as whole words: exact if the reader typed accents,
    accent-insensitive if not (as the search itself matches)."""
    text = unicodedata.normalize("NFC", text)
    folded, lowered = None, text.lower()
    spans: set[tuple[int, int]] = set()
    for phrase in words:
        phrase = tuple(unicodedata.normalize("NFC", w).lower() for w in phrase if w)
        if not phrase:
            continue
        exact = any(_has_diacritics(w) for w in phrase)
        if not exact and folded is None:
            folded = fold(text)
        haystack = lowered if exact else folded
        needle = r"\W+".join(re.escape(w if exact else fold(w)) for w in phrase)
        spans.update(m.span() for m in re.finditer(rf"(?<!\w){needle}(?!\w)", haystack or ""))
    return sorted(spans)


def mark_text(text: str, repairs: Sequence[dict], hits: Sequence[tuple[int, int]]) -> Markup:
    """`text` escaped, query hits in `<mark class="hit">`, repairs in `<span class="repair">` carrying
    their reason; repair *i* gets `id="repair-i"` on its first piece so the repairs table can link to it."""
    n = len(text)
    spans = [(max(0, min(r["start"], n)), max(0, min(r["end"], n))) for r in repairs]
    cuts = {0, n}
    for start, end in [*spans, *hits]:
        cuts.update((start, end))
    bounds = sorted(cuts)
    seen: set[int] = set()
    out: list[str] = []
    for start, end in pairwise(bounds):
        piece = str(escape(text[start:end]))
        if any(s <= start and end <= e for s, e in hits):
            piece = f'<mark class="hit">{piece}</mark>'
        index = next((i for i, (s, e) in enumerate(spans) if s <= start and end <= e and s < e), None)
        if index is not None:
            repair = repairs[index]
            title = f'{repair["before"]} → {repair["after"]}: {repair["reason"]}'
            anchor = "" if index in seen else f' id="repair-{index}"'
            seen.add(index)
            piece = f'<span class="repair"{anchor} title="{escape(title)}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))
