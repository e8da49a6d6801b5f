"""The original as a reader saw it on screen before conversion.

A TCVN3 file opened without its fonts shows `B\xb8o c\xb8o` for "Báo cáo": its bytes read as
Windows-1252. A file that was already saved as UTF-8 mojibake (converted once through the wrong
charset) shows that mojibake. This view reproduces either, so the reader can compare it line by line
with the converted text. An office file or PDF is not text on screen byte for byte; its extracted text
before conversion is rebuilt from the conversion record instead (`text_before_repairs`): each repair
keeps the span it replaced, so legacy-font runs come back as they showed and Unicode runs as they were.

>>> as_shown("Ph\xf2ng".encode("latin-1"))
'Phòng'
>>> as_shown(bytes([0x42, 0xb8, 0x6f, 0x81, 0x93])) == "B\xb8o\x81\u201c"
True
>>> as_shown("B\xb8o c\xb8o".encode("utf-8")) == "B\xb8o c\xb8o"
True
>>> text_before_repairs("Số: Báo cáo", [{"start": 4, "end": 11, "before": "B\xb8o c\xb8o",
...                                       "after": "Báo cáo"}])
'Số: B\xb8o c\xb8o'
"""

from __future__ import annotations

import codecs

# Windows shows the five bytes that cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) as the
# control characters of the same number, so read through latin-1 and remap only 0x80 to 0x9F.
_CP1252_HIGH = {b: bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xA0)}

# Formats whose bytes are the text itself; office files and PDFs are containers, not text on screen.
TEXT_FORMATS = {"txt", "csv", "tsv", "html", "htm", "rtf", "md"}
MAX_CHARS = 200_000  # a longer side-by-side would stall the browser; the download has it all


def as_shown(data: bytes) -> str:
    """`data` as UTF-8 if it is valid UTF-8 (a cut-off last character allowed), else byte for byte as
    Windows-1252 (never fails)."""
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=False)
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(_CP1252_HIGH)


UNICODE_ENCODINGS = {"utf-8", "utf-16", "ascii", "unicode"}


def shows_differently(fmt: str | None, encoding: str | None) -> bool:
    """Whether the bytes are text in a legacy charset, so that the screen showed something else."""
    return (fmt or "").lower() in TEXT_FORMATS and (encoding or "").lower() not in UNICODE_ENCODINGS


def text_before_repairs(text: str, repairs: list[dict]) -> str | None:
    """`text` with every repair undone (each span back to its `before`); None when the record does not
    fit the text (overlapping spans, or an `after` that is not what the text holds there)."""
    out: list[str] = []
    at = 0
    for repair in sorted(repairs, key=lambda r: r["start"]):
        start, end = repair["start"], repair["end"]
        if start < at or text[start:end] != repair["after"]:
            return None
        out += [text[at:start], repair["before"]]
        at = end
    out.append(text[at:])
    return "".join(out)
