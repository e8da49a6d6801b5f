"""Small PDFs built byte by byte for the tests: one page with the content stream a test needs."""

from __future__ import annotations

import zlib
from pathlib import Path

# 3 KB once deflated, five million drawing operators: pdfminer would work on this page for minutes.
ENDLESS_PAGE = b"0 0 m\n" * 5_000_000


def pdf_with_page_content(path: Path, content: bytes, resources: bytes = b"<< >>") -> Path:
    """A one-page PDF whose content stream is `content`, deflated."""
    stream = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources %b >>"
               % resources,
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (len(stream), stream)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
