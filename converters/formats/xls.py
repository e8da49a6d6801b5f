"""Excel 97–2003 .xls through xlrd, with each cell's font; LibreOffice → .xlsx when xlrd cannot read it.

Layout: a `## Sheet name` heading line per sheet, then one line per row with cells separated by tabs;
empty rows and trailing empty cells are dropped, inner empty cells keep their tab so columns stay aligned.
Sheets are loaded one at a time (`on_demand`) and released, so memory follows the largest sheet.
"""

from __future__ import annotations

from pathlib import Path

import xlrd

from converters.formats.base import Extraction, ExtractionError
from converters.formats.cells import format_number
from converters.formats.libreoffice import converted
from converters.formats.runs import RunCollector
from converters.formats.xlsx import extract_xlsx

_TEXT_TYPES = (xlrd.XL_CELL_TEXT,)
# What xlrd raises on a damaged workbook (it asserts on its own invariants); LibreOffice may still read it.
_XLRD_FAILURES = (AssertionError, IndexError, KeyError, ValueError, UnicodeDecodeError,
                  xlrd.compdoc.CompDocError)


def extract_xls(path: Path, *, timeout: int = 120) -> Extraction:
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise ExtractionError(f"{path.name}: password-protected, cannot be read") from None
        return _through_libreoffice(path, timeout, str(exc))
    except _XLRD_FAILURES as exc:
        return _through_libreoffice(path, timeout, f"{type(exc).__name__}: {exc}")
    try:
        out = RunCollector()
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)  # on_demand: a damaged sheet only fails here
            _sheet(book, sheet, out)
            book.unload_sheet(index)
        props = {"author": book.user_name.strip()} if book.user_name and book.user_name.strip() else {}
        return Extraction(runs=out.runs, format="xls", properties=props, pages=book.nsheets)
    except (*_XLRD_FAILURES, xlrd.biffh.XLRDError) as exc:
        return _through_libreoffice(path, timeout, f"{type(exc).__name__}: {exc}")
    finally:
        book.release_resources()


def _sheet(book: xlrd.Book, sheet: xlrd.sheet.Sheet, out: RunCollector) -> None:
    out.add(f"## {sheet.name}", None)
    out.newline()
    fonts = book.font_list
    for r in range(sheet.nrows):
        row = sheet.row(r)
        last = max((i for i, c in enumerate(row) if _shown(c)), default=-1)
        if last < 0:
            continue
        for i, cell in enumerate(row[: last + 1]):
            if i:
                out.separator("\t")
            if not _shown(cell):
                continue
            if cell.ctype == xlrd.XL_CELL_TEXT:
                xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
                font = fonts[xf.font_index].name.strip() if xf is not None else None
                runlist = sheet.rich_text_runlist_map.get((r, i))
                for text, run_font in _rich_runs(cell.value, font, runlist, fonts):
                    # Text cells are the file's characters; a line break inside a cell would split the row.
                    out.add(text.replace("\r", " ").replace("\n", " "), run_font)
            else:
                out.neutral(_value(book, cell))
        out.newline()


def _rich_runs(value: str, font: str | None, runlist: list | None, fonts: list) -> list[tuple]:
    """A rich-text cell's pieces with their own fonts: `runlist` is [(char offset, font index), …]."""
    if not runlist:
        return [(value, font)]
    pieces, start, current = [], 0, font
    for offset, index in runlist:
        if offset > start:
            pieces.append((value[start:offset], current))
        start, current = offset, fonts[index].name.strip() if index < len(fonts) else font
    pieces.append((value[start:], current))
    return pieces


def _shown(cell: xlrd.sheet.Cell) -> bool:
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return False
    return not (cell.ctype == xlrd.XL_CELL_TEXT and not cell.value.strip())


def _value(book: xlrd.Book, cell: xlrd.sheet.Cell) -> str:
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return format_number(cell.value)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError):
            return format_number(cell.value)
        return moment.date().isoformat() if moment.time().isoformat() == "00:00:00" else moment.isoformat(" ")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    return str(cell.value)


def _through_libreoffice(path: Path, timeout: int, reason: str) -> Extraction:
    """Old BIFF variants and damaged files xlrd refuses: let LibreOffice try before giving up."""
    try:
        with converted(path, "xlsx", timeout=timeout) as xlsx:
            extraction = extract_xlsx(xlsx)
    except ExtractionError:
        raise ExtractionError(f"{path.name}: corrupt or unreadable spreadsheet ({reason})") from None
    extraction.format = "xls"
    extraction.warnings.append(f"read through LibreOffice: xlrd could not ({reason})")
    return extraction
