"""What the OOXML formats (.docx, .xlsx, .pptx) share: the zip container, its size guard, its properties."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from converters.formats.base import ExtractionError

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}

# Parts are parsed whole; a part that inflates past this is a zip bomb or far beyond any office document.
MAX_PART_BYTES = 512 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)


def open_package(path: Path) -> zipfile.ZipFile:
    """The file's zip container; a damaged or truncated zip is an ExtractionError naming the file."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated office file ({exc})") from None


def read_part(package: zipfile.ZipFile, name: str, path: Path) -> etree._Element | None:
    """Parse one XML part, or None when the package has no such part."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ExtractionError(f"{path.name}: part {name} inflates to {info.file_size >> 20} MB, too large")
    try:
        with package.open(info) as handle:
            return etree.parse(handle, _PARSER).getroot()
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, etree.XMLSyntaxError) as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated office file ({name}: {exc})") from None


def package_properties(package: zipfile.ZipFile, path: Path) -> tuple[dict[str, str], int | None]:
    """Title, author, subject, created from docProps/core.xml, and the page count from docProps/app.xml."""
    props: dict[str, str] = {}
    core = read_part(package, "docProps/core.xml", path)
    if core is not None:
        for key, xpath in (("title", "dc:title"), ("author", "dc:creator"), ("subject", "dc:subject"),
                           ("created", "dcterms:created")):
            found = core.find(xpath, NS)
            if found is not None and found.text and found.text.strip():
                props[key] = found.text.strip()
    pages = None
    app = read_part(package, "docProps/app.xml", path)
    if app is not None:
        for tag in ("ep:Pages", "ep:Slides"):
            found = app.find(tag, NS)
            if found is not None and (found.text or "").strip().isdigit():
                pages = int(found.text.strip())
                break
    return props, pages


def local(tag: object) -> str:
    """`{namespace}name` → `name` (comments and processing instructions give '')."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
