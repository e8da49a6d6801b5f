""""Did you mean": restore the accents of an unaccented or misspelled query from the index's own words.

For each folded syllable we enumerate its possible accented spellings (`do` → `đô`, `độ`, `dở`, …, at most
a few hundred), keep the ones the index actually contains, and pick the best sequence by how often the
words and their adjacent pairs (the `bigrams` field) occur: `do thi` → `đô thị`, `bao cao` → `báo cáo`.
A syllable the index has never seen is first corrected by edit distance on the folded vocabulary: for
syllable-sized words by `SyllableCorrector`, a deletion index of the vocabulary built once per index
generation (Whoosh's own corrector walks the whole term list: half a second at 100,000 documents).
"""

from __future__ import annotations

import copy
import heapq
import math
import unicodedata
from collections.abc import Callable
from functools import cached_property, lru_cache
from itertools import product

from whoosh.support.levenshtein import distance

from index import query as ast
from index.analysis import BIGRAM_JOINER, exact_form, folded_form, normalize_tones, tone_position

_SHAPES = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "d": "dđ"}
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
PER_WORD = 5  # candidates kept per syllable for the sequence search
BIGRAM_WEIGHT = 2.0


@lru_cache(maxsize=20_000)
def accent_candidates(folded: str) -> tuple[str, ...]:
    """Every accented spelling of a folded syllable, tone in canonical place.

    >>> "đô" in accent_candidates("do") and "thị" in accent_candidates("thi")
    True
    >>> "nguyễn" in accent_candidates("nguyen"), accent_candidates("2003")
    (True, ('2003',))
    """
    if not folded.isalpha() or len(folded) > 8:
        return (folded,)
    out = []
    for letters in product(*(_SHAPES.get(c, c) for c in folded)):
        shape = "".join(letters)
        pos = tone_position(shape)
        if pos is None:
            out.append(shape)
            continue
        for tone in _TONES:
            word = shape[: pos + 1] + tone + shape[pos + 1 :]
            out.append(normalize_tones(unicodedata.normalize("NFC", word)))
    return tuple(dict.fromkeys(out))


MAX_SYLLABLE = 8  # letters of the longest folded Vietnamese syllable (nghiêng → nghieng is 7)


def _deletions(word: str, depth: int = 2) -> set[str]:
    """`word` with up to `depth` letters left out (itself included)."""
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


class SyllableCorrector:
    """The folded syllables of an index within an edit distance of a word, most frequent first, as
    Whoosh's corrector ranks them (a symmetric-deletion index: a word and a syllable within distance 2
    share a form with up to two letters left out of each; distance is Whoosh's Damerau-Levenshtein, as its
    corrector uses, and `maxdist` at most 2). Longer words go to `fallback`, Whoosh's own corrector of
    the searcher in use (`with_fallback`), or find nothing.

    >>> c = SyllableCorrector({"thi": 9, "thu": 4, "xa": 50, "xy": 1})
    >>> c.suggest("thj", limit=2, maxdist=2), c.suggest("xyz", limit=1, maxdist=2)
    (['thi', 'thu'], ['xa'])
    >>> c.suggest("zzzzzz", limit=1, maxdist=2)
    []
    """

    def __init__(self, frequencies: dict[str, int], fallback=None) -> None:
        self.frequencies = frequencies
        self.fallback = fallback
        self.by_deletion: dict[str, list[str]] = {}
        for word in frequencies:
            for form in _deletions(word):
                self.by_deletion.setdefault(form, []).append(word)

    @classmethod
    def of(cls, searcher, field: str) -> SyllableCorrector:
        """The corrector for `field`'s syllable-sized alphabetic terms in this searcher's index."""
        reader = searcher.reader()
        frequencies = {term: reader.frequency(field, term) for term in reader.field_terms(field)
                       if len(term) <= MAX_SYLLABLE and term.isalpha()}
        return cls(frequencies)

    def with_fallback(self, fallback) -> SyllableCorrector:
        """The same tables (not copied), longer words sent to `fallback`."""
        view = copy.copy(self)
        view.fallback = fallback
        return view

    def suggest(self, text: str, limit: int = 1, maxdist: int = 2) -> list[str]:
        if len(text) > MAX_SYLLABLE or not text.isalpha():
            return self.fallback.suggest(text, limit=limit, maxdist=maxdist) if self.fallback else []
        found = {word for form in _deletions(text, maxdist) for word in self.by_deletion.get(form, ())}
        near = ((self.frequencies[w], w) for w in found
                if w != text and distance(text, w, maxdist) <= maxdist)
        # Whoosh keeps the `limit` largest (frequency, word) pairs, then lists them by frequency and word.
        best = heapq.nlargest(limit, near)
        return [w for _f, w in sorted(best, key=lambda fw: (-fw[0], fw[1]))]


