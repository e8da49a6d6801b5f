"""converters.formats.pptx: slide text in order with each run's typeface; slide numbers left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from converters.formats import extract
from converters.formats.base import ExtractionError, Run


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])  # title only
    slide.shapes.title.text = "LUAÄT ÑAÁT ÑAI"
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name = "VNI-Times"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1)).text_frame
    first = box.paragraphs[0].add_run()
    first.text = "Nhµ n\u00adíc"
    first.font.name = ".VnTime"
    second = box.add_paragraph().add_run()
    second.text = "Unicode"
    table = slide.shapes.add_table(1, 2, Inches(1), Inches(4), Inches(4), Inches(1)).table
    table.cell(0, 0).text = "a"
    table.cell(0, 1).text = "b"
    presentation.slides.add_slide(presentation.slide_layouts[6])  # blank slide
    path = tmp_path / "deck.pptx"
    presentation.save(path)
    return path


def test_slides_runs_and_fonts(deck: Path) -> None:
    extraction = extract(deck)
    assert extraction.format == "pptx"
    assert extraction.pages == 2
    assert extraction.runs == [
        Run("LUAÄT ÑAÁT ÑAI\n", "VNI-Times"),
        Run("Nhµ n\u00adíc\n", ".VnTime"),
        Run("Unicode\na\tb\n\n\n", None),
    ]


def test_truncated_presentation(deck: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(deck.read_bytes()[:3000])
    with pytest.raises(ExtractionError, match=r"^broken\.pptx: corrupt or truncated"):
        extract(broken)
