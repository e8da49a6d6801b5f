"""Files whose lines are not all in one charset: UTF-8 lines among legacy bytes, or two legacy charsets.

Detection gives one charset for a whole file. Someone appends UTF-8 text to a TCVN3 file (or TCVN3 to a
UTF-8 one), so the bytes are not UTF-8 as a whole but hold whole lines of it; or a document gathers
passages typed in TCVN3 and in VNI; or a letter quoted from a French partner is pasted in UTF-8. Such
lines are read their own way, chosen by the Vietnamese words of each reading (`repairs.mixed_lines`), or
by the common words of a language written in cp1252 where no legacy reading is Vietnamese; never by
validity alone: legacy bytes can form a valid UTF-8 pair (TCVN3 `Ấ‘` is C4 91, UTF-8 `đ`). The work is
done only when the evidence says the file is mixed: it holds UTF-8 letters or typographic marks, or a
stretch of it reads poorly in its charset and well in another.

    >>> from converters.detect import detect_bytes
    >>> data = "Hà Nội, ngày 5 tháng 3".encode() + b"\\n" + b"B\\xb8o c\\xb8o t\\xe6ng k\\xd5t"
    >>> found, segments = read_segments(data, detect_bytes(data))
    >>> found.label, found.text
    ('tcvn3', 'Hà Nội, ngày 5 tháng 3\\nBáo cáo tổng kết')
    >>> [label for label, _ in segments.steps]
    ['utf-8']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from converters.charsets import LEGACY_8BIT, decode, encode
from converters.detect import SAMPLE_BYTES, Detection, detect_8bit, label_scores, label_unread
from converters.language.tokens import word_core
from converters.repairs.mixed_lines import (
    MIN_OTHER_WORDS,
    choose_lines,
    clearly_other,
    unread_words,
    vietnamese_words,
    western_line,
)

# Vietnamese letters in UTF-8: U+1EA0-U+1EF9 (E1 BA/BB xx), Latin-1 letters (C3 xx), ă đ ĩ ũ ơ ư.
UTF8_LETTER = re.compile(rb"\xe1[\xba\xbb][\x80-\xbf]|\xc3[\x80-\xbf]|\xc4[\x82\x83\x90\x91\xa8\xa9]"
                         rb"|\xc5[\xa8\xa9]|\xc6[\xa0\xa1\xaf\xb0]")
# ... and what else a text in a language written in cp1252 holds: Latin-1's symbols (« » ° NBSP), œ Š Ž Ÿ,
# typographic dashes, quotes and ellipsis, €. None of these pairs occurs in 2 MB of any legacy charset.
UTF8_TEXT = re.compile(UTF8_LETTER.pattern + rb"|\xc2[\xa0-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]"
                       rb"|\xe2\x80[\x93\x94\x98-\x9e\xa6]|\xe2\x82\xac")
# A second legacy charset is looked for when the main one leaves at least this share of the sample's
# words (and MIN_OTHER_WORDS) un-Vietnamese.
UNREAD_SHARE = 0.05
# A large file is searched for UTF-8 letters in its first and last END_BYTES and SLICES slices between.
END_BYTES, SLICES = 16 * 1024, 16
# Past the detection sample, a second legacy charset is looked for in the last TAIL_BYTES and SLICES
# slices of SLICE_BYTES between.
TAIL_BYTES, SLICE_BYTES = 2 * 1024, 256


@dataclass(frozen=True)
class Segments:
    """How a mixed file's text came about, for the change records."""

    origin: str  # the file read in its main charset alone
    steps: tuple[tuple[str, str], ...]  # (charset, the text once its lines are read in it), in order


