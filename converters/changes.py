"""What each repair step changed, by space-separated chunk, turned into `Repair`s once all steps ran.

Sure changes are recorded once per line: those on one line that no doubtful change separates are one
`Repair` from the first changed chunk to the last. A change below REVIEW_THRESHOLD always stands alone,
so review shows exactly the doubtful words; so does a changed chunk that holds a line break.

A document repeats its lines (headers, table rows, boilerplate) and its words, so the texts between
line-break chunks are judged once per distinct set of step texts, and each changed word once:

    >>> changes = Changes("®îc nh vËy\\n®îc nh vËy")
    >>> changes.step("undo_legacy_mojibake", "decoded tcvn3", "đợc nh vậy\\nđợc nh vậy")
    >>> changes.step("restore_lost_u", "restored ư", "được như vậy\\nđược như vậy")
    >>> [(r.start, r.end, r.before, r.after) for r in changes.repairs()]
    [(0, 8, '®îc nh', 'được như'), (9, 17, 'vËy\\n®îc', 'vậy\\nđược'), (18, 25, 'nh vËy', 'như vậy')]
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Sequence
from functools import lru_cache

from converters.conversion import REVIEW_THRESHOLD, Repair
from converters.language.lexicon import INVALID, spelling_score
from converters.language.tokens import TOKEN, word_core

_NEWLINE = re.compile("\n")
# (name, reason, {chunk index: the chunk before the step}) for each step that changed the text.
Steps = list[tuple[str, str, dict[int, str]]]


@lru_cache(maxsize=200_000)
def syllables_ok(text: str) -> bool | None:
    """True when every word of `text` is a syllable, False when one is not, None when it has no words."""
    words = TOKEN.findall(text)
    if not words:
        return None
    return all(spelling_score(word_core(w)) > INVALID for w in words)


@lru_cache(maxsize=200_000)
def step_confidence(name: str, before: str, after: str, *, pure: bool = False) -> float:
    """How sure one step's change is: certain for normalisation, lower when the old word was already a
    valid syllable (then frequencies and neighbours decided). In a mostly legacy text (`pure`) a
    valid-looking `phè` is still a code, so decoding it is near-certain."""
    if name in ("normalize_nfc", "decode_html_entities"):
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
        self._parts: dict[tuple[str, ...], list[Repair]] = {}  # a part's versions -> its records
        self._lines: dict[tuple[str, ...], tuple] = {}  # a line's versions -> `_line`
        self._breaks: dict[tuple, list[Repair]] = {}  # a line-break chunk's parts -> its records

    def step(self, name: str, reason: str, new_text: str) -> None:
        self.names.append((name, reason))
        self.texts.append(new_text)

    def repairs(self) -> tuple[Repair, ...]:
        texts = self.texts
        if len({text.count(" ") for text in texts}) > 1:  # a step moved a space
            return tuple(self._piece(*self._collapsed()))
        lines = [text.split("\n") for text in texts]
        spaces = [list(map(str.count, each, itertools.repeat(" "))) for each in lines]
        if len(lines[0]) == 1 or any(other != spaces[0] for other in spaces[1:]):
            # one line, or a step moved a line break to another chunk: compare the whole texts
            return tuple(self._part(tuple(texts)))
        return tuple(self._by_line(lines, spaces[0]))

    def _by_line(self, lines: list[list[str]], spaces: list[int]) -> list[Repair]:
        """The records of texts whose line breaks stand in the same chunks: the chunks inside each line
        are judged once per distinct line, each line-break chunk (a line's last word, the next one's
        first, and any lines without a space between them) once per distinct chunk."""
        out: list[Repair] = []
        last = len(spaces) - 1
        offset = 0  # where line m starts in the final text
        held: list[tuple[str, ...]] = []  # the versions of each line part in the open line-break chunk
        held_at = 0  # where that chunk starts in the final text
        for m, versions in enumerate(zip(*lines, strict=True)):
            final = versions[-1]
            if not spaces[m]:
                if not held:
                    held_at = offset
                held.append(versions)
                offset += len(final) + 1
                continue
            if 0 < m < last:
                found = self._lines.get(versions)
                if found is None:
                    found = self._lines[versions] = self._line(versions)
                heads, tails, inner = found
                held.append(heads)
                _emit(out, self._line_break(held), held_at)
                _emit(out, inner, offset + len(heads[-1]) + 1)
            else:  # the first line's first word and the last line's last word are in no line-break chunk
                heads = tuple(v[: v.find(" ")] for v in versions)
                tails = tuple(v[v.rfind(" ") + 1 :] for v in versions)
                if m == 0:
                    out += self._part(tuple(v[: v.rfind(" ")] for v in versions))
                else:
                    held.append(heads)
                    _emit(out, self._line_break(held), held_at)
                    rest = self._part(tuple(v[v.find(" ") + 1 :] for v in versions))
                    _emit(out, rest, offset + len(heads[-1]) + 1)
            held, held_at = [tails], offset + len(final) - len(tails[-1])
            offset += len(final) + 1
        if held and spaces[last] == 0:
            _emit(out, self._line_break(held), held_at)
        return out

    def _line(self, versions: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], list[Repair]]:
        """A line with a space, neither first nor last: the versions of its first word and of its last
        word (parts of line-break chunks), and the records of the chunks between them."""
        heads = tuple(v[: v.find(" ")] for v in versions)
        tails = tuple(v[v.rfind(" ") + 1 :] for v in versions)
        if versions[0].count(" ") < 2:
            return heads, tails, []
        return heads, tails, self._part(tuple(v[v.find(" ") + 1 : v.rfind(" ")] for v in versions))

    def _line_break(self, held: list[tuple[str, ...]]) -> list[Repair]:
        """The record of one line-break chunk, if it changed; `held` is its parts, line by line."""
        key = tuple(held)
        found = self._breaks.get(key)
        if found is None:
            found = self._breaks[key] = [] if all(part[0] == part[-1] for part in held) else self._part(
                tuple("\n".join(parts) for parts in zip(*held, strict=True)))
        return found

    def _part(self, versions: tuple[str, ...]) -> list[Repair]:
        """The records of one part of the text (its version in every text), judged once per document."""
        if versions[0] == versions[-1]:
            return []
        found = self._parts.get(versions)
        if found is None:
            found = self._parts[versions] = self._piece(*self._by_chunk(versions))
        return found

    def _by_chunk(self, texts: Sequence[str]) -> tuple[list[str], list[str], Steps, str, str]:
        """Origin chunks, final chunks and each step's changed chunks of texts with equal chunk counts."""
        chunks = [text.split(" ") for text in texts]
        steps: Steps = []
        for (name, reason), (old, new) in zip(self.names, itertools.pairwise(chunks), strict=True):
            changed = itertools.compress(range(len(old)), map(operator.ne, old, new))
            steps.append((name, reason, {i: old[i] for i in changed}))
        return chunks[0], chunks[-1], steps, texts[0], texts[-1]

    def _collapsed(self) -> tuple[list[str], list[str], Steps, str, str]:
        """The whole text as one chunk, once a step changed the number of chunks: the steps up to the
        last such step are recorded with the text before it (as the chunks were then merged)."""
        texts, counts = self.texts, [text.count(" ") for text in self.texts]
        steps: Steps = []
        merged = False
        for k, (name, reason) in enumerate(self.names, start=1):
            if counts[k] != (0 if merged else counts[k - 1]):
                steps = [(n, r, {0: texts[k - 1]}) for n, r, _ in steps]
                merged = True
            steps.append((name, reason, {0: texts[k - 1]}))
        return [texts[0]], [texts[-1]], steps, texts[0], texts[-1]

    def _sure(self, i: int, steps: Steps, final: str) -> tuple[tuple[str, ...], float]:
        """The reasons for chunk i's change and how sure the change is (the least sure step)."""
        befores = [(name, reason, changed[i]) for name, reason, changed in steps if i in changed]
        afters = [before for _, _, before in befores[1:]] + [final]
        conf = min(step_confidence(name, before, after, pure=self.pure)
                   for (name, _, before), after in zip(befores, afters, strict=True))
        if syllables_ok(final) is False:
            conf = min(conf, 0.5)  # the result is still not Vietnamese
        return tuple(reason for _, reason, _ in befores), conf

    def _piece(self, origin: list[str], chunks: list[str], steps: Steps, origin_text: str,
               text: str) -> list[Repair]:
        """The records of one piece of text, offsets relative to its start."""
        touched: dict[int, int] = {}  # chunk index -> bit mask of the steps that changed it
        for k, (_, _, changed) in enumerate(steps):
            bit = 1 << k
            for i in changed:
                touched[i] = touched.get(i, 0) | bit
        changed = sorted([i for i in touched if chunks[i] != origin[i]])
        if not changed:
            return []
        lengths = list(itertools.accumulate(map(len, chunks), initial=0))  # chunk i starts at lengths[i] + i
        olengths = list(itertools.accumulate(map(len, origin), initial=0))
        breaks, b = _breaks(origin_text, text, len(chunks)), 0
        nbreaks = len(breaks)
        out: list[Repair] = []
        first = last = -1  # the open line span of sure changes, if first >= 0
        reasons: dict[str, None] = {}
        low = 1.0

        def close() -> None:
            out.append(Repair(lengths[first] + first, lengths[last + 1] + last, origin_text[
                olengths[first] + first : olengths[last + 1] + last], text[
                lengths[first] + first : lengths[last + 1] + last], "; ".join(reasons), low))

        known = self._known
        for i in changed:
            sig = (touched[i], origin[i], chunks[i])
            found = known.get(sig)
            if found is None:
                found = known[sig] = self._sure(i, steps, chunks[i])
            why, conf = found
            crossed = b < nbreaks and breaks[b] <= i  # a line break since the previous changed chunk
            while b < nbreaks and breaks[b] < i:
                b += 1
            alone = conf < REVIEW_THRESHOLD or (b < nbreaks and breaks[b] == i)
            if first >= 0 and (crossed or alone):
                close()
                first = -1
            if alone:
                start = lengths[i] + i
                out.append(Repair(start, start + len(chunks[i]), origin[i], chunks[i], "; ".join(why), conf))
                continue
            if first < 0:
                first, reasons, low = i, dict.fromkeys(why), conf
            else:
                if conf < low:
                    low = conf
                for r in why:
                    reasons.setdefault(r)
            last = i
        if first >= 0:
            close()
        return out


def _emit(out: list[Repair], records: list[Repair], by: int) -> None:
    """Append `records` (of a part of the text) moved to where the part starts."""
    for start, end, before, after, reason, confidence in records:
        out.append(Repair(start + by, end + by, before, after, reason, confidence))


def _breaks(origin_text: str, text: str, nchunks: int) -> list[int]:
    """Indexes of the chunks that hold a line break (in the original or the result), ascending."""
    found: set[int] = set()
    for each in (origin_text, text) if nchunks > 1 else ():
        spaces, pos = 0, 0
        for m in _NEWLINE.finditer(each):  # one pass per line, not per chunk
            spaces += each.count(" ", pos, m.start())
            pos = m.start()
            found.add(spaces)
    if nchunks == 1 and ("\n" in text or "\n" in origin_text):
        found.add(0)
    return sorted(found)
