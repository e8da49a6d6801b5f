"""Excel .xlsx through openpyxl in read-only mode (rows stream from the zip, memory stays bounded).

Same layout as .xls: a `## Sheet name` line, then tab-separated rows; text cells carry their font.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from converters.formats.base import Extraction, ExtractionError
from converters.formats.cells import format_number
from converters.formats.ooxml import open_package, package_properties
from converters.formats.runs import RunCollector


def extract_xlsx(path: Path) -> Extraction:
    try:
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated spreadsheet ({exc})") from None
    out = RunCollector()
    try:
        for sheet in book.worksheets:
            out.add(f"## {sheet.title}", None)
            out.newline()
            for row in sheet.iter_rows():
                _row(row, out)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated spreadsheet ({exc})") from None
    finally:
        book.close()
    with open_package(path) as package:
        props, _ = package_properties(package, path)
    return Extraction(runs=out.runs, format="xlsx", properties=props, pages=len(book.sheetnames))


def _row(row: tuple, out: RunCollector) -> None:
    shown = [c for c in row if c.value is not None and not (isinstance(c.value, str) and not c.value.strip())]
    if not shown:
        return
    column = 1
    for cell in shown:
        # One tab per column step, so a value keeps its column even after empty cells.
        out.separator("\t" * (cell.column - column))
        column = cell.column
        if isinstance(cell.value, str):
            font = cell.font.name if cell.font is not None else None
            out.add(cell.value.replace("\r", " ").replace("\n", " "), font)
        else:
            out.neutral(_value(cell.value))
    out.newline()


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
