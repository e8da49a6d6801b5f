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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from converters.capital_faces import convert_capitals
from converters.changes import Changes, step_confidence
from converters.charsets import LABELS, LEGACY_8BIT, decode
from converters.conversion import REVIEW_THRESHOLD, Conversion, DeferredRepairs, Repair
from converters.detect import Detection, detect_bytes, detect_text
from converters.formats.base import Extraction, Run
from converters.gc_pause import collector_paused
from converters.repairs import CHARSET_AWARE, REPAIRS
from converters.repairs.mojibake import find_mojibake, line_charsets
from converters.repairs.readings import MOJIBAKE_READINGS, charset_of, reading_of
from converters.segments import Segments, read_segments

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


def _run_repairs(text: str, reading: str | None, segments: Segments | None = None
                 ) -> tuple[str, tuple[str, ...], Sequence[Repair]]:
    """Run the registry over `text`; `reading` is the legacy reading of its mojibake words, if any;
    `segments` say which lines of a mixed file were read in another charset than its own."""
    changes: Changes | None = None  # built at the first change: most large texts need few steps
    if segments is not None:
        changes = Changes(segments.origin)
        for charset, decoded in segments.steps:
            changes.step("read_segments", f"decoded {charset}", decoded)
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
                changes = Changes(text)
            if name in CHARSET_AWARE:  # the text it decoded (under any layers peeled before it)
                changes.pure = find_mojibake(text, (reading,), force=True).legacy_prior >= MOSTLY_LEGACY
                _line_steps(changes, text, new, reading)
            changes.step(name, reason.format(charset=reading), new)
            steps.append(name)
            text = new
    return text, tuple(steps), DeferredRepairs(changes.repairs) if changes else ()


def _line_steps(changes: Changes, text: str, new: str, reading: str | None) -> None:
    """Record the lines of `text` that the mojibake repair decoded in another legacy charset than
    `reading` as steps of their own (`decoded vni`), before the step that decodes the rest."""
    lines = line_charsets(text, reading) if reading else None
    old_lines, new_lines = text.split("\n"), new.split("\n")
    if lines is None or len(old_lines) != len(new_lines):
        return
    for label in dict.fromkeys(lines):
        if label != reading:
            old_lines = [after if own == label else before
                         for before, after, own in zip(old_lines, new_lines, lines, strict=True)]
            changes.step("undo_legacy_mojibake", f"decoded {charset_of(label)}", "\n".join(old_lines))


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


def _convert(found: Detection, segments: Segments | None = None) -> Conversion:
    reading = found.reading if found.unicode_input else None
    text, steps, repairs = _run_repairs(found.text, reading, segments)
    return Conversion(text, found.label, found.confidence, repairs, (), found.runner_up, steps)


@collector_paused()
def convert_bytes(
    data: bytes, *, source_encoding: str | None = None, fonts: Sequence[str] | None = None
) -> Conversion:
    """Detect (unless `source_encoding` names the charset), decode and repair a document's bytes.

    `fonts` are the font names the format gave for these bytes: a hint for detection, not a verdict.
    """
    if source_encoding:
        found = _forced(data, source_encoding)
        if found.unicode_input:
            return _convert(found)
        return _convert(*read_segments(data, found, named=True))  # UTF-8 lines are still UTF-8
    return _convert(*_detect_bytes(data, fonts))


def _detect_bytes(data: bytes, fonts: Sequence[str] | None) -> tuple[Detection, Segments | None]:
    """The detection of a file's bytes, with its lines in other charsets read in them (`segments`)."""
    found = detect_bytes(data, fonts=fonts)
    return (found, None) if found.unicode_input else read_segments(data, found, fonts=fonts)


@collector_paused()
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


@collector_paused()
def convert_runs(runs: Sequence[Run]) -> Conversion:
    """Convert a format's runs: consecutive runs in the same font charset are converted together.

    A legacy font says the charset (`.VnTime` -> tcvn3); the content still has to agree, because fonts
    lie. Runs in Unicode fonts (or none) are converted as text. Lost letters are restored once more over
    the whole document, whose evidence is stronger than one run's.

    Runs in capitals-only faces (`.VnTimeH`) are converted apart: their words typed in capitals are read
    in capitals throughout (`MôC §ÝCH` → `MỤC ĐÍCH`), the others keep the letters as typed (`Bộ Tài
    chính`, not `BỘ TÀI CHÍNH`: the stored words are what search and the catalog want).
    """
    from converters.fonts import charset_for_font

    groups: list[tuple[tuple[str | None, bool], list[Run]]] = []
    for i, run in enumerate(runs):
        found = charset_for_font(run.font) if run.font else None
        key = (found.charset, found.upper) if found is not None else (None, False)
        if key[1] and len(run.text.split()) == 1 and _inside_a_word(runs, i):
            key = (key[0], False)  # a piece of one word set in the capitals face is read with its word
        # A fontless run of plain ASCII (a line break, a page number) does not interrupt a group.
        neutral = run.font is None and (run.text.isascii() if run.text else True)
        if groups and (groups[-1][0] == key or neutral):
            groups[-1][1].append(run)
        else:
            groups.append((key, [run]))
    joined = _join([convert_capitals(_convert_group(group)) if upper else _convert_group(group)
                    for (_, upper), group in groups])
    return _restore_whole(joined) if len(groups) > 1 else joined


def _inside_a_word(runs: Sequence[Run], i: int) -> bool:
    """Whether run i continues the word of the run before it, or its word goes on in the run after it."""
    def letter(text: str | bytes, at: int) -> bool:
        if not text:
            return False
        ch = text[at] if isinstance(text, str) else chr(text[at])
        return not ch.isspace() and not (ch.isascii() and not ch.isalnum())

    text = runs[i].text
    return bool(i and letter(runs[i - 1].text, -1) and letter(text, 0)) or bool(
        i + 1 < len(runs) and letter(text, -1) and letter(runs[i + 1].text, 0))


def _convert_group(group: list[Run]) -> Conversion:
    fonts = [r.font for r in group if r.font]
    if all(isinstance(r.text, bytes) for r in group):
        return _convert(*_detect_bytes(b"".join(r.text for r in group), fonts))  # type: ignore[misc]
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
        conf = step_confidence("restore_lost_u", old, new)
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
    different runs or passes), as `Changes` does within one pass."""
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


def convert_file(path: Path, *, source_encoding: str | None = None, timeout: int = 120,
                 max_mb: int = 100) -> FileConversion:
    """Extract a file's runs (any supported format) and convert them; raises ExtractionError.

    `timeout` bounds each step of the extraction (LibreOffice on one file, pdfminer on one page, OCR);
    `max_mb` is the largest file read.
    """
    from converters.formats import extract

    extraction = extract(Path(path), timeout=timeout, max_mb=max_mb)
    runs = extraction.runs
    if source_encoding is None:
        return FileConversion(extraction, convert_runs(runs))
    if runs and all(isinstance(r.text, bytes) for r in runs):
        data = b"".join(r.text for r in runs)  # type: ignore[misc]
        return FileConversion(extraction, convert_bytes(data, source_encoding=source_encoding))
    text = "".join(r.text if isinstance(r.text, str) else r.text.decode("cp1252") for r in runs)
    return FileConversion(extraction, convert_text(text, source_encoding=source_encoding))
