"""Where syllables are in a text that may still hold legacy codes.

A token is a maximal run of characters that can belong to a Vietnamese syllable or to its legacy
spelling: letters, combining marks, and every character a legacy byte can turn into when it is read as
cp1252/Latin-1 (`®` `¸` `µ` `«` …, and the C0 codes VISCII and VPS use for letters). ASCII punctuation,
digits, `_` and whitespace separate tokens, so `Sè_NGUY£N` is two tokens and `--version` one.

    >>> [m.group() for m in TOKEN.finditer("B¸o c¸o: ®· ®îc, 2006-2010 Sè_NGUY£N")]
    ['B¸o', 'c¸o', '®·', '®îc', 'Sè', 'NGUY£N']
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter, deque
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

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


# A line up to this long is counted in one regex pass: splitting it into distinct chunks costs more.
SHORT_LINE = 4096


def token_counts(text: str, pattern: re.Pattern[str] = TOKEN) -> Counter[str]:
    """How often each token of `pattern` occurs in `text` (a pattern that never matches a line break),
    in the order of their first occurrence.

    Counted through the distinct lines, then their distinct space-separated chunks (C-speed `split`; not
    `split()`, which would also cut at U+00A0 and the C0 codes that are letters in legacy text), so the
    regex runs once per distinct chunk rather than over the whole text: a long document repeats its
    lines and its words. One short line is counted in one regex pass (the same counts, in the same order).
    """
    if len(text) <= SHORT_LINE and "\n" not in text:
        return Counter(pattern.findall(text))
    chunks: Counter[str] = Counter()
    once: list[str] = []  # consecutive lines seen once, counted together at C speed
    for line, n in Counter(text.split("\n")).items():
        if n == 1:
            once.append(line)
            continue
        if once:
            chunks.update(itertools.chain.from_iterable(map(str.split, once, itertools.repeat(" "))))
            once = []
        for chunk, k in Counter(line.split(" ")).items():
            chunks[chunk] += k * n
    chunks.update(itertools.chain.from_iterable(map(str.split, once, itertools.repeat(" "))))
    counts: Counter[str] = Counter()
    for chunk, n in chunks.items():
        for token in _tokens_of(chunk, pattern):
            counts[token] += n
    return counts


# The chunks of the last texts split for the mojibake evidence or joined by a repair (a document's
# original, its decoded and its restored text), so that the next repair and the change records read the
# same chunks, whose hashes are known, instead of splitting the text again.
_JOINED: deque[tuple[str, list[str]]] = deque(maxlen=3)


def join_chunks(pieces: list[str]) -> str:
    """`" ".join(pieces)`, remembered for `split_chunks` of the result (`pieces` must not change)."""
    text = " ".join(pieces)
    _JOINED.append((text, pieces))
    return text


def split_chunks(text: str) -> list[str]:
    """`text.split(" ")`: the chunks themselves when a repair just joined them (shared: callers must not
    modify them).

    >>> text = join_chunks(["a", "b"])
    >>> split_chunks(text), split_chunks("a b") == ["a", "b"]
    (['a', 'b'], True)
    """
    for joined, pieces in tuple(_JOINED):
        if joined is text:
            return pieces
    return text.split(" ")


class SpacedChunks(NamedTuple):
    """A text split at spaces, with the tokens of its distinct chunks found in one regex split."""

    pieces: list[str]  # the text split at spaces
    distinct: list[str]  # its distinct chunks, in order of first occurrence
    weights: list[int]  # how often each distinct chunk occurs
    parts: list[str]  # the distinct chunks joined by spaces, split at tokens (kept at odd places)
    where: list[int]  # the distinct chunk each token is in

    def token_counts(self) -> Counter[str]:
        """`token_counts(text)`: each token's occurrences, in order of first occurrence."""
        counts: Counter[str] = Counter()
        weights = self.weights
        for token, k in zip(self.parts[1::2], self.where, strict=True):
            counts[token] += weights[k]
        return counts

    def substitute(self, replace: Mapping[str, str | None]) -> tuple[dict[str, str], set[str]]:
        """`substitute_chunks(pieces, TOKEN, replace)`, with the tokens already found."""
        found = self.parts[1::2]
        new = list(map(replace.get, found, found))
        hard: set[str] = set()
        if None in new:
            is_none = map(operator.is_, new, itertools.repeat(None))
            flagged = list(itertools.compress(range(len(new)), is_none))
            hard = {self.distinct[self.where[k]] for k in flagged}
            for k in flagged:
                new[k] = found[k]
        parts = self.parts.copy()
        parts[1::2] = new
        return dict(zip(self.distinct, "".join(parts).split(" "), strict=True)), hard


