"""Repair legacy Vietnamese text (TCVN3, VNI, VISCII, VPS, VIQR, CP1258, mojibake) into NFC Unicode.

Public API:
    convert_bytes(data, source_encoding=None, fonts=None) -> Conversion
    convert_text(text, source_encoding=None, fonts=None) -> Conversion
    convert_runs(runs) -> Conversion
    convert_file(path, source_encoding=None, timeout=120, max_mb=100) -> FileConversion
"""

from converters.conversion import REVIEW_THRESHOLD, Conversion, Repair
from converters.pipeline import (
    CONVERTER_VERSION,
    FileConversion,
    convert_bytes,
    convert_file,
    convert_runs,
    convert_text,
)

__all__ = [
    "CONVERTER_VERSION",
    "REVIEW_THRESHOLD",
    "Conversion",
    "FileConversion",
    "Repair",
    "convert_bytes",
    "convert_file",
    "convert_runs",
    "convert_text",
]
