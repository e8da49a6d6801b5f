"""PowerPoint 97–2003 .ppt: LibreOffice → .pptx, then the PresentationML reader."""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from converters.formats.base import Extraction, ExtractionError
from converters.formats.libreoffice import converted
from converters.formats.pptx import extract_pptx

# CurrentUserAtom.headerToken (MS-PPT 2.3.2): this value when the presentation is encrypted.
_ENCRYPTED_TOKEN = 0xF3D1C4DF


def check_not_encrypted(path: Path) -> None:
    """Raise before LibreOffice is started: it cannot open a password-protected .ppt without the password."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("Current User"):
                return  # LibreOffice judges a file without the stream
            head = ole.openstream("Current User").read(16)
    except OSError as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated .ppt file ({exc})") from None
    if len(head) == 16 and struct.unpack_from("<I", head, 12)[0] == _ENCRYPTED_TOKEN:
        raise ExtractionError(f"{path.name}: password-protected, cannot be read")


def extract_ppt(path: Path, *, timeout: int = 120) -> Extraction:
    check_not_encrypted(path)
    with converted(path, "pptx", timeout=timeout) as pptx:
        return extract_pptx(pptx, fmt="ppt")
