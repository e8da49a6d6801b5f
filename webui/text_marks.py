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
from collections.abc import Collection, Sequence
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


def _covering(spans: Sequence[tuple[int, int, int]], at: int, start: int, end: int) -> tuple[int, int | None]:
    """Advance `at` past the spans ending before `start`; return it and the id of a span covering the cut."""
    while at < len(spans) and spans[at][1] <= start:
        at += 1
    if at < len(spans) and spans[at][0] <= start and end <= spans[at][1]:
        return at, spans[at][2]
    return at, None


def mark_text(text: str, repairs: Sequence[dict], hits: Sequence[tuple[int, int]],
              only: Collection[int] | None = None) -> Markup:
    """`text` escaped, query hits in `<mark class="hit">`, repairs in `<span class="repair">` carrying
    their reason; repair *i* gets `id="repair-i"` on its first piece so the repairs table can link to it.
    `only` limits the marked repairs to those indexes (a long document may have thousands).

    One pass over the cut points (repairs and hits are non-overlapping runs, sorted here), so a document
    with thousands of repairs renders in linear time."""
    n = len(text)
    fixes = [(max(0, min(r["start"], n)), max(0, min(r["end"], n)), i) for i, r in enumerate(repairs)
             if only is None or i in only]
    fixes = sorted(f for f in fixes if f[0] < f[1])
    found = sorted((s, e, 0) for s, e in hits)
    cuts = sorted({0, n, *(f[0] for f in fixes), *(f[1] for f in fixes), *(h[0] for h in found),
                   *(h[1] for h in found)})
    at_fix = at_hit = 0
    seen: set[int] = set()
    out: list[str] = []
    for start, end in pairwise(cuts):
        piece = str(escape(text[start:end]))
        at_hit, hit = _covering(found, at_hit, start, end)
        if hit is not None:
            piece = f'<mark class="hit">{piece}</mark>'
        at_fix, index = _covering(fixes, at_fix, start, end)
        if index is not None:
            repair = repairs[index]
            title = f'{repair["before"]} → {repair["after"]}: {repair["reason"]}'
            anchor = "" if index in seen else f' id="repair-{index}"'
            seen.add(index)
            piece = f'<span class="repair"{anchor} title="{escape(title)}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))
