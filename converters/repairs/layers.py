"""Peel whole-text layers of UTF-8 read as cp1252 off text whose inside is still legacy mojibake.

How the damage happens: a TCVN3 file is read as cp1252 and saved as UTF-8 (`§¬n ®¨ng`), then a second
pipeline reads that UTF-8 as cp1252 again and saves it as UTF-8 (`Â§Â¬n Â®Â¨ng`); cp1252's five
undefined bytes become U+FFFD on the way. Plain Unicode through cp1252 twice is the same damage with
twice-decoded UTF-8 inside. Such a text is wholly cp1252 characters whose bytes are valid UTF-8.

The repair peels layers, each one exactly (every character back to its bytes, the bytes read as UTF-8),
while the whole text allows it, and keeps the layer that shows the most legacy evidence
(`find_evidence`); the next repair decodes that layer's mojibake word by word. A byte lost to
U+FFFD is filled with the one that makes a character a byte can stand for and, among those, the word
read in the layer's legacy charset the best syllable. It does nothing to text that is not wholly such
a layer (French, German, English, Unicode Vietnamese, one layer of mojibake):

    >>> peel_utf8_layers("Â§Â¬n Â®Â¨ng kÃ½ cÃ±a BÃ© NÂ«ng nghiÃ–p")
    '§¬n ®¨ng ký cña Bé N«ng nghiÖp'
    >>> peel_utf8_layers("ViÃ¡Â»â€¡t Nam Ã„â€˜Ã†Â°Ã¡Â»Â£c")  # Unicode through cp1252 twice
    'Viá»‡t Nam Ä‘Æ°á»£c'
    >>> peel_utf8_layers("Déjà vu, très café."), peel_utf8_layers("B¸o c¸o ho¹t ®éng")
    ('Déjà vu, très café.', 'B¸o c¸o ho¹t ®éng')
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from converters.charsets import LETTERS, cp1252_text_to_bytes
from converters.language.context import SyllableModel
from converters.language.letter_case import in_capitals, plain_case
from converters.language.syllable import strip_tone
from converters.language.tokens import TOKEN, spread_sample, word_core
from converters.repairs.mojibake import MojibakeEvidence, find_evidence
from converters.repairs.readings import BYTE_CHARS, LOST_BYTES, read_as

# Layers peeled at most: a file that went through more pipelines than this is left as it is.
MAX_LAYERS = 3
# Fills of one word's lost bytes tried together, at most (five readings a byte: three bytes).
MAX_FILLS = 125
# log10 frequency given to a word of capitals without a vowel (`NĐ`, `TNLĐ`): an abbreviation, about as
# common as a syllable of middling frequency.
ABBREVIATION = -4.5
_VOWEL = re.compile("[aeiouyAEIOUY]")  # in NFD: every Vietnamese vowel, marks apart
_CONTROLS = "".join(map(chr, range(32)))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_BYTE_LIKE = re.compile(rf"[\x00-\x7f{BYTE_CHARS}\ufffd]")


@dataclass(frozen=True)
class Layers:
    """The text under `count` layers of UTF-8 read as cp1252, and the legacy evidence it shows."""

    text: str
    count: int
    evidence: MojibakeEvidence


def _sequence_length(lead: int | None) -> int | None:
    """Bytes in the UTF-8 sequence that `lead` starts; None when it cannot start one."""
    if lead is None or lead < 0xC2 or lead > 0xF4:
        return None
    return 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


@lru_cache(maxsize=100_000)
def _peel_run(run: str) -> tuple[tuple[str, ...], ...] | None:
    """The characters a run of non-ASCII cp1252 characters stood for as UTF-8, each as its possible
    readings (several where a byte was lost to U+FFFD; those a byte can stand for first); None when the
    run is not UTF-8 read as cp1252.

    >>> _peel_run("Â§Ã\\ufffd")
    (('§',), ('Á', 'Í', 'Ï', 'Ð', 'Ý'))
    """
    parts = [cp1252_text_to_bytes(part) for part in run.split("\ufffd")]
    if any(part is None for part in parts):
        return None
    data: list[int | None] = list(parts[0])  # type: ignore[arg-type]
    for part in parts[1:]:
        data.append(None)
        data.extend(part)  # type: ignore[arg-type]
    chars: list[tuple[str, ...]] = []
    i = 0
    while i < len(data):
        n = _sequence_length(data[i])
        if n is None or i + n > len(data):
            return None
        sequence = data[i : i + n]
        holes = [k for k, byte in enumerate(sequence) if byte is None]
        options = []
        for fill in itertools.product(LOST_BYTES, repeat=len(holes)):
            filled = list(sequence)
            for k, byte in zip(holes, fill, strict=True):
                filled[k] = byte
            try:
                options.append(bytes(filled).decode("utf-8"))  # type: ignore[arg-type]
            except UnicodeDecodeError:
                continue
        if not options:
            return None
        chars.append(tuple(sorted(options, key=lambda ch: not _BYTE_LIKE.match(ch))))
        i += n
    return tuple(chars)


def _peel_once(text: str) -> tuple[str, list[tuple[int, tuple[str, ...]]]] | None:
    """One layer off the whole text: (the text under it with the first reading of each lost byte, the
    positions with other readings and those readings); None when the text is not such a layer."""
    out: list[str] = []
    ambiguous: list[tuple[int, tuple[str, ...]]] = []
    pos = length = 0
    for match in _NON_ASCII.finditer(text):
        chars = _peel_run(match.group())
        if chars is None:
            return None
        out.append(text[pos : match.start()])
        length += match.start() - pos
        for options in chars:
            if len(options) > 1:
                ambiguous.append((length, options))
            out.append(options[0])
            length += 1
        pos = match.end()
    if not out:
        return None
    out.append(text[pos:])
    return "".join(out), ambiguous


def _fill_lost_bytes(text: str, ambiguous: list[tuple[int, tuple[str, ...]]], label: str) -> str:
    """`text` with the reading of each lost byte chosen by its word read as `label`: characters a byte
    can stand for (the layer under is a cp1252 reading), a word in plain case with only Vietnamese
    letters (`UĐNCC`, not `UÏNCC`), the likeliest between its neighbours (`SyllableModel` with the
    document's other words; capitals without a vowel are an abbreviation, `NĐ` rather than `NÁ`, and
    one among words not in capitals or abbreviations is likelier than a syllable, `kiện LĐ` rather
    than `kiện LÝ`, `KH-ĐT` rather than `KH-ÍT`), then one without a tone mark. Twice, so that a
    word's neighbours are as chosen."""
    spans = [m.span() for m in TOKEN.finditer(text)]
    starts = [start for start, _ in spans]
    holes: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    for at, options in ambiguous:
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and spans[k][0] <= at < spans[k][1]:
            holes.setdefault(k, []).append((at - spans[k][0], options))
    tokens = {k: text[spans[k][0] : spans[k][1]] for k in holes}

    def word(k: int) -> str | None:
        if not 0 <= k < len(spans):
            return None
        token = tokens.get(k) or text[spans[k][0] : spans[k][1]]
        return word_core(read_as(token, label) or token)

    model = SyllableModel(Counter(w.lower() for k in range(len(spans)) if k not in holes and (w := word(k))))
    chosen: dict[tuple, str] = {}
    for _ in range(2):
        for k, inside in holes.items():
            key = (text[spans[k][0] : spans[k][1]], word(k - 1), word(k + 1))
            if key not in chosen:
                chosen[key] = _best_fill(key[0], inside, label, model, key[1], key[2])
            tokens[k] = chosen[key]
    out, pos = [], 0
    for k in sorted(holes):
        out += [text[pos : spans[k][0]], tokens[k]]
        pos = spans[k][1]
    out.append(text[pos:])
    return "".join(out)


