"""converters.formats.extract: sniffing by content, and one-line errors naming the file for bad input."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import olefile
import psutil
import pytest
from pdf_files import ENDLESS_PAGE, pdf_with_page_content

from converters import convert_file
from converters.formats import extract, sniff
from converters.formats.base import ExtractionError, Run


def _ole(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal OLE2 compound file with the given root streams (olefile can only rewrite, so build one)."""
    sector = 512
    names = list(streams)
    # Layout: header, 1 FAT sector, 1 directory sector (4 entries), then each stream padded to 4096 so
    # it lives in regular sectors (no mini stream).
    data_sectors = []
    for name in names:
        payload = streams[name].ljust(4096, b"\x00")
        data_sectors.append(payload)
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # sector 0 = FAT, sector 1 = directory (end of chain)
    starts = []
    for payload in data_sectors:
        start = len(fat)
        count = len(payload) // sector
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    header = bytearray(olefile.MAGIC + b"\x00" * 16)
    header += struct.pack("<HHHHHH", 0x3E, 3, 0xFFFE, 9, 6, 0) + b"\x00" * 4
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108
    entries = [_entry("Root Entry", 5, child=1 if names else 0xFFFFFFFF, start=0xFFFFFFFE, size=0)]
    for i, name in enumerate(names):
        entries.append(_entry(name, 2, right=i + 2 if i + 1 < len(names) else 0xFFFFFFFF,
                              start=starts[i], size=4096))  # ≥ 4096: a regular stream, not a mini one
    while len(entries) < 4:
        entries.append(b"\x00" * 64 + struct.pack("<HBBIII", 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
                       + b"\x00" * 48)
    body = struct.pack("<128I", *fat) + b"".join(entries) + b"".join(data_sectors)
    path.write_bytes(bytes(header) + body)
    return path


def _entry(name: str, kind: int, *, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF, start: int, size: int):
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
            + struct.pack("<IIi", start, size, 0))


def test_ole_fixture_is_readable(tmp_path: Path) -> None:
    path = _ole(tmp_path / "x.bin", {"WordDocument": b"abc"})
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.openstream("WordDocument").read(3) == b"abc"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", b"%PDF-1.4\n...", "pdf"),
        ("notes.doc", b"{\\rtf1\\ansi hello}", "rtf"),  # content wins over the extension
        ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("scan.bin", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image"),
        ("plain", "Việt Nam".encode(), "txt"),
        ("legacy.htm", b"Vi\xd6t Nam", "html"),  # no markup: the extension decides
    ],
)
def test_sniff(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert sniff(path) == expected


def test_ole_streams_decide_the_office_format(tmp_path: Path) -> None:
    assert sniff(_ole(tmp_path / "a.dat", {"Workbook": b"\x09\x08"})) == "xls"
    assert sniff(_ole(tmp_path / "b.dat", {"PowerPoint Document": b"x"})) == "ppt"
    assert sniff(_ole(tmp_path / "c.dat", {"WordDocument": b"x"})) == "doc"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.doc", b"", "empty.doc: empty file"),
        ("report.doc", b"this is not a word file",
         "report.doc: corrupt or truncated .doc file (its content is not in that format)"),
        ("blob.bin", b"\x00\x01\x02binary", "blob.bin: unsupported file type (binary content, not a document "
         "format)"),
    ],
)
def test_bad_files_are_one_line_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert str(info.value) == message


