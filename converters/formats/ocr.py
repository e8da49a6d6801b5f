"""OCR for scanned pages and images: tesseract with the Vietnamese model (`-l vie`).

Text comes back as Unicode with a mean word confidence (0–1) that callers store as
`Extraction.ocr_confidence`, so a reader knows the text is machine-read.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytesseract
from PIL import Image, UnidentifiedImageError

from converters.formats.base import Extraction, ExtractionError, Run

LANGUAGE = "vie"
# Pages are rendered for OCR at this resolution: tesseract reads 10–12 pt body text best at 300 dpi.
DPI = 300
# Images larger than this are refused rather than decoded (a decompression bomb check).
MAX_PIXELS = 200_000_000


def ocr_available() -> bool:
    """True when tesseract and its Vietnamese model are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        return LANGUAGE in pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError):
        return False


def ocr_image(image: Image.Image, name: str, *, timeout: int = 120) -> tuple[str, float]:
    """Text of one page image and its mean word confidence (0–1)."""
    if not ocr_available():
        raise ExtractionError(f"{name}: has no text layer, and tesseract with Vietnamese is not installed")
    try:
        data = pytesseract.image_to_data(image, lang=LANGUAGE, output_type=pytesseract.Output.DICT,
                                         timeout=timeout, config="--psm 3")
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise ExtractionError(f"{name}: OCR did not finish ({exc})") from None
    except pytesseract.TesseractError as exc:
        raise ExtractionError(f"{name}: OCR failed ({exc.message.strip() or exc.status})") from None
    return _layout(data)


def _layout(data: dict) -> tuple[str, float]:
    """Rebuild lines and paragraphs from tesseract's word boxes; average the word confidences."""
    lines: list[str] = []
    confidences: list[float] = []
    current: tuple[int, int, int] | None = None
    words: list[str] = []
    for i, word in enumerate(data["text"]):
        if not word.strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key != current:
            if words:
                lines.append(" ".join(words))
            if current is not None and key[:2] != current[:2]:
                lines.append("")
            current, words = key, []
        words.append(word)
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf / 100)
    if words:
        lines.append(" ".join(words))
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(lines) + "\n", mean


def render_pdf_page(path: Path, page: int, *, timeout: int = 120) -> Image.Image:
    """One PDF page (1-based) as an image, rendered by poppler's pdftoppm."""
    if shutil.which("pdftoppm") is None:
        raise ExtractionError(f"{path.name}: scanned PDF needs poppler-utils (pdftoppm) to be read")
    with tempfile.TemporaryDirectory(prefix="vnarchive-ocr-") as tmp:
        prefix = Path(tmp) / "page"
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                 str(path), str(prefix)],
                check=True, capture_output=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            message = f"{path.name}: page {page} could not be rendered (timeout after {timeout} s)"
            raise ExtractionError(message) from None
        except subprocess.CalledProcessError as exc:
            reason = exc.stderr.decode("utf-8", "replace").strip().splitlines()
            message = f"{path.name}: page {page} could not be rendered ({reason[-1] if reason else exc})"
            raise ExtractionError(message) from None
        with Image.open(prefix.with_suffix(".png")) as image:
            image.load()
            return image.copy()


def extract_image(path: Path, *, timeout: int = 120) -> Extraction:
    """A scanned page saved as an image (PNG, JPEG, TIFF with several pages, …)."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ExtractionError(f"{path.name}: unreadable image ({exc})") from None
    texts, confidences = [], []
    with image:
        frames = getattr(image, "n_frames", 1)
        for frame in range(frames):
            try:
                image.seek(frame)
                page = image.convert("L")
            except (OSError, ValueError) as exc:
                raise ExtractionError(f"{path.name}: corrupt or truncated image ({exc})") from None
            text, conf = ocr_image(page, path.name, timeout=timeout)
            texts.append(text)
            confidences.append(conf)
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return Extraction(runs=[Run("\n".join(texts), None)], format="image", pages=frames,
                      ocr_confidence=round(confidence, 3))
