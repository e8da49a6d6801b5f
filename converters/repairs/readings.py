"""How one token reads if its characters are really the bytes of a legacy charset.

Legacy text that went through a cp1252 (or Latin-1) reading is valid Unicode full of `¸ ® µ «`; each
of those characters is one byte of the original. A *reading* turns the byte-like characters of a token
back into bytes and decodes them with a legacy charset, keeping characters that cannot be a byte
(a real `đ` or `ạ` typed in Unicode next to legacy codes) as they are. That is what lets one word mix
both: `đèi` (real `đ`, TCVN3 `è`) reads `đối` under TCVN3.

    >>> read_as("®îc", "tcvn3"), read_as("đèi", "tcvn3"), read_as("Tu\\xf8y", "vni")
    ('đợc', 'đối', 'Tùy')
    >>> read_as("khÃ´ng", "utf-8-twice"), read_as("Việt", "tcvn3"), read_as("TÃ\ufffdC", "utf-8-twice")
    ('không', 'Việt', 'TÁC')

`utf-8-twice` is the reading for UTF-8 that was decoded twice. A PDF's text layer for `.VnTime` text gives
U+2212 (minus) for the soft hyphen byte 0xAD (`ư`) and U+2219 for 0xB7 (`ã`); the TCVN3 reading takes
those back too.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

from converters.charsets import LETTERS, SINGLE_BYTE, byte_map, cp1252_text_to_bytes, decode
from converters.charsets.pair_decode import plain
from converters.language.lexicon import spelling_score

# Readings tried on Unicode text, most common damage first.
MOJIBAKE_READINGS = ("tcvn3", "vni", "utf-8-twice", "viscii", "vps", "cp1258")


def charset_of(reading: str) -> str:
    """The charset label a reading stands for: `utf-8-twice` is UTF-8 that was decoded twice."""
    return "utf-8" if reading == "utf-8-twice" else reading


def reading_of(charset: str) -> str:
    """The mojibake reading for a charset label (the inverse of `charset_of`)."""
    return "utf-8-twice" if charset == "utf-8" else charset

# Characters that can stand for one byte: Latin-1, the C1 range, cp1252's 27 extra characters, and the
# PDF substitutes for TCVN3 bytes.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_PDF_TCVN3 = {"\u2212": "\xad", "\u2219": "\xb7"}
BYTE_CHARS = "\x80-\xff" + _CP1252_EXTRA
_BYTE_RUN = re.compile(rf"[\x00-\xff{_CP1252_EXTRA}]+")
# Twice-decoded UTF-8 loses cp1252's five undefined bytes to U+FFFD; the UTF-8 reading guesses them back.
_BYTE_RUN_UTF8 = re.compile(rf"[\x00-\xff{_CP1252_EXTRA}\ufffd]+")
LOST_BYTES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_VIETNAMESE = frozenset(ch for ch in LETTERS if not ch.isascii())
_BYTE_RUN_PDF = re.compile(rf"[\x00-\xff{_CP1252_EXTRA}\u2212\u2219]+")
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that `surrogateescape` kept because they are not UTF-8
# A token with a character that stands for a byte is a suspect. The PDF symbols alone do not make one:
# a word that is Unicode but for them (`n−ớc`, `t−`) is `restore_pdf_symbols`' (the TCVN3 reading still
# takes them inside a suspect: `n−íc`).
HAS_BYTE_CHAR = re.compile(rf"[{BYTE_CHARS}\ufffd\x01-\x08\x0e-\x1f]")
# Latin-1's symbols (`« ¬ ¸ µ § ®`, the soft hyphen) between two letters, or these at a word's start
# before a letter (`®ång`, `§VT`, `®·`: TCVN3 `đồng`, `ĐVT`, `đã`); the symbols that do lead Western words
# (`¡Hola`, `¿Qué`, `«mot»`, `°C`, `ºC`, `²Dept`, `£m`, `·item`) are not among those. An accented capital
# after a small letter, or between a letter and a small one (`phÝ`, `lÖ`, `MÉu`: TCVN3 writes small
# toned letters with Latin-1's capitals). No language spells a word so.
_SYMBOL_INSIDE = re.compile(r"[^\W\d_][\xa1-\xbf\xd7\xf7]+[^\W\d_]")
_SYMBOL_LED = re.compile(r"[\xa4\xa6-\xa9\xac-\xaf\xb6\xb8][\xa1-\xbf]*(?:[^\W\d_]|$)")
_SMALL, _CAPITAL = r"[a-z\xdf-\xf6\xf8-\xff]", r"[\xc0-\xd6\xd8-\xde]"
_CAPITAL_INSIDE = re.compile(rf"{_SMALL}{_CAPITAL}|[^\W\d_]{_CAPITAL}{_SMALL}")


def spelled_by_no_language(word: str) -> bool:
    """True when `word` (cp1252 characters, punctuation stripped) holds a byte symbol or a capital where no
    language's spelling puts one: such a word is legacy text even alone (`C«ng`, `Ch­¬ng`, `®ã`, `phÝ`)."""
    return bool(_SYMBOL_INSIDE.search(word) or _CAPITAL_INSIDE.search(word)
                or (len(word) > 1 and _SYMBOL_LED.match(word)))


