"""Which charset a document is in, from its content (and font names when the format gives them).

Bytes first: a BOM, then valid UTF-8 (which may still carry legacy text read as cp1252 — the repairs
find that per token), then the 8-bit charsets, each decoded and scored by how many of its non-ASCII
words are Vietnamese syllables. chardet is not used: it reports TCVN3 as cp1252 with confidence 0.18
and knows nothing of VNI. A file whose best reading is not Vietnamese is `cp1252`, left as it reads.

    >>> detect_bytes("Việt Nam".encode()).label
    'utf-8'
    >>> d = detect_bytes(b"B\\xb8o c\\xb8o ho\\xb9t \\xae\\xe9ng c\\xf1a hi\\xd6p h\\xe9i")
    >>> d.label, d.text
    ('tcvn3', 'Báo cáo hoạt động của hiệp hội')
    >>> detect_bytes("Déjà vu, très café".encode("cp1252")).label
    'cp1252'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from converters.charsets import LEGACY_8BIT, decode
from converters.charsets.utf16 import SAMPLE as UTF16_SAMPLE
from converters.charsets.utf16 import utf16_without_bom
from converters.language.lexicon import FLOOR, has_western_word, is_foreign_word, spelling_score
from converters.language.tokens import token_counts, word_core
from converters.repairs.layers import find_layers
from converters.repairs.mixed_lines import chunk_unread, vietnamese_words
from converters.repairs.mojibake import find_evidence
from converters.repairs.readings import charset_of, spelled_by_no_language
from converters.repairs.viqr import viqr_confidence

_PRINTABLE = re.compile(rb"[\x20-\x7e]*")
# Bytes of an 8-bit file scored for detection: enough for a verdict, cheap on large files.
SAMPLE_BYTES = 64 * 1024
# Share of non-ASCII words that must be syllables for an 8-bit reading to count as Vietnamese; below
# SURE_SHARE the reading is also weighed against the text read as French, German or English.
MIN_VALID_SHARE = 0.5
SURE_SHARE = 0.9
# A verdict on fewer Vietnamese words than this is weighed against the Western languages as well.
FEW_WORDS = 5
# A charset named by the run's font is kept while it reads at least this share of the best reading's
# Vietnamese words.
HINT_SHARE = 0.5


@dataclass(frozen=True)
class Detection:
    """A document's charset label, how sure we are (0-1), the second-best label, and the decoded text."""

    label: str
    confidence: float
    runner_up: str | None
    text: str
    unicode_input: bool = True  # False: `text` was decoded from 8-bit bytes with `label`
    reading: str | None = None  # the legacy reading of its mojibake words (`tcvn3`, `utf-8-twice` …)


def _likelihood(text: str) -> float:
    """The summed log frequency of the non-ASCII words of `text` (`tai nạn giao thông` over the
    `tai nÓn giao thỡng` of another charset, whose words are as many and as valid)."""
    return sum(n * spelling_score(word_core(token)) for token, n in token_counts(text).items()
               if not token.isascii())


def _one_long_word(sample: bytes, label: str) -> bool:
    """True when the one word of `sample` with a byte above 127 has three characters or more and reads as
    a known Vietnamese word in `label` (not a syllable only the grammar allows: `Luí`, `såp` stay), and no
    other word is a Western one (`edad dîa` stays)."""
    text = decode(sample, "cp1252")
    words = [word_core(token) for token in token_counts(text) if not token.isascii()]
    if len(words) != 1 or len(words[0]) < 3 or has_western_word(text):
        return False
    read = [word_core(token) for token in token_counts(decode(sample, label)) if not token.isascii()]
    return len(read) == 1 and spelling_score(read[0]) > FLOOR


def _word_no_language_spells(sample: bytes, label: str) -> bool:
    """True when a word of `sample` is Vietnamese read as `label` and, read as cp1252, holds a symbol where
    no language's spelling puts one (`Ch©u`, `®ång`: TCVN3 `Châu`, `đồng`)."""
    words = {word for word in sample.split() if not word.isascii()}
    return any(spelled_by_no_language(word_core(decode(word, "cp1252")))
               and vietnamese_words(decode(word, label))[0] for word in words)


def foreign_words(text: str) -> int:
    """Non-ASCII words of `text` that are common English, French or German words (`très`, `für`)."""
    return sum(n for token, n in token_counts(text).items() if not token.isascii() and is_foreign_word(token))


def _font_labels(fonts: Sequence[str] | None) -> list[str]:
    if not fonts:
        return []
    from converters.fonts import charset_for_font  # the formats layer's font table

    labels = []
    for name in fonts:
        found = charset_for_font(name)
        if found is not None and found.charset in LEGACY_8BIT and found.charset not in labels:
            labels.append(found.charset)
    return labels


