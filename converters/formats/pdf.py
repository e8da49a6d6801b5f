"""PDF → runs with each character's font (pdfminer.six), OCR for pages without a text layer.

Word printed `.VnTime` text to PDF through a WinAnsi font, so most characters come out as the cp1252 code
points Word stored (`B¸o c¸o`); the same printers put TCVN3 `ư` (byte 0xAD) and `ã` (0xB7) in a separate
Identity-H font whose ToUnicode map says U+2212 MINUS SIGN and U+2219 BULLET OPERATOR. In a legacy-font run
those two are mapped back to the code points of their bytes here, so every legacy run reads like the
same text in a .doc.

Lines are joined into paragraphs: a line that runs to the right edge of its text box wrapped, so it
continues on the next line after a space; a line that stops short (heading, last line, table cell) ends
its paragraph; a line ending in a hyphen keeps its line break, never glued to the next word.

pdfminer has no time limit, so the reading runs in a child process that is given up (and killed) when
one page takes longer than the `timeout` (`converters.formats.isolated`).
"""

from __future__ import annotations

import bisect
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.psparser import PSException

from converters.fonts import charset_for_font
from converters.formats.base import Extraction, ExtractionError
from converters.formats.isolated import run_isolated
from converters.formats.ocr import ocr_image, render_pdf_page
from converters.formats.runs import RunCollector

_LEGACY = {"tcvn3", "vni", "vps", "viscii"}
# ToUnicode artefacts of legacy fonts: the character a PDF printer reported → the byte's cp1252 code point.
_LEGACY_ARTEFACTS = str.maketrans({"\u2212": "\u00ad", "\u2219": "\u00b7"})
# A page with fewer text characters than this is treated as a scan and read by OCR.
MIN_TEXT_CHARS = 20
# In a line with real space characters, a gap narrower than this share of the font size is not a space.
WORD_GAP = 0.25
# A later line on the same baseline starting within this many line heights right of a line's end goes on it.
JOIN_GAP = 3.0
# Layout analysis: letters up to 4 character widths apart stay in one line (justified text spreads them),
# lines overlapping by 30 % of their height are one line (a ư/ã from a second font sits a little off).
LAYOUT = {"char_margin": 4.0, "line_overlap": 0.3, "word_margin": 0.2}


def extract_pdf(path: Path, *, timeout: int = 120) -> Extraction:
    """The PDF's runs, read in a child process that is given up when a page takes over `timeout` s."""
    return run_isolated(read_pdf, path, timeout=timeout)


def read_pdf(path: Path, *, timeout: int = 120, progress: Callable[[], None] = lambda: None) -> Extraction:
    """The PDF's runs, read here; `progress()` is called after each page (and each page's rendering)."""
    warnings: list[str] = []
    out = RunCollector()
    ocr_pages: list[float] = []
    pages = 0
    try:
        with open(path, "rb") as handle:
            document = PDFDocument(PDFParser(handle))
            props = _properties(document)
            manager = PDFResourceManager(caching=True)
            device = PDFPageAggregator(manager, laparams=LAParams(**LAYOUT))
            interpreter = PDFPageInterpreter(manager, device)
            for number, page in enumerate(PDFPage.create_pages(document), start=1):
                pages = number
                interpreter.process_page(page)
                layout: LTPage = device.get_result()
                page_out = RunCollector()
                _page(layout, page_out)
                if page_out.size >= MIN_TEXT_CHARS:
                    out.extend(page_out.runs)
                else:
                    image = render_pdf_page(path, number, timeout=timeout)
                    progress()
                    text, confidence = ocr_image(image, path.name, timeout=timeout)
                    out.add(text, None)
                    ocr_pages.append(confidence)
                out.separator("\n")
                progress()
    except PDFPasswordIncorrect:
        raise ExtractionError(f"{path.name}: password-protected, cannot be read") from None
    except PDFEncryptionError as exc:
        raise ExtractionError(f"{path.name}: encrypted with an unsupported method ({exc})") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError, struct.error,
            zlib.error) as exc:  # pdfminer lets struct/zlib errors out of damaged fonts and streams
        message = f"{path.name}: corrupt or truncated PDF ({type(exc).__name__}: {exc})"
        raise ExtractionError(message) from None
    if pages == 0:
        raise ExtractionError(f"{path.name}: corrupt or truncated PDF (no pages)")
    confidence = None
    if ocr_pages:
        confidence = round(sum(ocr_pages) / len(ocr_pages), 3)
        warnings.append(f"{len(ocr_pages)} of {pages} pages read by OCR")
    return Extraction(runs=out.runs, format="pdf", properties=props, pages=pages, warnings=warnings,
                      ocr_confidence=confidence)


def _page(layout: LTPage, out: RunCollector) -> None:
    boxes = [box for box in layout if isinstance(box, LTTextBox)]
    placed = [(line, box.x1) for box in boxes for line in box if isinstance(line, LTTextLine)]
    if not placed:
        return
    right = max(line.x1 for line, _ in placed)  # the right margin of the page's text
    rows = _rows(placed)
    for row, following in zip(rows, [*rows[1:], None], strict=True):
        for k, segment in enumerate(row):
            if k:
                out.separator(" ")
            _line(segment, out)
        last = row[-1]
        wrapped = (
            following is not None
            and last.x1 >= right - 3 * _char_width(last)
            and following[0].y1 <= last.y0 + 1  # the next line is below: same column, not a table cell
            and not last.get_text().rstrip().endswith("-")
        )
        out.separator(" " if wrapped else "\n")


