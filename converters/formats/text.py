"""Plain text: the whole file as one run of raw bytes; the charset step detects the encoding."""

from __future__ import annotations

from pathlib import Path

from converters.formats.base import Extraction, Run


def extract_text(path: Path) -> Extraction:
    data = path.read_bytes()
    return Extraction(runs=[Run(data, None)] if data else [], format="txt")