@lru_cache(maxsize=2)  # the lines of a mixed file are weighed against the same sample's words
def label_unread(sample: bytes) -> dict[str, tuple[dict[str, int], int]]:
    """`unread_words` of `sample` read in each legacy charset (shared: callers must not modify it).

    Only the distinct words holding a byte outside printable ASCII are read, once each: the others read
    as the same ASCII in every legacy charset, and ASCII words do not count."""
    words = Counter(sample.split())  # at ASCII white space, which every legacy charset keeps
    suspects = [word for word in words if not _PRINTABLE.fullmatch(word)]
    if not suspects:
        return {label: ({}, 0) for label in LEGACY_8BIT}
    counts = [words[word] for word in suspects]
    joined = b"\n".join(suspects)
    return {label: chunk_unread(decode(joined, label).split("\n"), counts) for label in LEGACY_8BIT}


def label_scores(sample: bytes) -> dict[str, tuple[int, int]]:
    """`vietnamese_words` of `sample` read in each legacy charset."""
    return {label: (total - sum(unread.values()), total)
            for label, (unread, total) in label_unread(sample).items()}


def detect_8bit(data: bytes, *, fonts: Sequence[str] | None = None) -> Detection:
    """The best legacy reading of bytes that are not UTF-8 (or `cp1252` when none is Vietnamese)."""
    sample = data[:SAMPLE_BYTES]
    hinted = _font_labels(fonts)
    scored = []
    for label, (valid, total) in label_scores(sample).items():
        # A font that names the charset breaks near-ties; content still decides (fonts lie).
        bonus = 0.02 * total if label in hinted else 0
        scored.append((valid - (total - valid) + bonus, valid, total, label))
    scored.sort(reverse=True)
    tied = [r for r in scored if r[:3] == scored[0][:3]]
    if len(tied) > 1:  # as many Vietnamese words (a short text): the likelier words decide
        best = max(tied, key=lambda r: _likelihood(decode(sample, r[3])))
        scored.remove(best)
        scored.insert(0, best)
    # The font's charset holds unless another reading is clearly more Vietnamese (fonts lie).
    preferred = next((r for r in scored if r[3] in hinted and r[1] >= HINT_SHARE * scored[0][1]), None)
    if preferred is not None:
        scored.remove(preferred)
        scored.insert(0, preferred)
    _, valid, total, label = scored[0]
    runner_up = scored[1][3]
    # A legacy font named for these bytes lowers the bar: a short run has few words to judge by.
    # Raw bytes are no UTF-8, so a line whose one word outside ASCII is Vietnamese is enough (`C«ng ty`)
    # when it has three letters or more (`så`, `må` are Swedish), and one Vietnamese word that no language
    # spells so is enough among others (`§VT : 1000 ®ång`).
    enough = valid >= 1 if label in hinted else valid >= 2 or (valid == 1 and (
        (total == 1 and _one_long_word(sample, label)) or _word_no_language_spells(sample, label)))
    if enough and (valid < SURE_SHARE * total or valid < FEW_WORDS) and label not in hinted:
        # A doubtful verdict, or one on few words: if the same words read as cp1252 are common words of
        # a Western language (`très`, `für`, `må gå`), the file is in that language.
        enough = foreign_words(decode(sample, "cp1252")) < valid
    if not total or valid < MIN_VALID_SHARE * total or not enough:
        confidence = round(1.0 - (valid / total if total else 0.0), 3)
        return Detection("cp1252", confidence, label, decode(data, "cp1252"), unicode_input=False)
    second_valid = scored[1][1]
    confidence = min(1.0, valid / total) * (1.0 if valid > 2 * second_valid else 0.8)
    return Detection(label, round(confidence, 3), runner_up, decode(data, label), unicode_input=False)


def detect_text(text: str) -> Detection:
    """Detection for text that is already Unicode: `utf-8`, `ascii`, `viqr`, or the legacy charset its
    mojibake words come from (then `reading` says how to undo them), under any layers of UTF-8 read as
    cp1252 (`Â§Â¬n` is TCVN3)."""
    confidence = viqr_confidence(text)
    if confidence is not None:
        return Detection("viqr", round(confidence, 3), "ascii", text)
    if text.isascii():
        return Detection("ascii", 1.0, None, text)
    layers = find_layers(text)  # mojibake under layers of UTF-8 read as cp1252: the repairs peel them
    evidence = layers.evidence if layers else find_evidence(text)
    runner_up = charset_of(evidence.runner_up) if evidence.runner_up else None
    if evidence.label:
        label = charset_of(evidence.label)
        return Detection(label, round(evidence.confidence, 3), runner_up, text, reading=evidence.label)
    return Detection("utf-8", 1.0, runner_up, text)


def _with_bom(label: str, text: str) -> Detection:
    """Text whose byte-order mark named its Unicode form: VIQR or legacy words read as cp1252 inside it
    (Notepad saves UTF-8 and UTF-16 with a mark) are still found; otherwise the mark's form is the label."""
    found = detect_text(text)
    return found if found.reading or found.label == "viqr" else Detection(label, 1.0, None, text)


def detect_bytes(data: bytes, *, fonts: Sequence[str] | None = None) -> Detection:
    """Label, confidence, runner-up and decoded text of a whole file's bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _with_bom("utf-8", data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _with_bom("utf-16", data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data[:UTF16_SAMPLE] and (text := utf16_without_bom(data)) is not None:
        return _with_bom("utf-16", text)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return detect_8bit(data, fonts=fonts)
    return detect_text(text)