def test_password_protected_office_file(tmp_path: Path) -> None:
    path = _ole(tmp_path / "secret.docx", {"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"x" * 100})
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert str(info.value) == "secret.docx: password-protected, cannot be read"


def test_encrypted_doc_is_refused_before_libreoffice(tmp_path: Path) -> None:
    fib = bytearray(32)
    fib[0:2] = b"\xec\xa5"  # wIdent of a Word 97 FIB
    fib[10:12] = (0x0100).to_bytes(2, "little")  # fEncrypted
    path = _ole(tmp_path / "locked.doc", {"WordDocument": bytes(fib)})
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert str(info.value) == "locked.doc: password-protected, cannot be read"


def test_truncated_ole_file(tmp_path: Path) -> None:
    whole = _ole(tmp_path / "whole.doc", {"WordDocument": b"x" * 64}).read_bytes()
    path = tmp_path / "cut.doc"
    path.write_bytes(whole[:700])
    with pytest.raises(ExtractionError, match=r"^cut\.doc: corrupt or truncated") as info:
        extract(path)
    assert "\n" not in str(info.value)


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    with pytest.raises(ExtractionError) as info:
        extract(path, max_mb=2)
    assert str(info.value) == "big.txt: too large (3 MB, the limit is 2 MB)"


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("a.txt", "x")
    path = tmp_path / "photos.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ExtractionError, match=r"^photos\.zip: unsupported file type"):
        extract(path)


def test_plain_text_is_one_bytes_run_and_convert_file_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Việt Nam\n".encode())
    assert extract(path).runs == [Run("Việt Nam\n".encode(), None)]
    result = convert_file(path)
    assert result.extraction.format == "txt"
    assert result.conversion.text == "Việt Nam\n"


def test_html_charset_and_font_faces(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        b"<title>B\xb8o c\xb8o</title><style>p {color: red}</style></head><body>"
        b'<p><font face=".VnTime, Arial">Nh\xb5 n\xad\xedc</font> &amp; <b>Unicode</b></p>'
        b'<table><tr><td><span style="font-family: VNI-Times">Vie\xe4t</span></td><td>x</td></tr></table>'
        b"<script>var a = 1;</script></body></html>"
    )
    extraction = extract(path)
    assert extraction.format == "html"
    assert extraction.properties == {"title": "B¸o c¸o"}
    assert extraction.runs == [
        Run("Nhµ n\u00adíc", ".VnTime"),
        Run(" & Unicode\n\n\n\t", None),
        Run("Vieät\t", "VNI-Times"),
        Run("x\n\n", None),
    ]


def test_html_declared_utf8_that_is_not(tmp_path: Path) -> None:
    path = tmp_path / "wrong.html"
    path.write_bytes(b'<html><head><meta charset="utf-8"></head><body>Nh\xb5 n\xad\xedc</body></html>')
    extraction = extract(path)
    assert extraction.runs == [Run("Nhµ n\u00adíc", None)]
    assert extraction.warnings == ["wrong.html: declared charset utf-8 does not fit the bytes"]


def test_a_pdf_page_that_never_ends_is_given_up_within_the_time_limit(tmp_path: Path) -> None:
    path = pdf_with_page_content(tmp_path / "endless.pdf", ENDLESS_PAGE)
    started = time.monotonic()
    with pytest.raises(ExtractionError) as info:
        extract(path, timeout=2)
    assert time.monotonic() - started < 15
    assert str(info.value) == ("endless.pdf: gave up after 2 s without finishing a page (a damaged or "
                               "pathological file)")
    servers = [p for p in psutil.Process().children() if "forkserver" in " ".join(p.cmdline())]
    assert servers and [p for server in servers for p in server.children()] == []  # the reader was killed


def test_a_pdf_read_in_its_child_process_keeps_text_and_fonts(tmp_path: Path) -> None:
    metrics = (b"/FirstChar 32 /LastChar 255 /Widths [%b] /Encoding /WinAnsiEncoding /FontDescriptor "
               b"<< /Type /FontDescriptor /FontName /.VnTime /Flags 32 >>" % (b"500 " * 224))
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /.VnTime %b >> >> >>" % metrics
    text = b"BT /F1 12 Tf 72 720 Td (B\\270o c\\270o k\\270m theo quy \\256\\336nh) Tj ET"
    extraction = extract(pdf_with_page_content(tmp_path / "short.pdf", text, font))
    assert extraction.pages == 1
    assert [(run.text.strip(), run.font) for run in extraction.runs] == [("B¸o c¸o k¸m theo quy ®Þnh",
                                                                         ".VnTime")]


def test_encrypted_ppt_is_refused_before_libreoffice(tmp_path: Path) -> None:
    # CurrentUserAtom: record header (type 0x0FF6), size 0x14, headerToken 0xF3D1C4DF = encrypted.
    current_user = struct.pack("<HHIII", 0, 0x0FF6, 20, 0x14, 0xF3D1C4DF) + b"\x00" * 16
    path = _ole(tmp_path / "slides.ppt", {"PowerPoint Document": b"\x00" * 64, "Current User": current_user})
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert str(info.value) == "slides.ppt: password-protected, cannot be read"


def test_encrypted_xls_says_password_protected(tmp_path: Path) -> None:
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    filepass = struct.pack("<HHHHH", 0x002F, 6, 0, 0, 0)  # FILEPASS: the workbook is encrypted
    path = _ole(tmp_path / "budget.xls", {"Workbook": bof + filepass + struct.pack("<HH", 0x000A, 0)})
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert str(info.value) == "budget.xls: password-protected, cannot be read"
