"""bytes -> detect -> decode -> repairs -> Conversion, with every change recorded and replayable.

The repairs run in the registry's order (`converters.repairs.REPAIRS`); a step is recorded only when it
changed the text, and its changes are derived by comparing the step's input and output word by word,
so `Conversion.repairs` says what changed, where (in the final text), why, and how sure we are.

    >>> c = convert_bytes("®îc sù nhÊt trÝ cña Bé Néi vô nh ®Êt nớc".encode())
    >>> c.text, c.encoding, c.steps
    ('được sự nhất trí của Bộ Nội vụ như đất nước', 'tcvn3', ('undo_legacy_mojibake', 'restore_lost_u'))
    >>> [(r.before, r.after, r.reason) for r in c.repairs]  # sure changes: one record per line
    [('®îc sù nhÊt trÝ cña Bé Néi vô nh ®Êt nớc', 'được sự nhất trí của Bộ Nội vụ như đất nước', \
'decoded tcvn3; restored ư from context')]
    >>> replay("®îc sù nhÊt trÝ cña Bé Néi vô nh ®Êt nớc", c.steps, c.encoding) == c.text
    True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from converters.charsets import LABELS, LEGACY_8BIT, decode
from converters.conversion import REVIEW_THRESHOLD, Conversion, Repair
from converters.detect import Detection, detect_bytes, detect_text
from converters.formats.base import Extraction, Run
from converters.language.lexicon import INVALID, spelling_score
from converters.language.tokens import TOKEN, word_core
from converters.repairs import CHARSET_AWARE, REPAIRS
from converters.repairs.mojibake import find_mojibake
from converters.repairs.readings import MOJIBAKE_READINGS, reading_of

CONVERTER_VERSION = "0.2"

_CHUNKS = re.compile(r"(\s+)")
# A text whose byte-like words are at least this share legacy: decoding a valid-looking word is sure.
MOSTLY_LEGACY = 0.95
# A charset named by the font is kept unless another reading finds more than 1/HINT_SHARE times its
# evidence.
HINT_SHARE = 0.5


@dataclass
class FileConversion:
    """A file's extraction (format, properties, pages) and its converted text."""

    extraction: Extraction
    conversion: Conversion


@lru_cache(maxsize=200_000)
def _syllables_ok(text: str) -> bool | None:
    """True when every word of `text` is a syllable, False when one is not, None when it has no words."""
    words = TOKEN.findall(text)
    if not words:
        return None
    return all(spelling_score(word_core(w)) > INVALID for w in words)


@lru_cache(maxsize=200_000)
def _confidence(name: str, before: str, after: str, *, pure: bool = False) -> float:
    """How sure one step's change is: certain for normalisation, lower when the old word was already a
    valid syllable (then frequencies and neighbours decided). In a mostly legacy text (`pure`) a
    valid-looking `phè` is still a code, so decoding it is near-certain."""
    if name in ("normalize_nfc", "decode_html_entities"):
        return 1.0
    if _syllables_ok(word_core(before)):
        return 0.9 if pure and name == "undo_legacy_mojibake" else 0.7
    if name == "restore_lost_u" and max((len(w) for w in TOKEN.findall(before)), default=0) < 2:
        return 0.85  # a lone letter restored from its neighbours
    return 0.97


