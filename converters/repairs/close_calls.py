"""Close calls in mixed text: a word valid both as typed Unicode and as a legacy code, decided in context.

`dùng` is a Unicode word and also TCVN3 for `dựng`; `lê` is also `lờ`. Their frequencies alone are too
close to decide, so the running text does, with two document-level models:

- the syllable language model (`converters.language.context.SyllableModel`): how likely each reading is
  between its neighbours, with the document's own words as a cache (a document that writes `dòng`
  elsewhere means `dòng`, not `dũng`; a close call counts for both readings by their per-word odds);
- the neighbours' source: how much a decoded (or a typed) neighbour says about a word is learnt from
  the document's sure words. Where legacy words come in runs (a `.VnTime` cell, a paragraph) a decoded
  neighbour is strong evidence; where they are mixed word by word it is none;
- the document's phrases (`DocumentPhrases`): how often each reading, where the document writes it
  surely, ends a phrase (`trong đó.`; `đã` never does) and which word comes before it (`trong đó`).

A word that is a syllable neither way (`TMôC`) keeps the per-word decision unless the document writes
exactly one of its readings elsewhere as a sure word.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable

from converters.language.context import SyllableModel
from converters.language.lexicon import known_pair
from converters.language.tokens import word_core

# At most this many adjacent chunk pairs are read to learn the neighbours' sources, and this many chunks
# to learn the document's phrases (spread over the text).
SOURCE_SAMPLE = 4_000
PHRASE_SAMPLE = 20_000
_SLICES = 8

# Pseudo-counts of a neighbour of the same and of the other source: legacy words come in runs (a
# `.VnTime` cell, a paragraph), so a document with few sure neighbours still counts them.
SAME_SOURCE, OTHER_SOURCE = 2, 1

LEGACY, TYPED = "legacy", "typed"

# What ends a phrase after a word; a word's chance of ending one where the document says nothing, and
# the weight of that guess in occurrences.
PHRASE_ENDS = frozenset(".,;:!?)\n")
PHRASE_END, PHRASE_END_WEIGHT = 0.1, 2.0
# Pseudo-count of a word pair the document does not write surely.
UNSEEN_PAIR = 0.5


class DocumentPhrases:
    """The document's sure occurrences of some words: how often each ends a phrase, and the word before.

    >>> phrases = DocumentPhrases()
    >>> for before, word, ends in [("trong", "đó", True), ("trong", "đó", False), ("đã", "đã", False)]:
    ...     phrases.add(word, before, ends)
    >>> phrases.score("đó", "trong", True) > phrases.score("đã", "trong", True)
    True
    """

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()
        self._ends: Counter[str] = Counter()
        self._pairs: Counter[tuple[str, str]] = Counter()
        self._before: dict[str, set[str]] = {}

    def add(self, word: str, before: str | None, ends: bool, n: int = 1) -> None:
        """Count `n` sure occurrences of `word` (lower case) after `before`, ending a phrase or not."""
        self._seen[word] += n
        self._ends[word] += ends * n
        if before:
            self.add_pair(before, word, n)

    def add_pair(self, before: str, word: str, n: int = 1) -> None:
        """Count `n` sure occurrences of `word` (lower case) after `before`."""
        self._pairs[before.lower(), word] += n
        self._before.setdefault(word, set()).add(before.lower())

    def partners(self, words: Iterable[str]) -> frozenset[str]:
        """The words (lower case) that the document writes surely before one of `words` (lower case)."""
        return frozenset().union(*(self._before.get(word, ()) for word in words))

    def score(self, word: str, before: str | None, ends: bool) -> float:
        """log10 P(ending a phrase or not | word) + log10 of the sure `before word` count (smoothed)."""
        word = word.lower()
        end = (self._ends[word] + PHRASE_END * PHRASE_END_WEIGHT) / (self._seen[word] + PHRASE_END_WEIGHT)
        total = math.log10(end if ends else 1 - end)
        if before:
            total += math.log10(self._pairs[before.lower(), word] + UNSEEN_PAIR)
        return total


def token_source(token: str, decided: str | None) -> str | None:
    """`legacy` for a token that was decoded, `typed` for non-ASCII text kept as it is, None for ASCII
    and for a token whose decision (`decided`) is not known."""
    if decided is None or token.isascii():
        return None
    return LEGACY if decided != token else TYPED


class DocumentContext:
    """What one document says about its close calls: its words and how sources follow each other."""

    def __init__(self, words: Counter[str], source_pairs: Counter[tuple[str, str]],
                 phrases: DocumentPhrases | None = None) -> None:
        self.model = SyllableModel(words)
        self.phrases = phrases or DocumentPhrases()
        self._verdicts: dict[tuple, bool] = {}
        # log10 P(neighbour's source | this word's source), for each pair of sources, with a prior of
        # SAME_SOURCE and OTHER_SOURCE pseudo-counts: with little data, words come in runs.
        self._source_log: dict[tuple[str, str], float] = {}
        for mine in (LEGACY, TYPED):
            total = source_pairs[mine, LEGACY] + source_pairs[mine, TYPED] + SAME_SOURCE + OTHER_SOURCE
            for theirs in (LEGACY, TYPED):
                prior = SAME_SOURCE if theirs == mine else OTHER_SOURCE
                self._source_log[mine, theirs] = math.log10((source_pairs[mine, theirs] + prior) / total)

    def neighbours(self, mine: str, sources: Iterable[str | None]) -> float:
        """log10 likelihood of the neighbours' sources if this word's source is `mine`."""
        total = 0.0
        for theirs in sources:
            if theirs is not None:
                total += self._source_log[mine, theirs]
        return total

    def weigh(self, token: str, reading: str, prior: float, before: str | None, after: str | None,
              sources: Iterable[str | None], counted: float, ends: bool = False) -> bool:
        """True when `reading` (the legacy reading of `token`) is the likelier between its neighbours.

        `counted` is the share of this occurrence that the document's words gave to `reading` (the rest
        went to `token`): the cache leaves it out, so a word does not vouch for itself. `ends`: a
        phrase ends after the word.

        A neighbour that forms a known pair with neither reading scales both scores alike, so the
        verdict is remembered without it: a document repeats its close calls between unrelated words."""
        sources = tuple(sources)
        core, read = word_core(token), word_core(reading)
        paired = before and (known_pair(before, core) or known_pair(before, read)
                             or before.lower() in self.phrases.partners((core.lower(), read.lower())))
        key = (token, reading, prior, counted, sources, ends, before if paired else None,
               after if after and (known_pair(core, after) or known_pair(read, after)) else None)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._weigh(token, reading, prior, before, after, sources, counted, ends)
            self._verdicts[key] = verdict
        return verdict

    def _weigh(self, token: str, reading: str, prior: float, before: str | None, after: str | None,
               sources: tuple[str | None, ...], counted: float, ends: bool) -> bool:
        core, read = word_core(token), word_core(reading)
        as_is = self.model.score(core, before, after, 1 - counted) + math.log10(1 - prior)
        legacy = self.model.score(read, before, after, counted) + math.log10(prior)
        as_is += self.phrases.score(core, before, ends)
        legacy += self.phrases.score(read, before, ends)
        as_is += self.neighbours(TYPED, sources)
        legacy += self.neighbours(LEGACY, sources)
        return legacy > as_is


def legacy_share(as_is: float, legacy: float) -> float:
    """The share of a close call's occurrence that the document's words count for its legacy reading,
    from the two readings' per-word log10 scores."""
    return 1 / (1 + 10 ** (as_is - legacy))


