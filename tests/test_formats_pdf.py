"""converters.formats.pdf: lines of a text layer built in the test, in reading order."""

from __future__ import annotations

from pathlib import Path

from pdf_files import pdf_with_page_content
from pdfminer.layout import LTTextLineHorizontal

from converters.formats.pdf import _rows, read_pdf

_METRICS = (b"/FirstChar 32 /LastChar 255 /Widths [%b] /Encoding /WinAnsiEncoding /FontDescriptor "
            b"<< /Type /FontDescriptor /FontName /.VnTime /Flags 32 >>" % (b"500 " * 224))
_FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /.VnTime %b >> >> >>" % _METRICS
_CHAR = 6.0  # 500 / 1000 of the 12 pt font


def _page(tmp_path: Path, lines: list[tuple[float, float, str]]) -> str:
    """The text read from a page showing each (x, y, text) at its place, in 12 pt `.VnTime`."""
    content = b"".join(b"BT /F1 12 Tf %.1f %.1f Td (%b) Tj ET\n" % (x, y, text.encode("cp1252"))
                       for x, y, text in lines)
    extraction = read_pdf(pdf_with_page_content(tmp_path / "page.pdf", content, _FONT))
    return "".join(run.text for run in extraction.runs)


def test_a_line_end_printed_apart_is_joined_to_its_line(tmp_path: Path) -> None:
    # The printer spread the line so far that its end forms a box of its own, read after the paragraph.
    start = "Ph¸t triÓn kinh tÕ, gãp phÇn th"
    gap_at = 72 + len(start) * _CHAR + 30
    text = _page(tmp_path, [
        (72, 720, start), (gap_at, 720, "óc ®Èy t¨ng"),
        (72, 705, "kinh tÕ trong c¸c n¨m tíi cña c¶ n\xa9y vµ c¸c ®Þa ph\xac¬ng"),
    ])
    assert text.split() == [*start.split(), "óc", "®Èy", "t¨ng", "kinh", "tÕ", "trong", "c¸c", "n¨m", "tíi",
                            "cña", "c¶", "n\xa9y", "vµ", "c¸c", "®Þa", "ph\xac¬ng"]


def _line(x0: float, y0: float, x1: float) -> LTTextLineHorizontal:
    line = LTTextLineHorizontal(0.1)
    line.set_bbox((x0, y0, x1, y0 + 12))
    return line


def test_a_line_end_read_before_its_line_goes_after_it() -> None:
    above, end, start, below = _line(94, 86, 532), _line(462, 72, 532), _line(94, 72, 438), _line(94, 58, 500)
    rows = _rows([(above, 535), (end, 535), (start, 535), (below, 535)])
    assert rows == [[above], [start, end], [below]]


def test_columns_side_by_side_stay_apart(tmp_path: Path) -> None:
    left, right = ["Cét tr¸i dßng mét", "Cét tr¸i dßng hai"], ["Cét ph¶i dßng mét", "Cét ph¶i dßng hai"]
    column_at = 72 + len(left[0]) * _CHAR + 30
    text = _page(tmp_path, [(72, 720, left[0]), (column_at, 720, right[0]),
                            (72, 705, left[1]), (column_at, 705, right[1])])
    assert text.split("\n")[:2] == left  # each left line ends where it is, the right column after it
