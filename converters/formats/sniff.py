"""Which format a file is: by its content first (magic bytes, container parts), its extension second."""

from __future__ import annotations

import zipfile
from pathlib import Path

import olefile

from converters.charsets.utf16 import utf16_form
from converters.formats.base import ExtractionError

# Extensions accepted when the content itself does not say (the sniffers below run first).
_BY_EXTENSION = {
    ".doc": "doc", ".dot": "doc", ".docx": "docx", ".docm": "docx", ".xls": "xls", ".xlt": "xls",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".ppt": "ppt", ".pps": "ppt", ".pptx": "pptx", ".rtf": "rtf",
    ".pdf": "pdf", ".htm": "html", ".html": "html", ".txt": "txt", ".text": "txt", ".csv": "txt",
    ".odt": "odt", ".ods": "ods", ".odp": "odp", ".png": "image", ".jpg": "image", ".jpeg": "image",
    ".tif": "image", ".tiff": "image", ".gif": "image", ".bmp": "image",
}
_OLE_STREAMS = (("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"), ("PowerPoint Document", "ppt"))
_ZIP_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx"))
_ODF = {"application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/vnd.oasis.opendocument.presentation": "odp"}
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a", b"BM")
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


def sniff(path: Path) -> str:
    """The format name (`doc`, `xls`, `pdf`, …) of `path`; ExtractionError when it is none we read."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if not head:
        raise ExtractionError(f"{path.name}: empty file")
    if head.startswith(olefile.MAGIC):
        return _ole(path)
    if head.startswith(b"PK\x03\x04"):
        return _zip(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGES):
        return "image"
    lowered = head.lower()
    if any(mark in lowered for mark in _HTML_MARKS):
        return "html"
    by_extension = _BY_EXTENSION.get(path.suffix.lower())
    if by_extension in ("doc", "xls", "ppt", "docx", "xlsx", "pptx", "pdf", "odt", "ods", "odp", "image"):
        raise ExtractionError(f"{path.name}: corrupt or truncated .{path.suffix.lower().lstrip('.')} file "
                              "(its content is not in that format)")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not utf16_form(head):
        raise ExtractionError(f"{path.name}: unsupported file type (binary content, not a document format)")
    return by_extension or "txt"


def _ole(path: Path) -> str:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptedPackage"):
                raise ExtractionError(f"{path.name}: password-protected, cannot be read")
            for stream, fmt in _OLE_STREAMS:
                if ole.exists(stream):
                    return fmt
    except OSError as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated office file ({exc})") from None
    raise ExtractionError(f"{path.name}: unsupported file type (an OLE container with no Word, Excel or "
                          "PowerPoint stream)")


def _zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            for part, fmt in _ZIP_PARTS:
                if part in names:
                    return fmt
            if "mimetype" in names:
                mime = package.read("mimetype").decode("ascii", "replace").strip()
                if mime in _ODF:
                    return _ODF[mime]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated office file ({exc})") from None
    raise ExtractionError(f"{path.name}: unsupported file type (a zip archive, not an office document)")
