"""Format extractors: a file → `Extraction` (text runs with their font names, properties, pages).

`extract(path)` sniffs the format from the content (extension second), checks the size limit, and calls
the one module that reads that format. Extractors know nothing of charsets except one thing: runs set in
a symbol font (Symbol, Wingdings) are pictures, not text, and are left out here.
"""

from __future__ import annotations

from pathlib import Path

from converters.fonts import charset_for_font
from converters.formats.base import Extraction, ExtractionError, Run
from converters.formats.runs import RunCollector
from converters.formats.sniff import sniff

DEFAULT_MAX_MB = 100


def extract(path: Path, *, timeout: int = 120, max_mb: int = DEFAULT_MAX_MB) -> Extraction:
    """Read `path` into runs. Every failure is an ExtractionError whose message names the file."""
    path = Path(path)
    if not path.is_file():
        raise ExtractionError(f"{path.name}: no such file")
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise ExtractionError(f"{path.name}: too large ({size / 1048576:.0f} MB, the limit is {max_mb} MB)")
    fmt = sniff(path)
    extraction = _read(path, fmt, timeout)
    return _without_symbols(extraction)


def _read(path: Path, fmt: str, timeout: int) -> Extraction:
    # Imported on use: each reader pulls in its own library (pdfminer, openpyxl, python-pptx …).
    if fmt == "doc":
        from converters.formats.doc import extract_doc
        return extract_doc(path, timeout=timeout)
    if fmt == "docx":
        from converters.formats.docx import extract_docx
        return extract_docx(path)
    if fmt in ("odt", "ods", "odp"):
        return _through_ooxml(path, fmt, timeout)
    if fmt == "xls":
        from converters.formats.xls import extract_xls
        return extract_xls(path, timeout=timeout)
    if fmt == "xlsx":
        from converters.formats.xlsx import extract_xlsx
        return extract_xlsx(path)
    if fmt == "ppt":
        from converters.formats.ppt import extract_ppt
        return extract_ppt(path, timeout=timeout)
    if fmt == "pptx":
        from converters.formats.pptx import extract_pptx
        return extract_pptx(path)
    if fmt == "rtf":
        from converters.formats.rtf import extract_rtf
        return extract_rtf(path)
    if fmt == "pdf":
        from converters.formats.pdf import extract_pdf
        return extract_pdf(path, timeout=timeout)
    if fmt == "image":
        from converters.formats.ocr import extract_image
        return extract_image(path, timeout=timeout)
    if fmt == "html":
        from converters.formats.html import extract_html
        return extract_html(path)
    from converters.formats.text import extract_text
    return extract_text(path)


def _through_ooxml(path: Path, fmt: str, timeout: int) -> Extraction:
    """OpenDocument files: LibreOffice writes the OOXML twin, whose readers keep run fonts."""
    from converters.formats.docx import extract_docx
    from converters.formats.libreoffice import converted
    from converters.formats.pptx import extract_pptx
    from converters.formats.xlsx import extract_xlsx

    target = {"odt": "docx", "ods": "xlsx", "odp": "pptx"}[fmt]
    with converted(path, target, timeout=timeout) as twin:
        extraction = {"docx": extract_docx, "xlsx": extract_xlsx, "pptx": extract_pptx}[target](twin)
    extraction.format = fmt
    return extraction


def _without_symbols(extraction: Extraction) -> Extraction:
    """Drop the text of symbol-font runs, keeping their line breaks and tabs so the layout holds."""
    runs, dropped = [], 0
    for run in extraction.runs:
        if (charset_for_font(run.font) or _TEXT).charset != "symbol":
            runs.append(run)
            continue
        dropped += 1
        layout = bytes(b for b in run.text if b in b"\t\n") if isinstance(run.text, bytes) else (
            "".join(ch for ch in run.text if ch in "\t\n"))
        if layout:
            runs.append(Run(layout.decode("ascii") if isinstance(layout, bytes) else layout, None))
    if dropped:
        extraction.warnings.append(f"{dropped} runs in symbol fonts left out")
        collector = RunCollector()
        collector.extend(runs)  # neighbours that now touch and share a font become one run again
        extraction.runs = collector.runs
    return extraction


class _Text:
    charset = "text"


_TEXT = _Text()

__all__ = ["Extraction", "ExtractionError", "Run", "extract", "sniff"]
