"""converters.formats.xlsx (and the shared cell layout): sheet headings, tab-separated rows, cell fonts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from converters.formats import extract
from converters.formats.base import ExtractionError, Run


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "NK"
    sheet["A1"] = "¦íc thùc hiÖn"
    sheet["A1"].font = Font(name=".VnArialH")
    sheet["A3"] = "Stt"
    sheet["C3"] = "§¬n vÞ"
    for cell in ("A3", "C3"):
        sheet[cell].font = Font(name=".VnArial")
    sheet["A4"] = 1
    sheet["B4"] = 118.27956989247312
    sheet["C4"] = "Unicode"
    sheet["D4"] = dt.datetime(2005, 1, 31)
    sheet["E5"] = "   "  # blank text: the row counts as empty
    other = book.create_sheet("Ghi chú")
    other["B2"] = "cuèi"
    other["B2"].font = Font(name=".VnTime")
    book.properties.title = "Nhap khau"
    path = tmp_path / "nk.xlsx"
    book.save(path)
    return path


def test_layout_and_fonts(workbook: Path) -> None:
    extraction = extract(workbook)
    assert extraction.format == "xlsx"
    assert extraction.pages == 2
    assert extraction.properties["title"] == "Nhap khau"
    assert extraction.runs == [
        Run("## NK\n", None),
        Run("¦íc thùc hiÖn\n", ".VnArialH"),
        # Numbers are ASCII, the same in every charset: they join the run before them.
        Run("Stt\t\t§¬n vÞ\n1\t118.2795699\t", ".VnArial"),
        Run("Unicode\t2005-01-31\n", "Calibri"),
        Run("## Ghi chú\n\t", None),
        Run("cuèi\n", ".VnTime"),
    ]


def test_numbers_after_a_symbol_cell_are_kept(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "\uf0b7"
    sheet["A1"].font = Font(name="Wingdings")
    sheet["B1"] = 42
    path = tmp_path / "bullets.xlsx"
    book.save(path)
    assert extract(path).runs == [Run("## Sheet\n\t42\n", None)]


def test_corrupt_spreadsheet(workbook: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(workbook.read_bytes()[:1500])
    with pytest.raises(ExtractionError, match=r"^broken\.xlsx: corrupt or truncated"):
        extract(broken)
