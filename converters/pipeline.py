"""bytes -> detect -> decode -> repair -> Conversion. (Initial version: Unicode and cp1252 only.)"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from converters.conversion import Conversion
from converters.formats.base import Extraction, Run

CONVERTER_VERSION = "0.1"


@dataclass
class FileConversion:
    """A file's extraction (format, properties, pages) and its converted text."""

    extraction: Extraction
    conversion: Conversion


def convert_bytes(data: bytes, *, source_encoding: str | None = None, fonts: Sequence[str] | None = None) -> Conversion:
    if data.startswith(b"\xef\xbb\xbf"):
        return convert_text(data[3:].decode("utf-8"), source_encoding="utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return convert_text(data.decode("utf-16"), source_encoding="utf-16")
    try:
        text, label = data.decode("utf-8"), "utf-8" if not data.isascii() else "ascii"
    except UnicodeDecodeError:
        text, label = data.decode("cp1252", errors="replace"), "cp1252"
    return convert_text(text, source_encoding=label)


def convert_text(text: str, *, source_encoding: str | None = None, fonts: Sequence[str] | None = None) -> Conversion:
    return Conversion(text=unicodedata.normalize("NFC", text), encoding=source_encoding or "utf-8", confidence=1.0)


def convert_runs(runs: Sequence[Run]) -> Conversion:
    parts = [r.text.decode("cp1252", errors="replace") if isinstance(r.text, bytes) else r.text for r in runs]
    return convert_text("".join(parts))


def convert_file(
    path: Path, *, source_encoding: str | None = None, timeout: int = 120, max_mb: int = 100
) -> FileConversion:
    """Extract `path` (any supported format, see converters.formats) and convert its runs.

    `timeout` bounds LibreOffice/OCR per file, `max_mb` refuses larger files; failures raise
    `ExtractionError` with a one-line message naming the file. Plain text honours `source_encoding`.
    """
    from converters.formats import extract  # format readers load their libraries only when used

    extraction = extract(Path(path), timeout=timeout, max_mb=max_mb)
    if extraction.format == "txt":
        data = b"".join(run.text for run in extraction.runs if isinstance(run.text, bytes))
        return FileConversion(extraction, convert_bytes(data, source_encoding=source_encoding))
    return FileConversion(extraction, convert_runs(extraction.runs))