def _rows(placed: list[tuple[LTTextLine, float]]) -> list[list[LTTextLine]]:
    """The lines in pdfminer's order, each followed by the pieces that continue it on its baseline.

    `placed` pairs each line with the right edge of its text box. A printer that spreads a justified
    line may leave a gap wide enough for pdfminer to split the line (`góp phần th` … `úc đẩy tăng`) and
    read the end after the whole paragraph, or before its start. A piece is read with its line instead.
    """
    following = _continuations(placed)
    pieces = set(following.values())
    rows = []
    for i, (line, _) in enumerate(placed):
        if i in pieces:
            continue
        row = [line]
        while i in following:
            i = following[i]
            row.append(placed[i][0])
        rows.append(row)
    return rows


def _continuations(placed: list[tuple[LTTextLine, float]]) -> dict[int, int]:
    """Line index → the line that continues it: the nearest one starting within `JOIN_GAP` line heights
    to the right of its end, on its baseline. Only a line that stops short of its box's edge has one;
    a line that fills its box (a column beside another column) does not.
    """
    by_base = sorted(range(len(placed)), key=lambda i: placed[i][0].y0)
    bases = [placed[i][0].y0 for i in by_base]
    following: dict[int, int] = {}
    taken: set[int] = set()
    for i, (line, edge) in enumerate(placed):
        if line.x1 > edge - line.height:
            continue
        lo = bisect.bisect_left(bases, line.y0 - 0.3 * line.height)
        hi = bisect.bisect_right(bases, line.y0 + 0.3 * line.height)
        found = [j for j in by_base[lo:hi] if j not in taken
                 and 0 <= placed[j][0].x0 - line.x1 <= JOIN_GAP * line.height]
        if found:
            following[i] = min(found, key=lambda j: placed[j][0].x0)
            taken.add(following[i])
    return following


def _char_width(line: LTTextLine) -> float:
    chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
    return sum(c.width for c in chars) / len(chars) if chars else 5.0


def _line(line: LTTextLine, out: RunCollector) -> None:
    items = list(line)
    chars = [c for c in items if isinstance(c, LTChar)]
    letters = sum(1 for c in chars if c.get_text().strip())
    inferred = sum(1 for c in items if not isinstance(c, LTChar) and c.get_text() == " ")
    # Letter-spaced headings ("c ủ a   T h ủ") make pdfminer infer a space between every two letters;
    # the real word spaces are characters of their own, so the inferred ones are dropped there.
    letter_spaced = letters >= 4 and inferred >= 0.6 * letters
    # Word prints its spaces as characters; in a line that has them, a space pdfminer infers from a
    # small gap is justification or kerning inside a word ("ch ỉ", "200 3"), not a word break.
    real_spaces = any(c.get_text() == " " for c in chars)
    previous: LTChar | None = None
    for index, item in enumerate(items):
        if isinstance(item, LTChar):
            font = _font_name(item.fontname)
            text = item.get_text()
            kind = charset_for_font(font)
            if kind is not None and kind.charset in _LEGACY:
                text = text.translate(_LEGACY_ARTEFACTS)
            out.add(text, font)
            previous = item
            continue
        text = item.get_text()  # LTAnno: a space pdfminer infers between words
        if not text or text == "\n" or letter_spaced:
            continue
        following = next((c for c in items[index + 1:] if isinstance(c, LTChar)), None)
        if real_spaces and previous is not None and following is not None:
            gap = following.x0 - previous.x1
            if gap < WORD_GAP * max(previous.size, following.size):
                continue
        out.separator(text)
        # the line's own trailing space and newline are decided by _page


def _font_name(name: str) -> str:
    """`AARIQC+.VnTime,Bold` → `.VnTime,Bold`: the subset tag differs per file and means nothing."""
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def _properties(document: PDFDocument) -> dict[str, str]:
    props: dict[str, str] = {}
    info = document.info[0] if document.info else {}
    for key, field in (("Title", "title"), ("Author", "author"), ("Subject", "subject"),
                       ("CreationDate", "created")):
        value = info.get(key)
        if hasattr(value, "resolve"):
            value = value.resolve()
        if isinstance(value, bytes):
            value = _pdf_string(value)
        if isinstance(value, str) and value.strip():
            props[field] = _pdf_date(value.strip()) if field == "created" else value.strip()
    return props


def _pdf_string(raw: bytes) -> str:
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return raw.decode("utf-16", "replace")
    return raw.decode("latin-1")


def _pdf_date(value: str) -> str:
    """`D:20050101093000+07'00'` → `2005-01-01T09:30:00`; anything else is kept as written."""
    digits = value[2:] if value.startswith("D:") else value
    if len(digits) >= 8 and digits[:8].isdigit():
        d = digits[:14].ljust(14, "0")
        if d.isdigit():
            return f"{d[:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}"
    return value
