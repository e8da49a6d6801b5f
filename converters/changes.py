"""What each repair step changed, by space-separated chunk, turned into `Repair`s once all steps ran.

Sure changes are recorded once per line: those on one line that no doubtful change separates are one
`Repair` from the first changed chunk to the last. A change below REVIEW_THRESHOLD always stands alone,
so review shows exactly the doubtful words; so does a changed chunk that holds a line break.

Only the steps' texts are kept; `repairs()` compares them chunk list against chunk list with C-level
map/compress, judges each distinct changed chunk once (a document repeats its words), and spends Python
time only on line breaks and doubtful changes:

    >>> changes = Changes("®îc nh vËy\\n®îc nh vËy")
    >>> changes.step("undo_legacy_mojibake", "decoded tcvn3", "đợc nh vậy\\nđợc nh vậy")
    >>> changes.step("restore_lost_u", "restored ư", "được như vậy\\nđược như vậy")
    >>> [(r.start, r.end, r.before, r.after) for r in changes.repairs()]
    [(0, 8, '®îc nh', 'được như'), (9, 17, 'vËy\\n®îc', 'vậy\\nđược'), (18, 25, 'nh vËy', 'như vậy')]
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from converters.conversion import REVIEW_THRESHOLD, Repair
from converters.language.lexicon import INVALID, spelling_score
from converters.language.tokens import TOKEN, split_chunks, word_core

# The origin chunks, the final chunks, the chunks before each step, which chunks each step changed, and
# the origin and final text.
Chunks = tuple[list[str], list[str], list[list[str]], list[list[bool]], str, str]


@lru_cache(maxsize=200_000)
def syllables_ok(text: str) -> bool | None:
    """True when every word of `text` is a syllable, False when one is not, None when it has no words
    (punctuation such as `“` is none)."""
    words = [core for w in TOKEN.findall(text) if (core := word_core(w))]
    if not words:
        return None
    return all(spelling_score(w) > INVALID for w in words)


@lru_cache(maxsize=200_000)
def step_confidence(name: str, before: str, after: str, pure: bool = False) -> float:
    """How sure one step's change is: certain for normalisation, lower when the old word was already a
    valid syllable (then frequencies and neighbours decided). In a mostly legacy text (`pure`) a
    valid-looking `phè` is still a code, so decoding it is near-certain."""
    if name in ("normalize_nfc", "decode_html_entities", "peel_utf8_layers"):  # exact, byte for byte
        return 1.0
    if syllables_ok(word_core(before)):
        return 0.9 if pure and name == "undo_legacy_mojibake" else 0.7
    if name == "restore_lost_u" and max((len(w) for w in TOKEN.findall(before)), default=0) < 2:
        return 0.85  # a lone letter restored from its neighbours
    return 0.97


class Changes:
    """The texts a document went through, one per step that changed it; `repairs()` compares them."""

    def __init__(self, text: str, *, pure: bool = False) -> None:
        self.pure = pure
        self.texts = [text]
        self.names: list[tuple[str, str]] = []  # (name, reason) of the step that made each later text
        # Each changed chunk is judged once per (steps that touched it, before, after).
        self._known: dict[tuple, tuple[tuple[str, ...], float]] = {}

    def step(self, name: str, reason: str, new_text: str) -> None:
        self.names.append((name, reason))
        self.texts.append(new_text)

    def repairs(self) -> tuple[Repair, ...]:
        if len({text.count(" ") for text in self.texts}) > 1:  # a step moved a space
            return tuple(self._piece(*self._collapsed()))
        return tuple(self._piece(*self._by_chunk(self.texts)))

    def _by_chunk(self, texts: Sequence[str]) -> Chunks:
        """The chunks of texts with equal chunk counts, and which chunks each step changed."""
        chunks = [split_chunks(text) for text in texts]
        touched = [list(map(operator.ne, old, new)) for old, new in itertools.pairwise(chunks)]
        return chunks[0], chunks[-1], chunks[:-1], touched, texts[0], texts[-1]

    def _collapsed(self) -> Chunks:
        """The whole text as one chunk, once a step changed the number of chunks: the steps up to the
        last such step are recorded with the text before it (as the chunks were then merged)."""
        texts, counts = self.texts, [text.count(" ") for text in self.texts]
        befores: list[list[str]] = []
        merged = False
        for k in range(1, len(texts)):
            if counts[k] != (0 if merged else counts[k - 1]):
                befores = [[texts[k - 1]] for _ in befores]
                merged = True
            befores.append([texts[k - 1]])
        return [texts[0]], [texts[-1]], befores, [[True] for _ in befores], texts[0], texts[-1]

    def _judged(self, sig: tuple, i: int, befores: list[list[str]], final: str) -> None:
        """Record the reasons for chunk i's change and how sure it is (the least sure step) under its
        signature `sig` (which steps changed it, its origin, its result)."""
        steps = [k for k in range(len(self.names)) if sig[0] >> k & 1]
        olds = [befores[k][i] for k in steps]
        conf = 1.0
        for k, old, new in zip(steps, olds, [*olds[1:], final], strict=True):
            conf = min(conf, step_confidence(self.names[k][0], old, new, self.pure))
        if syllables_ok(final) is False:
            conf = min(conf, 0.5)  # the result is still not Vietnamese
        self._known[sig] = (tuple(self.names[k][1] for k in steps), conf)

    def _piece(self, origin: list[str], chunks: list[str], befores: list[list[str]],
               touched: list[list[bool]], origin_text: str, text: str) -> list[Repair]:
        """The records, from the chunk lists of `_by_chunk` or `_collapsed`."""
        differs = list(map(operator.ne, origin, chunks))
        changed = list(itertools.compress(range(len(chunks)), differs))
        if not changed:
            return []
        known = self._known
        masks = _step_masks(touched)

        def signatures() -> Iterator[tuple]:  # (which steps changed it, origin, result) per changed chunk
            return itertools.compress(zip(masks, origin, chunks, strict=True), differs)

        judged = list(map(known.get, signatures()))
        if None in judged:  # judge each new signature at its first occurrence (walking backwards)
            missing = list(map(operator.is_, judged, itertools.repeat(None)))
            backwards = itertools.compress(
                zip(reversed(masks), reversed(origin), reversed(chunks), strict=True), reversed(differs))
            first = dict(zip(itertools.compress(backwards, reversed(missing)),
                             itertools.compress(reversed(changed), reversed(missing)), strict=True))
            for sig, i in first.items():
                self._judged(sig, i, befores, chunks[i])
            judged = list(map(known.__getitem__, signatures()))
        confs = list(map(operator.itemgetter(1), judged))
        lengths = list(itertools.accumulate(map(len, chunks), initial=0))  # chunk i starts at lengths[i] + i
        olengths = list(itertools.accumulate(map(len, origin), initial=0))
        out: list[Repair] = []

        def record(first: int, last: int, reasons: Iterable[str], low: float) -> None:
            out.append(Repair(lengths[first] + first, lengths[last + 1] + last, origin_text[
                olengths[first] + first : olengths[last + 1] + last], text[
                lengths[first] + first : lengths[last + 1] + last], "; ".join(reasons), low))

        # A chunk holding a line break (in the original or the result) and a doubtful change stand alone;
        # the sure changes between two of them are one record.
        alone = _line_breaks(origin, chunks, origin_text, text)
        alone.update(itertools.compress(changed, map(operator.lt, confs, itertools.repeat(REVIEW_THRESHOLD))))
        j = 0
        for stop in [*sorted(alone), len(chunks)]:
            k = bisect.bisect_left(changed, stop, j)
            if k > j:
                whys = dict.fromkeys(map(operator.itemgetter(0), judged[j:k]))  # distinct, first seen first
                record(changed[j], changed[k - 1], dict.fromkeys(itertools.chain.from_iterable(whys)),
                       min(confs[j:k]))
            if k < len(changed) and changed[k] == stop:
                record(stop, stop, judged[k][0], confs[k])
                k += 1
            j = k
        return out


def _step_masks(touched: list[list[bool]]) -> list[int]:
    """For each chunk, the steps that changed it as the bits of one int (step k: 1 << k), so that a
    signature holds no tuple per chunk.

    >>> _step_masks([[True, False, True], [False, True, True]])
    [1, 2, 3]
    """
    masks: list = touched[0]
    for k, changed in enumerate(touched[1:], 1):
        masks = list(map(operator.or_, masks, map(operator.lshift, changed, itertools.repeat(k))))
    return masks


def _line_breaks(origin: list[str], chunks: list[str], origin_text: str, text: str) -> set[int]:
    """Indexes of the chunks that hold a line break (in the original or the result)."""
    if len(chunks) == 1:
        return {0} if "\n" in text or "\n" in origin_text else set()
    found: set[int] = set()
    for each in (origin_text, text):  # the n-th line break is in the chunk after the spaces of n lines
        spaces = itertools.accumulate(map(str.count, each.split("\n"), itertools.repeat(" ")))
        found.update(itertools.islice(spaces, each.count("\n")))
    return found
