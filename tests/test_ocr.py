"""OCR of scanned pages: a Vietnamese paragraph rendered to an image in the test, read back by tesseract."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from converters.formats import extract
from converters.formats.ocr import ocr_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ocr_available(), reason="tesseract with the Vietnamese model is not installed"),
]


def _dejavu() -> Path | None:
    """DejaVu Serif (Debian fonts-dejavu-core), found through fontconfig."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Serif"], capture_output=True, text=True)
    path = Path(found.stdout.strip())
    return path if "DejaVu" in path.name and path.is_file() else None

LINES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Quyết định của Bộ trưởng Bộ Tài chính",
    "về việc ban hành chế độ kế toán doanh nghiệp.",
]


def _page(path: Path, fmt: str) -> Path:
    font_file = _dejavu()
    if font_file is None:
        pytest.skip("DejaVu Serif (fonts-dejavu-core) is not installed")
    font = ImageFont.truetype(str(font_file), 40)
    image = Image.new("L", (1700, 120 + 70 * len(LINES)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(LINES):
        draw.text((80, 60 + 70 * i), line, font=font, fill=0)
    image.save(path, fmt, resolution=300)
    return path


def test_scanned_image_is_read_in_vietnamese(tmp_path: Path) -> None:
    extraction = extract(_page(tmp_path / "scan.png", "PNG"))
    assert extraction.format == "image"
    text = "".join(run.text for run in extraction.runs)
    assert [" ".join(line.split()) for line in text.splitlines() if line.strip()] == LINES
    assert extraction.ocr_confidence is not None and extraction.ocr_confidence > 0.8


def test_scanned_pdf_page_without_text_layer_goes_to_ocr(tmp_path: Path) -> None:
    pdf = _page(tmp_path / "scan.pdf", "PDF")
    extraction = extract(pdf)
    assert extraction.format == "pdf"
    text = " ".join("".join(run.text for run in extraction.runs).split())
    assert text == " ".join(LINES)
    assert extraction.warnings == ["1 of 1 pages read by OCR"]
    assert extraction.ocr_confidence is not None and extraction.ocr_confidence > 0.8
