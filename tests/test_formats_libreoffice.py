"""Legacy binary formats through LibreOffice: .doc, .xls, .ppt and a text PDF, built in the test.

Each fixture is written with python-docx / openpyxl / python-pptx, then saved by LibreOffice as the old
binary format, then read back by vnarchive's extractors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import olefile
import openpyxl
import pytest
from openpyxl.styles import Font
from pptx import Presentation
from pptx.util import Inches
from word_files import positioned_text_box

from converters.formats import extract
from converters.formats.base import ExtractionError, Run
from converters.formats.doc_stories import read_text_box_story
from converters.formats.libreoffice import converted, soffice_binary

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice (soffice) is not installed"),
]


def _save_as(source: Path, target: str, tmp_path: Path) -> Path:
    with converted(source, target) as result:
        out = tmp_path / f"{source.stem}.{target}"
        shutil.copyfile(result, out)
    return out


def test_doc_keeps_tcvn3_u_horn_written_as_soft_hyphen(tmp_path: Path) -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("Nhµ n\u00adíc vµ Bé tr\u00adëng")
    run.font.name = ".VnTime"
    document.add_paragraph().add_run("Unicode Việt").font.name = "Times New Roman"
    source = tmp_path / "source.docx"
    document.save(source)
    legacy = _save_as(source, "doc", tmp_path)
    extraction = extract(legacy)
    assert extraction.format == "doc"
    assert Run("Nhµ n\u00adíc vµ Bé tr\u00adëng\n", ".VnTime") in extraction.runs
    assert Run("Unicode Việt\n", "Times New Roman") in extraction.runs


def test_doc_text_boxes_are_read_from_their_story(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Th©n bµi ")
    positioned_text_box(paragraph, "Hép mét")
    positioned_text_box(paragraph, "Hép hai")
    document.add_paragraph("cuèi")
    source = tmp_path / "boxes.docx"
    document.save(source)
    legacy = _save_as(source, "doc", tmp_path)
    with olefile.OleFileIO(str(legacy)) as ole:
        story = read_text_box_story(ole)
    assert [box.strip() for box in story if box.strip()] == ["Hép mét", "Hép hai"]
    text = "".join(run.text for run in extract(legacy).runs)
    assert text.split() == ["Th©n", "bµi", "cuèi", "Hép", "mét", "Hép", "hai"]


def test_xls_cells_fonts_and_layout(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bieu 1"
    sheet["A1"] = "B¸o c¸o"
    sheet["A1"].font = Font(name=".VnTimeH")
    sheet["A2"] = 1
    sheet["C2"] = "tØnh"
    sheet["C2"].font = Font(name=".VnTime")
    sheet["D2"] = 2.5
    source = tmp_path / "source.xlsx"
    book.save(source)
    legacy = _save_as(source, "xls", tmp_path)
    extraction = extract(legacy)
    assert extraction.format == "xls"
    assert extraction.runs == [
        Run("## Bieu 1\n", None),
        Run("B¸o c¸o\n1\t\t", ".VnTimeH"),
        Run("tØnh\t2.5\n", ".VnTime"),
    ]


def test_ppt_slides_with_fonts(tmp_path: Path) -> None:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    frame = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame
    run = frame.paragraphs[0].add_run()
    run.text = "LUAÄT ÑAÁT ÑAI"
    run.font.name = "VNI-Times"
    source = tmp_path / "source.pptx"
    presentation.save(source)
    legacy = _save_as(source, "ppt", tmp_path)
    extraction = extract(legacy)
    assert extraction.format == "ppt"
    assert extraction.pages == 1
    assert extraction.runs == [Run("LUAÄT ÑAÁT ÑAI\n\n", "VNI-Times")]  # a blank line ends each slide


def test_pdf_text_layer_fonts_and_joined_wraps(tmp_path: Path) -> None:
    document = docx.Document()
    long_paragraph = " ".join(["Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập tự do hạnh phúc."] * 6)
    for text in ("Quyết định", long_paragraph, "Hà Nội, ngày 1 tháng 2"):
        document.add_paragraph().add_run(text).font.name = "DejaVu Sans"
    source = tmp_path / "source.docx"
    document.save(source)
    pdf = _save_as(source, "pdf", tmp_path)
    extraction = extract(pdf)
    assert extraction.format == "pdf"
    assert extraction.pages == 1
    assert {run.font for run in extraction.runs} == {"DejaVuSans"}
    lines = "".join(run.text for run in extraction.runs).strip().split("\n")
    # The long paragraph wrapped over several printed lines and comes back as one.
    expected = ["Quyết định", long_paragraph, "Hà Nội, ngày 1 tháng 2"]
    assert [" ".join(line.split()) for line in lines] == expected


def test_libreoffice_timeout_is_a_one_line_error(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("x")
    source = tmp_path / "slow.docx"
    document.save(source)
    with pytest.raises(ExtractionError) as info, converted(source, "doc", timeout=0):
        pass
    assert str(info.value) == "slow.docx: LibreOffice could not convert it (timeout after 0 s)"