def _has_vowel(word: str) -> bool:
    return bool(_VOWEL.search(unicodedata.normalize("NFD", word)))


def _capitals_syllables(word: str | None) -> bool:
    """True for a word in capitals with a vowel (`PHẦN`), not an abbreviation (`KH` in `KH-ĐT`)."""
    return in_capitals(word) and _has_vowel(word)  # type: ignore[arg-type]


def _best_fill(token: str, inside: list[tuple[int, tuple[str, ...]]], label: str, model: SyllableModel,
               before: str | None, after: str | None) -> str:
    """`token` with the lost bytes at `inside` (offset, readings) filled as `_fill_lost_bytes` says."""

    alone = not _capitals_syllables(before) and not _capitals_syllables(after)

    def rank(fill: tuple[str, ...]) -> tuple[bool, bool, bool, float, bool]:  # the greater, the likelier
        chars = list(token)
        for (at, _), ch in zip(inside, fill, strict=True):
            chars[at] = ch
        filled = "".join(chars)
        reading = word_core(read_as(filled, label) or filled).strip(_CONTROLS)  # a field mark of Word
        abbreviation = len(reading) > 1 and reading.isupper() and not _has_vowel(reading)
        score = ABBREVIATION if abbreviation else model.score(reading, before, after)
        # among words not in capitals, a word in capitals is an abbreviation, not a syllable
        natural = not alone or abbreviation or not reading.isupper()
        vietnamese = all(ch.isascii() or ch in LETTERS for ch in reading if ch.isalpha())  # not `UÏNCC`
        return plain_case(reading), vietnamese, natural, score, strip_tone(reading) == reading

    choices = [[ch for ch in options if _BYTE_LIKE.match(ch)] or list(options) for _, options in inside]
    if math.prod(map(len, choices)) > MAX_FILLS:  # too many to try together: the first reading each
        choices = [options[:1] for options in choices]
    best = max(itertools.product(*choices), key=rank)
    chars = list(token)
    for (at, _), ch in zip(inside, best, strict=True):
        chars[at] = ch
    return "".join(chars)


@lru_cache(maxsize=2)  # detection and the repair peel the same text
def find_layers(text: str) -> Layers | None:
    """The text under its layers of UTF-8 read as cp1252 down to the layer with the most legacy evidence
    (None when no layer under them has any: the text is not such layers, or Unicode is under the first
    and the mojibake repair reads it). A long text is peeled whole only when a spread sample of it
    shows such layers."""
    if text.isascii():
        return None
    sample = spread_sample(text)
    if sample is not text and _under_layers(sample) is None:
        return None
    return _under_layers(text)


def _under_layers(text: str) -> Layers | None:
    """`find_layers` on the whole of `text`."""
    levels: list[Layers] = []
    current = text
    while len(levels) < MAX_LAYERS and (peeled := _peel_once(current)) is not None:
        current, ambiguous = peeled
        evidence = find_evidence(current)
        if ambiguous and evidence.label:
            current = _fill_lost_bytes(current, ambiguous, evidence.label)
            evidence = find_evidence(current)
        levels.append(Layers(current, len(levels) + 1, evidence))
    found = [level for level in levels if level.evidence.label]
    return max(found, key=lambda level: (level.evidence.evidence, level.count)) if found else None


def peel_utf8_layers(text: str) -> str:
    """Undo the layers of UTF-8 read as cp1252 over legacy mojibake (see the module docstring)."""
    found = find_layers(text)
    return found.text if found else text
