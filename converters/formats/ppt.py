"""PowerPoint 97–2003 .ppt: LibreOffice → .pptx, then the PresentationML reader."""

from __future__ import annotations

from pathlib import Path

from converters.formats.base import Extraction
from converters.formats.libreoffice import converted
from converters.formats.pptx import extract_pptx


def extract_ppt(path: Path, *, timeout: int = 120) -> Extraction:
    with converted(path, "pptx", timeout=timeout) as pptx:
        return extract_pptx(pptx, fmt="ppt")
