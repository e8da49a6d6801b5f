"""Close calls in mixed text: a word valid both as typed Unicode and as a legacy code, decided in context.

`dùng` is a Unicode word and also TCVN3 for `dựng`; `lê` is also `lờ`. Their frequencies alone are too
close to decide, so the running text does, with two document-level models:

- the syllable language model (`converters.language.context.SyllableModel`): how likely each reading is
  between its neighbours, with the document's own words as a cache (a document that writes `dòng`
  elsewhere means `dòng`, not `dũng`; a close call counts for both readings by their per-word odds);
- the neighbours' source: how much a decoded (or a typed) neighbour says about a word is learnt from
  the document's sure words. Where legacy words come in runs (a `.VnTime` cell, a paragraph) a decoded
  neighbour is strong evidence; where they are mixed word by word it is none.

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

# At most this many adjacent chunk pairs are read to learn the neighbours' sources (spread over the text).
SOURCE_SAMPLE = 4_000
_SLICES = 8

# Pseudo-counts of a neighbour of the same and of the other source: legacy words come in runs (a
# `.VnTime` cell, a paragraph), so a document with few sure neighbours still counts them.
SAME_SOURCE, OTHER_SOURCE = 2, 1

LEGACY, TYPED = "legacy", "typed"


def token_source(token: str, decided: str | None) -> str | None:
    """`legacy` for a token that was decoded, `typed` for non-ASCII text kept as it is, None for ASCII
    and for a token whose decision (`decided`) is not known."""
    if decided is None or token.isascii():
        return None
    return LEGACY if decided != token else TYPED


class DocumentContext:
    """What one document says about its close calls: its words and how sources follow each other."""

    def __init__(self, words: Counter[str], source_pairs: Counter[tuple[str, str]]) -> None:
        self.model = SyllableModel(words)
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
              sources: Iterable[str | None], counted: float) -> bool:
        """True when `reading` (the legacy reading of `token`) is the likelier between its neighbours.

        `counted` is the share of this occurrence that the document's words gave to `reading` (the rest
        went to `token`): the cache leaves it out, so a word does not vouch for itself.

        A neighbour that forms a known pair with neither reading scales both scores alike, so the
        verdict is remembered without it: a document repeats its close calls between unrelated words."""
        sources = tuple(sources)
        core, read = word_core(token), word_core(reading)
        key = (token, reading, prior, counted, sources,
               before if before and (known_pair(before, core) or known_pair(before, read)) else None,
               after if after and (known_pair(core, after) or known_pair(read, after)) else None)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._weigh(token, reading, prior, before, after, sources, counted)
            self._verdicts[key] = verdict
        return verdict

    def _weigh(self, token: str, reading: str, prior: float, before: str | None, after: str | None,
               sources: tuple[str | None, ...], counted: float) -> bool:
        as_is = self.model.score(word_core(token), before, after, 1 - counted) + math.log10(1 - prior)
        legacy = self.model.score(word_core(reading), before, after, counted) + math.log10(prior)
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
    if len(pieces) > SOURCE_SAMPLE:
        step, width = len(pieces) // _SLICES, SOURCE_SAMPLE // _SLICES
        windows = [pieces[k * step : k * step + width] for k in range(_SLICES)]
    else:
        windows = [pieces]
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
