"""A small syllable language model for running text: how likely a word is between its neighbours.

What it is: an interpolated syllable-bigram model.

- Unigram P(w): wordfreq's Vietnamese frequency (`lexicon.logfreq`), mixed with a *document cache* — the
  share of the document's own sure words that are `w` (weight CACHE_WEIGHT; Kuhn & De Mori's cache
  model): a document that writes `dòng` elsewhere more likely means `dòng` than `dũng` in a close call.
- Bigram P(b | a) = WORD_INTERNAL · P_word(b | a) + (1 − WORD_INTERNAL) · P(b), where P_word(b | a) is
  the chance that `a` is followed by `b` inside a word: pyvi's multi-syllable words give the possible
  continuations of `a`, weighted by their unigram frequencies; WORD_INTERNAL is the share of syllable
  boundaries in Vietnamese text that fall inside a word.

Scores are log10. Data: wordfreq (Apache-2.0 code, CC-BY-SA 4.0 data) and pyvi's word list (MIT), both
pinned dependencies; the tables are built once per process from the lexicon's.

    >>> plain, seen = SyllableModel(), SyllableModel({"dòng": 3, "mới": 2})
    >>> plain.score("lưu", "giao", None) > plain.score("lu", "giao", None)
    True
    >>> def lead(model): return model.score("dòng", None, None) - model.score("dũng", None, None)
    >>> lead(seen) > lead(plain)
    True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from converters.language.lexicon import INVALID, known_pairs, spelling_score

# Weight of the document's own words in the unigram (caches of 0.1-0.3 are usual for word models).
CACHE_WEIGHT = 0.2
# Share of syllable boundaries inside a word: Vietnamese words average about 1.4 syllables.
WORD_INTERNAL = 0.3


@lru_cache(maxsize=1)
def _followers() -> dict[str, list[str]]:
    """For each syllable, the syllables that follow it inside a word of pyvi's list."""
    out: dict[str, list[str]] = defaultdict(list)
    for first, second in known_pairs():
        out[first].append(second)
    return out


@lru_cache(maxsize=20_000)
def _continuation_mass(first: str) -> float:
    """The summed unigram probability of the syllables that follow `first` inside a word."""
    return sum(10 ** spelling_score(second) for second in _followers()[first])


class SyllableModel:
    """The bigram model above, adapted to one document by `cache` (its words and their counts)."""

    def __init__(self, cache: Mapping[str, float] | None = None) -> None:
        self._cache = cache or {}
        self._size = sum(self._cache.values())
        self._unigrams: dict[tuple[str, float], float] = {}
        self._pairs = known_pairs()

    def unigram(self, word: str, leave_out: float = 0.0) -> float:
        """P(word), the general frequency mixed with the document's share of it (not log); `leave_out`
        is how much of the word's document count is the occurrence being judged, which must not count
        for itself."""
        found = self._unigrams.get((word, leave_out))
        if found is None:
            found = 10 ** spelling_score(word)
            if self._size > leave_out:
                own = max(self._cache.get(word.lower(), 0) - leave_out, 0) / (self._size - leave_out)
                found = CACHE_WEIGHT * own + (1 - CACHE_WEIGHT) * found
            self._unigrams[word, leave_out] = found
        return found

    def bigram(self, first: str, second: str, leave_out: float = 0.0) -> float:
        """P(second | first) (not log); `leave_out` as for `unigram` of `second`."""
        inside = 0.0
        pair = (first.lower(), second.lower())
        if pair in self._pairs:
            inside = 10 ** spelling_score(second) / _continuation_mass(pair[0])
        return WORD_INTERNAL * inside + (1 - WORD_INTERNAL) * self.unigram(second, leave_out)

    def score(self, word: str, before: str | None, after: str | None, leave_out: float = 0.0) -> float:
        """How well `word` fits between its neighbours: log10 P(word | before) + log10 P(after | word) /
        P(after). The second term is the same for every word unless `word after` is a known pair; a
        missing neighbour leaves its term out. `leave_out` as for `unigram`."""
        here = self.bigram(before, word, leave_out) if before else self.unigram(word, leave_out)
        follow = self.bigram(word, after) / self.unigram(after) if after else 1.0
        return math.log10(here * follow) if here > 0 else INVALID