def read_segments(data: bytes, found: Detection, *, fonts: Sequence[str] | None = None,
                  named: bool = False) -> tuple[Detection, Segments | None]:
    """`found` (the verdict on `data`, bytes that are not UTF-8 as a whole) with the lines that are in
    another charset read in it, and how; `(found, None)` when every line is in `found`'s charset.
    `named`: the caller named `found`'s charset, which is kept for every line that is not UTF-8."""
    if not _utf8_text(data) and (named or not (_other_charsets(data, found.label)
                                               or _western_bytes(data, found.label))):
        return found, None
    lines = data.split(b"\n")
    utf8, western, mixed = _utf8_lines(lines)
    rest = data
    if (utf8 or western) and not named:  # the legacy charset is that of the other lines
        rest = b"\n".join(b"" if i in utf8 or i in western else line for i, line in enumerate(lines))
        found = detect_8bit(rest, fonts=fonts)
    main = found.label
    others = () if named else _other_charsets(rest, main)
    words = {i: text for i in mixed if (text := _utf8_words(lines[i], main)) is not None}
    cp1252 = not named and _western_bytes(rest, main)
    if not utf8 and not western and not words and not others and not cp1252:
        return found, None
    origin = decode(data, main) if utf8 or western or words else found.text
    read = origin.split("\n")
    if len(read) != len(lines):  # a byte read as a line break: the lines cannot be matched
        return found, None
    scores = [_scores(line, text, main, others, utf8.get(i)) for i, (line, text) in
              enumerate(zip(lines, read, strict=True))]
    labels = choose_lines(scores, main)
    for i in words:  # a legacy line with words in UTF-8
        if labels[i] == main:
            labels[i], utf8[i] = "utf-8", words[i]
    for i, text in western.items():  # French or German in UTF-8, where no legacy reading is Vietnamese
        if _none_reads_most(scores[i]):
            labels[i], utf8[i] = "utf-8", text
    # ... and in cp1252 bytes, on more evidence (legacy bytes read as cp1252 make short words: TCVN3 `Số`
    # is `Sè`, Italian)
    for i, line_scores in enumerate(scores if cp1252 else ()):
        if labels[i] == main and line_scores and _none_reads_most(line_scores):
            labels[i] = "cp1252" if western_line(decode(lines[i], "cp1252"), MIN_OTHER_WORDS) else main
    steps, text = [], read
    for label in dict.fromkeys(labels):
        if label == main:
            continue
        text = [(utf8.get(i) or lines[i].decode("utf-8") if label == "utf-8" else decode(lines[i], label))
                if own == label else old
                for i, (old, own) in enumerate(zip(text, labels, strict=True))]
        steps.append((label, "\n".join(text)))
    if not steps:
        return (replace(found, text=origin) if origin is not found.text else found), None
    label = "utf-8" if main == "cp1252" and "utf-8" in labels else main
    return replace(found, label=label, text=steps[-1][1]), Segments(origin, tuple(steps))


def _spots(start: int, end: int, tail: int, width: int) -> list[tuple[int, int]]:
    """The spans to search of the bytes from `start` to `end`: the last `tail` bytes and SLICES evenly
    spaced slices of `width` before them, or all of them when that is not less."""
    if end - start <= tail + SLICES * width:
        return [(start, end)]
    step = (end - tail - start) // SLICES
    return [(end - tail, end), *((at, at + width) for at in range(start, end - tail - width + 1, step))]