@lru_cache(maxsize=2)  # the detection counts the text's tokens, the mojibake repair substitutes them
def spaced_chunks(text: str) -> SpacedChunks:
    """The text's `SpacedChunks` for TOKEN (shared: callers must not modify them).

    >>> chunks = spaced_chunks("ab, ab\\ncd ab")
    >>> chunks.distinct, chunks.token_counts()
    (['ab,', 'ab\\ncd', 'ab'], Counter({'ab': 3, 'cd': 1}))
    >>> chunks.substitute({"ab": "AB", "cd": None})
    ({'ab,': 'AB,', 'ab\\ncd': 'AB\\ncd', 'ab': 'AB'}, {'ab\\ncd'})
    """
    pieces = split_chunks(text)
    _JOINED.append((text, pieces))
    counted = Counter(pieces)
    distinct = list(counted)
    parts = _capturing(TOKEN).split(" ".join(distinct))
    return SpacedChunks(pieces, distinct, list(counted.values()), parts, _chunk_of_each(parts))


def substitute_chunks(
    pieces: list[str], pattern: re.Pattern[str], replace: Mapping[str, str | None],
    distinct: list[str] | None = None,
) -> tuple[dict[str, str], set[str]]:
    """Each distinct chunk of `pieces` (a text split at spaces) with the matches of `pattern` replaced
    through `replace` (a match it lacks stays), and the chunks holding a match that `replace` maps to
    None (its place in the text decides; it is left as it is here). `distinct` are the distinct chunks
    to substitute, when the caller knows them (by default every chunk of `pieces`).

    The distinct chunks are joined and substituted in one regex pass (`pattern` never matches a space,
    and no replacement holds one), since a document repeats its words:

    >>> substitute_chunks(["ab", "b", "ab", "c"], re.compile("[abc]"), {"a": "A", "c": None})
    ({'ab': 'Ab', 'b': 'b', 'c': 'c'}, {'c'})
    """
    distinct = list(dict.fromkeys(pieces)) if distinct is None else distinct
    flagged: list[int] = []  # where, in the joined chunks, a match that needs its place starts

    def substitute(m: re.Match[str]) -> str:
        match = m.group()
        found = replace.get(match, match)
        if found is None:
            flagged.append(m.start())
            return match
        return found

    done = pattern.sub(substitute, " ".join(distinct)).split(" ")
    starts = list(itertools.accumulate((len(chunk) + 1 for chunk in distinct), initial=0))
    hard = {distinct[bisect.bisect_right(starts, at) - 1] for at in flagged}
    return dict(zip(distinct, done, strict=True)), hard


def chunk_matches(chunks: list[str], pattern: re.Pattern[str]) -> tuple[list[str], list[int]]:
    """The matches of `pattern` (which never matches a space) in `chunks`, and the index of the chunk
    each one is in, from one regex pass over the chunks joined by spaces.

    >>> chunk_matches(["ab,c", "d"], re.compile("[a-z]+"))
    (['ab', 'c', 'd'], [0, 0, 1])
    """
    parts = _capturing(pattern).split(" ".join(chunks))
    return parts[1::2], _chunk_of_each(parts)


def _chunk_of_each(parts: list[str]) -> list[int]:
    """For parts split at the matches (at odd places) of chunks joined by spaces: the chunk of each
    match, the one after the spaces of the separators before it."""
    return list(itertools.accumulate(map(str.count, parts[0:-1:2], itertools.repeat(" "))))


@lru_cache(maxsize=8)
def _capturing(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` as one capturing group, so that `split` keeps its matches."""
    return re.compile(f"({pattern.pattern})", pattern.flags)


@lru_cache(maxsize=100_000)
def _tokens_of(chunk: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(pattern.findall(chunk))


# Size of the spread sample that decides whether a long text needs a repair at all.
SAMPLE_CHARS = 256 * 1024
_SLICES = 8


def spread_sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """`text` itself when short, else evenly spaced slices of it (cut at spaces) totalling about `size`.

    Damage such as a lost letter or a legacy charset runs through a whole document, so a spread sample
    says whether to look at every word:

    >>> spread_sample("a b c") == "a b c"
    True
    >>> len(spread_sample("word " * 200_000, size=1000)) < 1200
    True
    """
    if len(text) <= size:
        return text
    step, width = len(text) // _SLICES, size // _SLICES
    parts = []
    for k in range(_SLICES):
        start = text.find(" ", k * step) + 1
        end = text.rfind(" ", start, start + width)
        parts.append(text[start:end] if end > start else "")
    return " ".join(parts)