def _decode_run(run: str, label: str) -> str | None:
    if label == "tcvn3":
        run = run.translate(str.maketrans(_PDF_TCVN3))
    if label == "utf-8-twice":
        return _decode_utf8(run)
    data = cp1252_text_to_bytes(run)
    return None if data is None else decode(data, label)


def _decode_utf8(run: str) -> str | None:
    """The run as twice-decoded UTF-8; each U+FFFD is tried as each lost byte: the best syllable wins,
    then the fill with more Vietnamese letters (`NĐ-CP`: Đ is C4 90, while C4 81 is `ā`)."""
    best, best_score = None, None
    for text in _utf8_fills(run):
        score = (spelling_score(text), sum(ch in _VIETNAMESE for ch in text))
        if best_score is None or score > best_score:
            best, best_score = text, score
    return best


def _utf8_fills(run: str) -> list[str]:
    """Every UTF-8 decoding of a twice-decoded run, each U+FFFD (at most three) filled by a lost byte."""
    holes = run.count("\ufffd")
    if holes > 3:
        return []
    out = []
    for filled in _filled(run):
        data = cp1252_text_to_bytes(filled)
        try:
            if data is not None:
                out.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return out


def _filled(text: str) -> Iterator[str]:
    """`text` with each U+FFFD filled by each byte cp1252 lost (as its Latin-1 character), every way."""
    parts = text.split("\ufffd")
    for fill in itertools.product(LOST_BYTES, repeat=len(parts) - 1):
        yield parts[0] + "".join(chr(b) + rest for b, rest in zip(fill, parts[1:], strict=True))


def lost_byte_readings(token: str) -> list[str]:
    """The token's twice-decoded UTF-8 readings, one per way of filling its U+FFFD with the bytes
    cp1252 lost (E1 BB 81, 8D, 8F, 90 and 9D are `ề ọ ỏ Ố ờ`).

    >>> lost_byte_readings("bá»\ufffdn")
    ['bền', 'bọn', 'bỏn', 'bỐn', 'bờn']
    """
    if not 0 < token.count("\ufffd") <= 3:
        return []
    out = []
    for filled in _filled(token):
        read = read_as(filled, "utf-8-twice")
        if read is not None:
            out.append(read)
    return out


