"""bytes -> detect -> decode -> repairs -> Conversion, with every change recorded and replayable.

The repairs run in the registry's order (`converters.repairs.REPAIRS`); a step is recorded only when it
changed the text, and its changes are derived by comparing the step's input and output word by word,
so `Conversion.repairs` says what changed, where (in the final text), why, and how sure we are.

    >>> c = convert_bytes("®îc sù nhÊt trÝ cña Bé Néi vô nh ®Êt nớc".encode())
    >>> c.text, c.encoding, c.steps
    ('được sự nhất trí của Bộ Nội vụ như đất nước', 'tcvn3', ('undo_legacy_mojibake', 'restore_lost_u'))
    >>> [(r.before, r.after, r.reason) for r in c.repairs][:2]
    [('®îc', 'được', 'decoded tcvn3; restored ư from context'), ('sù', 'sự', 'decoded tcvn3')]
    >>> replay("®îc sù nhÊt trÝ cña Bé Néi vô nh ®Êt nớc", c.steps, c.encoding) == c.text
    True
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from converters.charsets import LABELS, LEGACY_8BIT, decode
from converters.conversion import Conversion, Repair
from converters.detect import Detection, detect_bytes, detect_text
from converters.formats.base import Extraction, Run
from converters.language.lexicon import INVALID, spelling_score
from converters.language.tokens import TOKEN
from converters.repairs import CHARSET_AWARE, REPAIRS
from converters.repairs.readings import MOJIBAKE_READINGS

CONVERTER_VERSION = "0.2"

_CHUNKS = re.compile(r"(\s+)")


@dataclass
class FileConversion:
    """A file's extraction (format, properties, pages) and its converted text."""

    extraction: Extraction
    conversion: Conversion


def _syllables_ok(text: str) -> bool | None:
    """True when every word of `text` is a syllable, False when one is not, None when it has no words."""
    words = TOKEN.findall(text)
    if not words:
        return None
    return all(spelling_score(w) > INVALID for w in words)


def _confidence(name: str, before: str, after: str) -> float:
    """How sure a change is: certain for normalisation, lower when the old word was already valid."""
    if name in ("normalize_nfc", "decode_html_entities"):
        return 1.0
    was, now = _syllables_ok(before), _syllables_ok(after)
    if now is False:
        return 0.5
    if was:
        return 0.7  # both readings are Vietnamese: context decided
    if name == "restore_lost_u" and len(TOKEN.findall(before)[0] if TOKEN.findall(before) else "") < 2:
        return 0.85  # a lone letter restored from its neighbours
    return 0.97


class _Changes:
    """Changed chunks (whitespace-separated pieces) tracked through the steps by chunk index."""

    def __init__(self, text: str) -> None:
        self.chunks = _CHUNKS.split(text)
        self.origin = list(self.chunks)  # each chunk as it was before any step touched it
        self.reasons: list[list[str]] = [[] for _ in self.chunks]
        self.confidence: list[float] = [1.0] * len(self.chunks)

    def step(self, name: str, reason: str, new_text: str) -> None:
        new = _CHUNKS.split(new_text)
        if len(new) != len(self.chunks):
            new = self._realign(new)
        for i, (old, now) in enumerate(zip(self.chunks, new, strict=True)):
            if old != now:
                self.reasons[i].append(reason)
                self.confidence[i] = min(self.confidence[i], _confidence(name, old, now))
        self.chunks = new

    def _realign(self, new: list[str]) -> list[str]:
        """A step changed the whitespace: each changed run of chunks becomes one chunk on both sides."""
        matcher = difflib.SequenceMatcher(None, self.chunks, new, autojunk=False)
        chunks, origin, reasons, confidence, merged = [], [], [], [], []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                chunks += self.chunks[i1:i2]
                origin += self.origin[i1:i2]
                reasons += self.reasons[i1:i2]
                confidence += self.confidence[i1:i2]
                merged += new[j1:j2]
            else:
                chunks.append("".join(self.chunks[i1:i2]))
                origin.append("".join(self.origin[i1:i2]))
                reasons.append(sorted({r for rs in self.reasons[i1:i2] for r in rs}))
                confidence.append(min(self.confidence[i1:i2], default=1.0))
                merged.append("".join(new[j1:j2]))
        self.chunks, self.origin, self.reasons, self.confidence = chunks, origin, reasons, confidence
        return merged

    def repairs(self) -> tuple[Repair, ...]:
        out, pos = [], 0
        rows = zip(self.chunks, self.origin, self.reasons, self.confidence, strict=True)
        for chunk, origin, reasons, conf in rows:
            if reasons and chunk != origin:
                out.append(Repair(pos, pos + len(chunk), origin, chunk, "; ".join(reasons), conf))
            pos += len(chunk)
        return tuple(out)


def _run_repairs(text: str, charset: str | None) -> tuple[str, tuple[str, ...], tuple[Repair, ...]]:
    changes = _Changes(text)
    steps = []
    for name, (repair, reason) in REPAIRS.items():
        if name in CHARSET_AWARE:
            if charset not in MOJIBAKE_READINGS:
                continue
            new = repair(text, charset=charset)
        else:
            new = repair(text)
        if new != text:
            changes.step(name, reason.format(charset=charset), new)
            steps.append(name)
            text = new
    return text, tuple(steps), changes.repairs()


