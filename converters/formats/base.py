"""What every format extractor returns: text runs with their font names, and file-level facts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A piece of text as the file stores it, with the font it is set in.

    `text` is `bytes` when the format gives raw 8-bit codes (RTF `\\'hh`, .xls BIFF5 strings, plain .txt),
    and `str` when it gives characters; legacy-font text given as characters keeps its code points
    (a `.VnTime` run from a .docx reads `B¸o c¸o`), the charset step decides what they mean.
    """

    text: str | bytes
    font: str | None = None


@dataclass
class Extraction:
    """A whole file's runs plus what the format itself says about the document."""

    runs: list[Run]
    format: str
    properties: dict[str, str] = field(default_factory=dict)  # title, author, subject, created (ISO)
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    ocr_confidence: float | None = None  # set when the text came from OCR


class ExtractionError(Exception):
    """A file could not be read: the message names the reason (corrupt, encrypted, too large, timeout)."""