def written_elsewhere(words: Counter[str], token: str, reading: str) -> str | None:
    """The one of `token` / `reading` that the document writes more often elsewhere, or None."""
    mine = words.get(word_core(token).lower(), 0)
    theirs = words.get(word_core(reading).lower(), 0)
    if mine == theirs:
        return None
    return reading if theirs > mine else token


def source_pairs(pieces: list[str], edges: Callable[[str], tuple[str | None, str | None]]) -> Counter:
    """(source, neighbour's source) counts over adjacent chunks, both ways; `edges` gives a chunk's first
    and last token source. A long text is read in evenly spaced slices."""
    windows = [pieces[part] for part in spread_slices(len(pieces), SOURCE_SAMPLE)]
    pairs: Counter = Counter()
    for window in windows:
        pairs.update(itertools.pairwise(window))
    ends = {chunk: edges(chunk) for chunk in {chunk for pair in pairs for chunk in pair}}
    out: Counter = Counter()
    for (left, right), n in pairs.items():
        a, b = ends[left][1], ends[right][0]
        if a is not None and b is not None:
            out[a, b] += n
            out[b, a] += n
    return out


def spread_slices(n: int, sample: int) -> list[slice]:
    """Slices of a sequence of `n` items that read at most about `sample` of them, evenly spread.

    >>> spread_slices(10, 20), spread_slices(100, 16)[:2]
    ([slice(0, 10, None)], [slice(0, 2, None), slice(12, 14, None)])
    """
    if n <= sample:
        return [slice(0, n)]
    step, width = n // _SLICES, sample // _SLICES
    return [slice(k * step, k * step + width) for k in range(_SLICES)]