def replay(text: str, steps: Sequence[str], encoding: str | None = None) -> str:
    """Apply recorded `steps` to `text` again (the text the repairs started from)."""
    for name in steps:
        repair = REPAIRS[name][0]
        text = repair(text, charset=encoding) if name in CHARSET_AWARE else repair(text)
    return text


def _forced(data: bytes, label: str) -> Detection:
    """Decode with the charset the caller names; legacy words already read as cp1252 are taken back."""
    if label not in LABELS:
        raise ValueError(f"unknown charset {label!r} (known: {', '.join(LABELS)})")
    if label in LEGACY_8BIT:
        if _is_utf8(data) and not data.isascii():
            return Detection(label, 1.0, None, data.decode("utf-8"))  # mojibake words, undone per token
        return Detection(label, 1.0, None, decode(data, label), unicode_input=False)
    text = decode(data, label)
    if label == "viqr":
        return Detection(label, 1.0, None, text)
    found, confidence, runner_up = detect_text(text)
    if found in ("utf-8", "ascii"):
        return Detection(label, 1.0, runner_up, text)
    return Detection(found, confidence, runner_up, text)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _convert(found: Detection) -> Conversion:
    charset = found.label if found.unicode_input and found.label in MOJIBAKE_READINGS else None
    text, steps, repairs = _run_repairs(found.text, charset)
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
    label, confidence, runner_up = detect_text(text)
    hinted = source_encoding or _font_charset(fonts)
    if hinted in MOJIBAKE_READINGS and label not in MOJIBAKE_READINGS:
        label, confidence = hinted, 0.9  # too little evidence of its own: trust the font or the caller
    elif source_encoding and label in ("utf-8", "ascii"):
        label = source_encoding
    return _convert(Detection(label, confidence, runner_up, text))


def _font_charset(fonts: Sequence[str] | None) -> str | None:
    from converters.fonts import charset_for_font

    for name in fonts or ():
        found = charset_for_font(name)
        if found is not None and found.charset in LEGACY_8BIT:
            return found.charset
    return None


def convert_runs(runs: Sequence[Run]) -> Conversion:
    """Convert a format's runs: consecutive runs in the same font charset are converted together.

    A legacy font says the charset (`.VnTime` -> tcvn3, `.VnTimeH` -> tcvn3 capitals); the content still
    has to agree, because fonts lie. Runs in Unicode fonts (or none) are converted as text. Lost letters
    are restored once more over the whole document, whose evidence is stronger than one run's.
    """
    from converters.fonts import charset_for_font

    groups: list[tuple[tuple[str | None, bool], list[Run]]] = []
    for run in runs:
        found = charset_for_font(run.font) if run.font else None
        key = (found.charset, found.upper) if found is not None else (None, False)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(run)
        else:
            groups.append((key, [run]))
    joined = _join([_convert_group(charset, upper, group) for (charset, upper), group in groups])
    return _restore_whole(joined) if len(groups) > 1 else joined


def _convert_group(charset: str | None, upper: bool, group: list[Run]) -> Conversion:
    fonts = [r.font for r in group if r.font]
    if all(isinstance(r.text, bytes) for r in group):
        data = b"".join(r.text for r in group)  # type: ignore[misc]
        found = detect_bytes(data, fonts=fonts)
        if upper and not found.unicode_input and found.label == charset:
            capitals = decode(data, charset, upper_font=True)
            found = Detection(found.label, found.confidence, found.runner_up, capitals, unicode_input=False)
        return _convert(found)
    text = "".join(r.text if isinstance(r.text, str) else r.text.decode("cp1252") for r in group)
    result = convert_text(text, fonts=fonts)
    if upper and result.encoding == charset:
        return Conversion(result.text.upper(), result.encoding, result.confidence, result.repairs, (),
                          result.runner_up, result.steps)
    return result


def _restore_whole(conversion: Conversion) -> Conversion:
    """Run the lost-letter repair over the joined document and merge its changes."""
    repair, reason = REPAIRS["restore_lost_u"]
    text = repair(conversion.text)
    if text == conversion.text:
        return conversion
    changes = _Changes(conversion.text)
    changes.step("restore_lost_u", reason, text)
    merged = {(r.start, r.end): r for r in conversion.repairs}
    for r in changes.repairs():
        old = merged.get((r.start, r.end))
        if old is not None:
            reason = f"{old.reason}; {r.reason}"
            r = Repair(r.start, r.end, old.before, r.after, reason, min(old.confidence, r.confidence))
        merged[(r.start, r.end)] = r
    steps = conversion.steps if "restore_lost_u" in conversion.steps else (*conversion.steps, "restore_lost_u")
    repairs = tuple(sorted(merged.values(), key=lambda r: r.start))
    return Conversion(
        text, conversion.encoding, conversion.confidence, repairs, conversion.warnings, conversion.runner_up, steps
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
    return Conversion("".join(text), label, confidence, tuple(repairs), (), None, tuple(steps))


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
