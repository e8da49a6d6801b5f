"""Word 97–2003 .doc (and .dot, .wps-era Word 6/95): LibreOffice → .docx, then the WordprocessingML reader.

LibreOffice keeps each run's font name, and writes byte 0xAD (TCVN3 `ư`) as `<w:softHyphen/>`, which the
reader turns back into U+00AD in its run. It keeps text boxes only at their anchors, so their order in
Word's text-box story is read from the .doc itself (`doc_stories`).
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from converters.formats.base import Extraction, ExtractionError
from converters.formats.doc_stories import read_text_box_story
from converters.formats.docx import extract_docx
from converters.formats.libreoffice import converted

_F_ENCRYPTED = 0x0100  # FIB base flags bit fEncrypted (MS-DOC 2.5.2)


def check_not_encrypted(path: Path) -> None:
    """Raise before LibreOffice is started: it cannot open a password-protected .doc without the password."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("WordDocument"):
                raise ExtractionError(f"{path.name}: not a Word document (no WordDocument stream)")
            head = ole.openstream("WordDocument").read(12)
    except OSError as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated .doc file ({exc})") from None
    if len(head) < 12:
        raise ExtractionError(f"{path.name}: corrupt or truncated .doc file (WordDocument stream too short)")
    (flags,) = struct.unpack_from("<H", head, 10)
    if flags & _F_ENCRYPTED:
        raise ExtractionError(f"{path.name}: password-protected, cannot be read")


def extract_doc(path: Path, *, timeout: int = 120) -> Extraction:
    check_not_encrypted(path)
    with olefile.OleFileIO(str(path)) as ole:
        story = read_text_box_story(ole)
    with converted(path, "docx", timeout=timeout) as docx:
        extraction = extract_docx(docx, fmt="doc", box_story=story)
    return extraction
