"""Positions of the folded syllable bigrams, so a phrase of any length is matched exactly from the index.

A phrase `"a b c d"` holds where the bigrams `a b`, `b c`, `c d` start at positions p, p + 1, p + 2 of one
document. Of the bigram fields only `bigrams_f` keeps positions: an exact-accent phrase is the same bigram
sequence folded; the body's syllable fields keep none (their lists are the longest). The title's and the
body's bigrams are numbered as one sequence with a position left empty between them (`pair_positions`),
so no phrase spans them. The title fields keep positions of their syllables in the same format.

`PackedPositions` is Whoosh's `Positions` format with a compact value: one character per position, its
code point the position, UTF-8 encoded (Whoosh's own value is a pickled list of gaps). The positions of a
whole posting list then decode to one array in a few calls (`positions_array`), and Whoosh's own `Phrase`
query reads the same values, so its positional answer is the reference the array matcher is tested on.

>>> f = PackedPositions()
>>> f.encode([65, 70, 7843]), f.decode_positions("AFả".encode()), f.decode_frequency(b"AF")
(b'AF\\xe1\\xba\\xa3', [65, 70, 7843], 2)
>>> pair_positions(SyllableRuns(["a", "b", "c"], ["x"], ["b", "c", "d"]))
{'a b': [0], 'b c': [1, 4], 'c d': [5]}
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from whoosh.fields import TEXT
from whoosh.formats import Positions

from index.analysis import SyllableRuns, bigrams

MAX_POSITION = 0x10FFFF  # the largest code point: bigrams past it (past a million syllables) are not indexed


class PackedPositions(Positions):
    """Whoosh's `Positions`, each posting's value one UTF-8 character per position."""

    def encode(self, poslist: Sequence[int]) -> bytes:
        return "".join(map(chr, poslist)).encode("utf-8", "surrogatepass")

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(map(ord, valuestring.decode("utf-8", "surrogatepass")))

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring.decode("utf-8", "surrogatepass"))

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


class PositionalText(TEXT):
    """A `TEXT` field whose postings keep `PackedPositions`. Besides a string to analyse, it takes
    `SyllableRuns`, whose pairs are its terms (`pair_positions`)."""

    def __init__(self, analyzer, **kwargs) -> None:
        super().__init__(analyzer=analyzer, phrase=True, **kwargs)
        self.format = PackedPositions(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, SyllableRuns):
            yield from super().index(value, **kwargs)
            return
        fmt = self.format
        for term, positions in pair_positions(value).items():
            count = len(positions)
            yield term.encode("utf-8"), count, count * fmt.field_boost, fmt.encode(positions)


def positioned_runs(runs: SyllableRuns) -> list[list[str]]:
    """The runs that hold pairs (two syllables or more), cut where a pair's position would pass
    `MAX_POSITION`: the first run's pairs are at 0, 1, …, and each run starts one place after the end of
    the one before."""
    out, pos = [], 0
    for run in runs.runs:
        run = run[: max(0, MAX_POSITION + 2 - pos)]
        if len(run) > 1:
            out.append(run)
            pos += len(run) + 1
    return out


def pair_positions(runs: SyllableRuns) -> dict[str, list[int]]:
    """Each pair of the runs → its positions in the document (`positioned_runs`)."""
    out: dict[str, list[int]] = {}
    pos = 0
    for run in positioned_runs(runs):
        for i, pair in enumerate(bigrams(run)):
            out.setdefault(pair, []).append(pos + i)
        pos += len(run) + 1
    return out


def packed_values(positions: np.ndarray, starts: np.ndarray) -> list[bytes]:
    """The `PackedPositions` values of consecutive slices of `positions`, the slices beginning at
    `starts` (ascending, the first 0), all encoded at once."""
    text = positions.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    utf8 = text.encode("utf-8", "surrogatepass")
    widths = 1 + (positions >= 0x80) + (positions >= 0x800) + (positions >= 0x10000)  # UTF-8 bytes each
    cuts = np.concatenate(([0], np.cumsum(widths)))[np.append(starts, len(positions))].tolist()
    return [utf8[a:b] for a, b in pairwise(cuts)]


def positions_array(values: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """How many positions each value holds, and all their positions in order, as two arrays."""
    joined = b"".join(values)
    lead = (np.frombuffer(joined, dtype=np.uint8) & 0xC0) != 0x80  # the first byte of each character
    starts = np.cumsum([0, *map(len, values)])[:-1]
    counts = np.add.reduceat(lead, starts) if len(joined) else np.zeros(len(values), dtype=np.int64)
    positions = np.frombuffer(joined.decode("utf-8", "surrogatepass").encode("utf-32-le", "surrogatepass"),
                              dtype="<u4")
    return counts.astype(np.int64), positions.astype(np.int64)