class DocCounts:
    """Document counts of terms in one index generation, remembered as they are looked up: queries repeat
    words, and the accent candidates of a word are a few hundred lookups in every segment of the index."""

    LIMIT = 200_000  # remembered counts; past that they are forgotten and looked up again

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], int] = {}

    def get(self, reader, field: str, text: str) -> int:
        count = self._counts.get((field, text))
        if count is None:
            count = reader.doc_frequency(field, text)
            if len(self._counts) >= self.LIMIT:
                self._counts.clear()
            self._counts[field, text] = count
        return count


class Suggester:
    """Accent restoration over one searcher's vocabulary. `counts` remembers document counts for the
    index generation; `corrector` gives the spelling corrector when a word is not in the index (None, or
    no `corrector`: Whoosh's own)."""

    def __init__(self, searcher, counts: DocCounts | None = None,
                 corrector: Callable[[], SyllableCorrector | None] | None = None) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.counts = counts
        self._corrector = corrector

    @cached_property
    def corrector(self):
        """Asked for only when a word needs correcting (the syllable corrector may still be building)."""
        return (self._corrector and self._corrector()) or self.searcher.corrector("body_f")

    def _df(self, field: str, text: str) -> int:
        if self.counts is not None:
            return self.counts.get(self.reader, field, text)
        return self.reader.doc_frequency(field, text)

    def _pair_df(self, first: str, second: str) -> int:
        return self._df("bigrams", first + BIGRAM_JOINER + second)

    def _candidates(self, word: str) -> list[tuple[str, int]]:
        folded = folded_form(word)
        if not self._df("body_f", folded) and not self._df("title_f", folded):
            corrected = self.corrector.suggest(folded, limit=1, maxdist=2)
            if not corrected:
                return []
            folded = corrected[0]
        scored = [(c, self._df("body", c) + self._df("title", c)) for c in accent_candidates(folded)]
        scored = sorted((sc for sc in scored if sc[1]), key=lambda sc: -sc[1])
        return scored[:PER_WORD]

    def restore(self, words: list[str]) -> list[str]:
        """The most likely accented sequence for `words` (unchanged words where nothing better exists)."""
        options = []
        for w in words:
            exact = exact_form(w)
            known_accented = exact != folded_form(w) and self._df("body", exact) + self._df("title", exact)
            keep = any(c.isdigit() for c in w) or known_accented
            cands = [] if keep else self._candidates(w)
            options.append(cands or [(exact_form(w), 1)])
        # Viterbi over the candidate lattice: unigram frequency plus adjacent-pair frequency.
        best = {c: (math.log1p(n), [c]) for c, n in options[0]}
        for column in options[1:]:
            nxt = {}
            for c, n in column:
                nxt[c] = max(
                    (score + math.log1p(n) + BIGRAM_WEIGHT * math.log1p(self._pair_df(p, c)),
                     [*path, c])
                    for p, (score, path) in best.items()
                )
            best = nxt
        return max(best.values())[1]

    def suggest(self, node: ast.Node) -> str | None:
        """The query with restored accents, or None when it would not change."""
        new = self._rewrite(node)
        old_text, new_text = ast.to_string(node), ast.to_string(new)
        return new_text if exact_form(new_text) != exact_form(old_text) else None

    def _rewrite(self, node: ast.Node) -> ast.Node:
        if isinstance(node, ast.Phrase):
            return ast.Phrase(tuple(self.restore(list(node.words))), node.field)
        if isinstance(node, ast.Term):
            return ast.Term(self.restore([node.text])[0], node.field)
        if isinstance(node, ast.Or):
            return ast.Or(tuple(self._rewrite(n) for n in node.nodes))
        if isinstance(node, ast.Not):
            return ast.Not(self._rewrite(node.node))
        if isinstance(node, ast.And):
            return ast.And(self._rewrite_run(list(node.nodes)))
        return node

    def _rewrite_run(self, nodes: list[ast.Node]) -> tuple[ast.Node, ...]:
        """Adjacent plain words are restored together, so `do thi` is judged as a pair."""
        out: list[ast.Node] = []
        run: list[ast.Term] = []
        for n in [*nodes, None]:
            if isinstance(n, ast.Term) and n.field is None:
                run.append(n)
                continue
            if run:
                out.extend(ast.Term(w) for w in self.restore([t.text for t in run]))
                run = []
            if n is not None:
                out.append(self._rewrite(n))
        return tuple(out)