class _Changes:
    """What each step changed, by space-separated chunk, turned into `Repair`s at the end.

    Sure changes are recorded once per line: those on one line that no doubtful change separates are one
    `Repair` from the first changed chunk to the last. A change below REVIEW_THRESHOLD always stands
    alone, so review shows exactly the doubtful words; so does a changed chunk that holds a line break.
    """

    def __init__(self, text: str, *, pure: bool = False) -> None:
        self.pure = pure
        self.origin = text.split(" ")
        self.origin_text = text
        self.chunks = self.origin
        self.text = text
        self.steps: list[tuple[str, str, dict[int, str]]] = []  # (name, reason, {chunk index: before})

    def step(self, name: str, reason: str, new_text: str) -> None:
        new = new_text.split(" ")
        if len(new) != len(self.chunks):  # a step moved a space: record the text as one changed piece
            self.origin = [" ".join(self.origin)]
            self.steps = [(n, r, {0: " ".join(self.chunks)}) for n, r, _ in self.steps]
            self.chunks, new = [" ".join(self.chunks)], [new_text]
        old = self.chunks
        changed = {i: old[i] for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
        self.steps.append((name, reason, changed))
        self.chunks = new
        self.text = new_text

    def _sure(self, i: int) -> tuple[tuple[str, ...], float]:
        """The reasons for chunk i's change and how sure the change is (the least sure step)."""
        befores = [(name, reason, changed[i]) for name, reason, changed in self.steps if i in changed]
        afters = [before for _, _, before in befores[1:]] + [self.chunks[i]]
        conf = min(_confidence(name, before, after, pure=self.pure)
                   for (name, _, before), after in zip(befores, afters, strict=True))
        if _syllables_ok(self.chunks[i]) is False:
            conf = min(conf, 0.5)  # the result is still not Vietnamese
        return tuple(reason for _, reason, _ in befores), conf

    def _breaks(self) -> list[int]:
        """Indexes of the chunks that hold a line break (in the original or the result), ascending."""
        found: set[int] = set()
        for text in (self.origin_text, self.text) if len(self.chunks) > 1 else ():
            spaces, pos = 0, 0
            for m in re.finditer("\n", text):  # one pass per line, not per chunk
                spaces += text.count(" ", pos, m.start())
                pos = m.start()
                found.add(spaces)
        if len(self.chunks) == 1 and ("\n" in self.text or "\n" in self.origin_text):
            found.add(0)
        return sorted(found)

    def repairs(self) -> tuple[Repair, ...]:
        touched: dict[int, int] = {}  # chunk index -> bit mask of the steps that changed it
        for k, (_, _, changed) in enumerate(self.steps):
            bit = 1 << k
            for i in changed:
                touched[i] = touched.get(i, 0) | bit
        chunks, origin = self.chunks, self.origin
        changed = sorted([i for i in touched if chunks[i] != origin[i]])
        if not changed:
            return ()
        lengths = list(itertools.accumulate(map(len, chunks), initial=0))  # chunk i starts at lengths[i] + i
        olengths = list(itertools.accumulate(map(len, origin), initial=0))
        breaks, b, nbreaks = self._breaks(), 0, 0
        nbreaks = len(breaks)
        out: list[Repair] = []
        first = last = -1  # the open line span of sure changes, if first >= 0
        reasons: dict[str, None] = {}
        low = 1.0

        def close() -> None:
            out.append(Repair(lengths[first] + first, lengths[last + 1] + last, self.origin_text[
                olengths[first] + first : olengths[last + 1] + last], self.text[
                lengths[first] + first : lengths[last + 1] + last], "; ".join(reasons), low))

        # A document repeats its words: judge each (steps that touched it, before, after) once.
        known: dict[tuple, tuple[tuple[str, ...], float]] = {}
        for i in changed:
            sig = (touched[i], origin[i], chunks[i])
            found = known.get(sig)
            if found is None:
                found = known[sig] = self._sure(i)
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
        return tuple(out)


def _run_repairs(text: str, reading: str | None) -> tuple[str, tuple[str, ...], tuple[Repair, ...]]:
    """Run the registry over `text`; `reading` is the legacy reading of its mojibake words, if any."""
    changes: _Changes | None = None  # built at the first change: most large texts need few steps
    steps = []
    for name, (repair, reason) in REPAIRS.items():
        if name in CHARSET_AWARE:
            if reading not in MOJIBAKE_READINGS:
                continue
            new = repair(text, charset=reading)
        else:
            new = repair(text)
        if new != text:
            if changes is None:
                legacy = bool(reading) and find_mojibake(text, (reading,), force=True).legacy_prior
                changes = _Changes(text, pure=bool(legacy) and legacy >= MOSTLY_LEGACY)
            changes.step(name, reason.format(charset=reading), new)
            steps.append(name)
            text = new
    return text, tuple(steps), changes.repairs() if changes else ()


def replay(text: str, steps: Sequence[str], encoding: str | None = None) -> str:
    """Apply recorded `steps` to `text` again (the text the repairs started from)."""
    reading = reading_of(encoding) if encoding else None
    for name in steps:
        repair = REPAIRS[name][0]
        text = repair(text, charset=reading) if name in CHARSET_AWARE else repair(text)
    return text


def _forced(data: bytes, label: str) -> Detection:
    """Decode with the charset the caller names; legacy words already read as cp1252 are taken back."""
    if label not in LABELS:
        raise ValueError(f"unknown charset {label!r} (known: {', '.join(LABELS)})")
    if label in LEGACY_8BIT:
        if _is_utf8(data) and not data.isascii():
            # mojibake words, undone per token with this charset
            return Detection(label, 1.0, None, data.decode("utf-8"), reading=label)
        return Detection(label, 1.0, None, decode(data, label), unicode_input=False)
    text = decode(data, label)
    if label == "viqr":
        return Detection(label, 1.0, None, text)
    found = detect_text(text)
    if found.label in ("utf-8", "ascii") and found.reading is None:
        return Detection(label, 1.0, found.runner_up, text)
    return found


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _convert(found: Detection) -> Conversion:
    reading = found.reading if found.unicode_input else None
    text, steps, repairs = _run_repairs(found.text, reading)
    return Conversion(text, found.label, found.confidence, repairs, (), found.runner_up, steps)


def convert_bytes(
    data: bytes, *, source_encoding: str | None = None, fonts: Sequence[str] | None = None
) -> Conversion:
    """Detect (unless `source_encoding` names the charset), decode and repair a document's bytes.

    `fonts` are the font names the format gave for these bytes: a hint for detection, not a verdict.
    """
    found = _forced(data, source_encoding) if source_encoding else detect_bytes(data, fonts=fonts)
    return _convert(found)


def convert_text(
    text: str, *, source_encoding: str | None = None, fonts: Sequence[str] | None = None
) -> Conversion:
    """Repair text that is already Unicode (it may still hold legacy words read as cp1252).

    `source_encoding` (or a legacy font in `fonts`) names the charset those words are in; without
    either, the text's own evidence decides.
    """
    found = detect_text(text)
    hinted = source_encoding or _font_charset(fonts)
    if hinted in LEGACY_8BIT and found.reading != hinted and _hint_holds(text, hinted, found):
        # The font (or the caller) names the charset and the text does not clearly contradict it:
        # trust it (the per-word choice still checks every word).
        found = Detection(hinted, 0.9, found.runner_up, text, reading=hinted)
    elif source_encoding and found.label in ("utf-8", "ascii"):
        found = Detection(source_encoding, 1.0, found.runner_up, text)
    return _convert(found)


def _hint_holds(text: str, hinted: str, found: Detection) -> bool:
    """False when another reading makes clearly more words Vietnamese than the hinted charset (fonts lie:
    a `.VnTime` run may hold VNI bytes or Unicode), True otherwise."""
    if found.reading is None:
        return True
    own = find_mojibake(text, (hinted,), force=True).evidence
    other = find_mojibake(text, (found.reading,), force=True).evidence
    return own >= HINT_SHARE * other


def _font_charset(fonts: Sequence[str] | None) -> str | None:
    from converters.fonts import charset_for_font

    for name in fonts or ():
        found = charset_for_font(name)
        if found is not None and found.charset in LEGACY_8BIT:
            return found.charset
    return None


def convert_runs(runs: Sequence[Run]) -> Conversion:
    """Convert a format's runs: consecutive runs in the same font charset are converted together.

    A legacy font says the charset (`.VnTime` -> tcvn3); the content still has to agree, because fonts
    lie. Runs in Unicode fonts (or none) are converted as text. Lost letters are restored once more over
    the whole document, whose evidence is stronger than one run's.

    Capitals-only faces (`.VnTimeH`) keep the letters as typed: the capitals are how the face draws
    them, and transcripts, search and the catalog all want the stored words (`Bộ Tài chính`), not
    `BỘ TÀI CHÍNH`.
    """
    from converters.fonts import charset_for_font

    groups: list[tuple[str | None, list[Run]]] = []
    for run in runs:
        found = charset_for_font(run.font) if run.font else None
        charset = found.charset if found is not None else None
        # A fontless run of plain ASCII (a line break, a page number) does not interrupt a group.
        neutral = run.font is None and (run.text.isascii() if run.text else True)
        if groups and (groups[-1][0] == charset or neutral):
            groups[-1][1].append(run)
        else:
            groups.append((charset, [run]))
    joined = _join([_convert_group(group) for _, group in groups])
    return _restore_whole(joined) if len(groups) > 1 else joined


def _convert_group(group: list[Run]) -> Conversion:
    fonts = [r.font for r in group if r.font]
    if all(isinstance(r.text, bytes) for r in group):
        return _convert(detect_bytes(b"".join(r.text for r in group), fonts=fonts))  # type: ignore[misc]
    text = "".join(r.text if isinstance(r.text, str) else r.text.decode("cp1252") for r in group)
    return convert_text(text, fonts=fonts)


def _restore_whole(conversion: Conversion) -> Conversion:
    """Run the lost-letter repair over the joined document and merge its changes into the record."""
    repair, reason = REPAIRS["restore_lost_u"]
    text = repair(conversion.text)
    old_chunks, new_chunks = _CHUNKS.split(conversion.text), _CHUNKS.split(text)
    if text == conversion.text or len(old_chunks) != len(new_chunks):
        return conversion
    starts, ends, new_start, pos_old, pos_new = {}, {}, [], 0, 0
    for i, (old, new) in enumerate(zip(old_chunks, new_chunks, strict=True)):
        starts[pos_old] = i
        new_start.append(pos_new)
        pos_old += len(old)
        pos_new += len(new)
        ends[pos_old] = i
    spans: dict[int, tuple[int, str, str, float]] = {}  # first chunk -> (last chunk, before, reason, conf)
    owner: dict[int, int] = {}  # changed chunk -> first chunk of the earlier record covering it
    for r in conversion.repairs:  # move each earlier record to its chunks' new place
        i = starts.get(r.start)
        if i is not None:
            last = max(ends.get(r.end, i), i)
            spans[i] = (last, r.before, r.reason, r.confidence)
            owner.update(dict.fromkeys(range(i, last + 1), i))
    for i, (old, new) in enumerate(zip(old_chunks, new_chunks, strict=True)):
        if old == new:
            continue
        conf = _confidence("restore_lost_u", old, new)
        first = owner.get(i)
        if first is None:
            spans[i] = (i, old, reason, conf)
            continue
        last, before, why, low = spans[first]
        pieces = _CHUNKS.split(before)
        if first == last or conf >= REVIEW_THRESHOLD or len(pieces) != last - first + 1:
            why = f"{why}; {reason}" if first == last or reason not in why else why
            spans[first] = (last, before, why, min(conf, low))
            continue
        # a doubtful restoration inside a line's sure record stands alone; the record keeps the rest,
        # each side trimmed to the chunks that changed
        del spans[first]
        spans[i] = (i, pieces[i - first], why if reason in why else f"{why}; {reason}", min(conf, low))
        left, right = i - 2, i + 2
        while left >= first and pieces[left - first] == new_chunks[left]:
            left -= 2
        while right <= last and pieces[right - first] == new_chunks[right]:
            right += 2
        if left >= first:
            spans[first] = (left, "".join(pieces[: left + 1 - first]), why, low)
        if right <= last:
            spans[right] = (last, "".join(pieces[right - first :]), why, low)
            owner.update(dict.fromkeys(range(right, last + 1), right))
    repairs = _per_line(text, [
        Repair(new_start[i], new_start[last] + len(new_chunks[last]), before,
               text[new_start[i] : new_start[last] + len(new_chunks[last])], why, conf)
        for i, (last, before, why, conf) in sorted(spans.items())
    ])
    steps = conversion.steps
    if "restore_lost_u" not in steps:
        steps = (*steps, "restore_lost_u")
    return Conversion(
        text, conversion.encoding, conversion.confidence, repairs, conversion.warnings, conversion.runner_up,
        steps,
    )


def _join(parts: list[Conversion]) -> Conversion:
    """One Conversion from consecutive parts: text joined, repairs shifted, the main charset named."""
    if not parts:
        return Conversion("", "ascii", 1.0)
    if len(parts) == 1:
        return parts[0]
    text, repairs, steps, offset = [], [], [], 0
    weight: dict[str, int] = {}
    for part in parts:
        text.append(part.text)
        repairs += [Repair(r.start + offset, r.end + offset, r.before, r.after, r.reason, r.confidence)
                    for r in part.repairs]
        steps += [s for s in part.steps if s not in steps]
        weight[part.encoding] = weight.get(part.encoding, 0) + len(part.text)
        offset += len(part.text)
    legacy = {k: v for k, v in weight.items() if k not in ("utf-8", "ascii")} or weight
    label = max(legacy, key=lambda k: legacy[k])
    confidence = min(p.confidence for p in parts)
    joined = "".join(text)
    return Conversion(joined, label, confidence, _per_line(joined, repairs), (), None, tuple(steps))


def _per_line(text: str, repairs: list[Repair]) -> tuple[Repair, ...]:
    """Merge sure records on one line that no doubtful record separates (records that came from
    different runs or passes), as `_Changes` does within one pass."""
    out: list[Repair] = []
    for r in repairs:
        prev = out[-1] if out else None
        if (prev is not None and not prev.needs_review and not r.needs_review and prev.end <= r.start
                and "\n" not in prev.after and "\n" not in r.after
                and text.find("\n", prev.end, r.start) < 0):
            reasons = dict.fromkeys([*prev.reason.split("; "), *r.reason.split("; ")])
            out[-1] = Repair(prev.start, r.end, prev.before + text[prev.end : r.start] + r.before,
                             text[prev.start : r.end], "; ".join(reasons), min(prev.confidence, r.confidence))
        else:
            out.append(r)
    return tuple(out)


def convert_file(path: Path, *, source_encoding: str | None = None) -> FileConversion:
    """Extract a file's runs (any supported format) and convert them; raises ExtractionError."""
    from converters.formats import extract

    extraction = extract(Path(path))
    runs = extraction.runs
    if source_encoding is None:
        return FileConversion(extraction, convert_runs(runs))
    if runs and all(isinstance(r.text, bytes) for r in runs):
        data = b"".join(r.text for r in runs)  # type: ignore[misc]
        return FileConversion(extraction, convert_bytes(data, source_encoding=source_encoding))
    text = "".join(r.text if isinstance(r.text, str) else r.text.decode("cp1252") for r in runs)
    return FileConversion(extraction, convert_text(text, source_encoding=source_encoding))