@cache
def _char_table(label: str) -> tuple[dict[int, str], re.Pattern[str]] | None:
    """For a single-byte charset: each byte-like character -> what its byte decodes to, and a pattern of
    the decoded characters NFC may compose (a token holding one is decoded run by run instead)."""
    if label not in SINGLE_BYTE:
        return None
    meaning = byte_map(label)
    table = {ord(ch): meaning[byte] for byte, ch in enumerate(bytes(range(256)).decode("latin-1"))}
    table.update({ord(ch): meaning[ch.encode("cp1252")[0]] for ch in _CP1252_EXTRA})
    if label == "tcvn3":
        table.update({ord(ch): meaning[ord(byte)] for ch, byte in _PDF_TCVN3.items()})
    marks = sorted({ch for text in meaning.values() for ch in text if not plain(ch)})
    return table, re.compile("[" + re.escape("".join(marks)) + "]" if marks else "(?!)")


@lru_cache(maxsize=200_000)
def read_as(token: str, label: str) -> str | None:
    """`token` with its byte-like characters decoded as `label`; None when that reading is impossible."""
    fast = _char_table(label)
    if fast is not None:  # one translate, unless a mark in the result asks for NFC
        read = token.translate(fast[0])
        if not fast[1].search(read):
            return read
    out: list[str] = []
    pos = 0
    for match in _runs(label).finditer(token):
        out.append(token[pos : match.start()])
        decoded = _decode_run(match.group(), label)
        if decoded is None:
            return None
        out.append(decoded)
        pos = match.end()
    out.append(token[pos:])
    return "".join(out)


def _runs(label: str) -> re.Pattern[str]:
    """The characters that stand for bytes under `label`."""
    return {"tcvn3": _BYTE_RUN_PDF, "utf-8-twice": _BYTE_RUN_UTF8}.get(label, _BYTE_RUN)


def read_all(tokens: Sequence[str], label: str) -> list[str | None]:
    """`read_as` of each token. For a single-byte charset: one `translate` over them all, then one NFC
    over the readings with marks to compose whose tokens are all byte-like characters (the decoded
    bytes are the table + NFC, and NFC composes nothing across a line break).

    >>> read_all(["B¸o", "c¸o", "đèi"], "tcvn3"), read_all(["Tu\xf8y", "Vie\xe4t"], "vni")
    (['Báo', 'cáo', 'đối'], ['Tùy', 'Việt'])
    """
    if label == "utf-8-twice":
        return _read_all_utf8(tokens)
    fast = _char_table(label)
    if fast is None:
        return [read_as(token, label) for token in tokens]
    table, marks = fast
    read: list[str | None] = list("\n".join(tokens).translate(table).split("\n"))
    if len(read) != len(tokens):  # a byte that reads as a line break
        return [read_as(token, label) for token in tokens]
    composed = [i for i, reading in enumerate(read) if marks.search(reading)]  # type: ignore[arg-type]
    runs = _runs(label)
    whole = [i for i in composed if runs.fullmatch(tokens[i])]
    if whole:
        nfc = unicodedata.normalize("NFC", "\n".join(read[i] for i in whole))  # type: ignore[misc]
        for i, reading in zip(whole, nfc.split("\n"), strict=True):
            read[i] = reading
    for i in set(composed).difference(whole):
        read[i] = read_as(tokens[i], label)
    return read


def _read_all_utf8(tokens: Sequence[str]) -> list[str | None]:
    """`read_as(token, "utf-8-twice")` of each token. The tokens made only of byte characters (no U+FFFD
    to fill) are decoded together, with the bytes that are not UTF-8 escaped to lone surrogates: a token
    holding one has no reading (a line break ends any sequence the decoder had begun)."""
    whole = [i for i, token in enumerate(tokens) if _BYTE_RUN.fullmatch(token)]
    data = cp1252_text_to_bytes("\n".join(tokens[i] for i in whole))
    decoded = data.decode("utf-8", "surrogateescape").split("\n") if data is not None else []
    if len(decoded) != len(whole):  # a token holding a line break
        return [read_as(token, "utf-8-twice") for token in tokens]
    read: list[str | None] = [None] * len(tokens)
    for i, reading in zip(whole, decoded, strict=True):
        read[i] = None if _ESCAPED.search(reading) else reading
    for i in set(range(len(tokens))).difference(whole):
        read[i] = read_as(tokens[i], "utf-8-twice")
    return read