def _utf8_text(data: bytes) -> bool:
    """Whether `data` holds the UTF-8 bytes of a Vietnamese letter or of Western text (UTF8_TEXT). A
    large file is searched in its first and last END_BYTES and SLICES evenly spaced slices between them
    (searching 2 MB costs a tenth of converting it): text is appended at either end; a passage in the
    middle is found when it reaches a slice (one of 130 KB in a 2 MB file always does)."""
    if len(data) <= 16 * END_BYTES:
        return UTF8_TEXT.search(data) is not None
    spots = [(0, END_BYTES), *_spots(END_BYTES, len(data), END_BYTES, END_BYTES // SLICES)]
    return any(UTF8_TEXT.search(data, start, end) is not None for start, end in spots)


def _utf8_lines(lines: list[bytes]) -> tuple[dict[int, str], dict[int, str], list[int]]:
    """Line index -> text of the lines that are valid UTF-8 holding Vietnamese letters and Vietnamese
    words read so (whether their legacy reading is better, `choose_lines` decides); the same for the
    valid UTF-8 lines of Western text (`western_line`: French, German, English with typographic quotes)
    that are at most half Vietnamese;
    and the indices of the lines that hold Vietnamese letters but are not UTF-8 as a whole
    (`_utf8_words` looks at them)."""
    whole, western, mixed = {}, {}, []
    for i, line in enumerate(lines):
        if line.isascii() or UTF8_TEXT.search(line) is None:
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            if UTF8_LETTER.search(line) is not None:
                mixed.append(i)
            continue
        valid, total = vietnamese_words(text)
        if 2 * valid <= total and western_line(text):  # (a Vietnamese line never loads the Western lists)
            western[i] = text
        elif valid:
            whole[i] = text
    return whole, western, mixed


def _utf8_words(line: bytes, main: str) -> str | None:
    """A legacy line with some words typed in UTF-8 (`Hà Nội` pasted into a TCVN3 line), each
    space-separated word read in UTF-8 where that makes as many Vietnamese syllables as `main` or more;
    None when no word is.

    >>> _utf8_words("Gửi".encode() + b" k\\xd5 ho\\xb9ch", "tcvn3")
    'Gửi kế hoạch'
    """
    out, found = [], False
    for word in line.split(b" "):
        read = decode(word, main)
        if UTF8_LETTER.search(word) is not None:
            try:
                text = word.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            # (no syllable of a legacy charset is valid UTF-8 with such letters: a tie is UTF-8)
            valid = vietnamese_words(text)[0] if text is not None else 0
            if valid and valid >= vietnamese_words(read)[0]:
                read, found = text, True
        out.append(read)
    return " ".join(out) if found else None


def _other_charsets(data: bytes, main: str) -> tuple[str, ...]:
    """The legacy charsets other than `main` worth trying line by line: when `main` leaves a share of
    the detection sample's words un-Vietnamese, those that make at least MIN_OTHER_WORDS of them
    Vietnamese; past the sample, those that read lines clearly better than `main` (`_later_charsets`)."""
    if main not in LEGACY_8BIT:
        return ()
    scores = label_scores(data[:SAMPLE_BYTES])
    valid, total = scores[main]
    unread = total - valid
    if unread < MIN_OTHER_WORDS or unread < UNREAD_SHARE * total:
        return _later_charsets(data, main)
    return tuple(label for label in LEGACY_8BIT if label != main and scores[label][0] >= MIN_OTHER_WORDS)


def _later_charsets(data: bytes, main: str) -> tuple[str, ...]:
    """The legacy charsets that read lines past the detection sample clearly better than `main` (as
    `choose_lines` would change them), MIN_OTHER_WORDS Vietnamese words in all: a passage appended after
    300 KB of TCVN3 in VNI. Looked for in the last TAIL_BYTES and SLICES slices between; only the lines
    with a word that `main` leaves un-Vietnamese are read in the others, in a slice that has as many
    such words as a sample must (the tail: MIN_OTHER_WORDS, as a short passage may be appended)."""
    found: dict[str, int] = {}
    for start, end in _spots(SAMPLE_BYTES, len(data), TAIL_BYTES, SLICE_BYTES):
        piece = data[start:end]
        unread, total = _piece_unread(piece, main)
        share = 0 if end == len(data) else UNREAD_SHARE
        if sum(unread.values()) < max(MIN_OTHER_WORDS, share * total):
            continue
        for line in piece.split(b"\n"):
            read = decode(line, main)
            if not any(word in read for word in unread):
                continue
            line_scores = {main: vietnamese_words(read)}
            if 2 * line_scores[main][0] > line_scores[main][1]:  # `main` reads most of it: it stays
                continue
            line_scores |= {label: vietnamese_words(decode(line, label)) for label in LEGACY_8BIT
                            if label != main}
            for label in line_scores:
                if label != main and clearly_other(line_scores, label, main):
                    found[label] = found.get(label, 0) + line_scores[label][0]
    return tuple(label for label, words in found.items() if words >= MIN_OTHER_WORDS)


def _none_reads_most(line_scores: dict[str, tuple[int, int]]) -> bool:
    """True when no reading of a line makes more than half of its words Vietnamese."""
    return all(2 * valid <= total for valid, total in line_scores.values())


def _western_bytes(data: bytes, main: str) -> bool:
    """Whether `data` may hold a passage in cp1252 bytes of a language written so (a letter quoted from
    a French partner in a TCVN3 file): a word of its detection sample or of its last TAIL_BYTES that
    `main` leaves un-Vietnamese reads in cp1252 with Latin-1 letters (`Perché`, `café-style`), in a line
    that `main` reads at most half of. Lines are then weighed one by one (`western_line`); the common
    words of the Western languages are not looked up here (loading them costs 0.2 s), and the typos of
    a Vietnamese text (`hiÖn`) stand in lines that read as Vietnamese."""
    if main not in LEGACY_8BIT:
        return False
    spots = [(0, min(len(data), SAMPLE_BYTES), label_unread(data[:SAMPLE_BYTES])[main][0])]
    if len(data) > SAMPLE_BYTES:
        spots.append((len(data) - TAIL_BYTES, len(data), _piece_unread(data[-TAIL_BYTES:], main)[0]))
    seen = set()
    for start, end, unread in spots:
        for token in unread:
            at = data.find(encode(token, main), start, end) if _latin_in_cp1252(token, main) else -1
            line_start = data.rfind(b"\n", 0, at) + 1
            if at < 0 or line_start in seen:
                continue
            seen.add(line_start)
            line_end = data.find(b"\n", at) % (len(data) + 1)  # (-1: the last line)
            valid, total = vietnamese_words(decode(data[line_start:line_end], main))
            if 2 * valid <= total:
                return True
    return False


@lru_cache(maxsize=4)  # the file's tail is looked at for a second charset and for cp1252
def _piece_unread(piece: bytes, main: str) -> tuple[dict[str, int], int]:
    """`unread_words` of `piece` read in `main` (shared: callers must not modify it)."""
    return unread_words(decode(piece, main))


def _latin_in_cp1252(token: str, main: str) -> bool:
    """Whether `token` (read in `main`) reads in cp1252 as a word of three letters or more, in small
    letters or with a capital first (not an abbreviation: VPS `ĐTXD` reads `ñTXD`), with a Latin-1
    letter and no other character outside ASCII."""
    try:
        word = word_core(decode(encode(token, main), "cp1252"))
    except UnicodeError:
        return False
    beyond = [ch for ch in word if not ch.isascii()]
    return (len(word) >= 3 and (word.islower() or word.istitle()) and bool(beyond)
            and all(ch.isalpha() for ch in beyond))


def _scores(line: bytes, text: str, main: str, others: tuple[str, ...], utf8: str | None
            ) -> dict[str, tuple[int, int]]:
    """A line's `vietnamese_words` under its possible readings (`text`: read in `main`)."""
    if line.isascii():
        return {}
    out = {main: vietnamese_words(text)}
    for label in others:
        out[label] = vietnamese_words(decode(line, label))
    if utf8 is not None:
        out["utf-8"] = vietnamese_words(utf8)
    return out
