"""Broken input files for the fault tests, generated reproducibly from a seed.

Kinds: truncated and bit-flipped copies of real .doc/.xls/.rtf/.pdf/.docx originals, .docx zip bombs,
one 50 MB single-line text, random bytes under every extension we read, and empty files. Each file's name
says what it is (`0042-flip-rtf-2003-A05.rtf`), so a failing case can be reproduced by name.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = ("txt", "doc", "docx", "xls", "xlsx", "rtf", "pdf", "ppt", "pptx", "png", "csv", "bin")
BIG_TEXT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Plan:
    """How many files of each kind to make; `office` (.doc/.xls through LibreOffice) is the slow share."""

    office: int = 8
    rtf: int = 100
    pdf: int = 16
    docx: int = 230
    bombs: int = 4
    random: int = 570
    empty: int = len(EXTENSIONS)
    text: int = 60
    big_text: bool = True

    @property
    def total(self) -> int:
        return (self.office + self.rtf + self.pdf + self.docx + self.bombs + self.random + self.empty
                + self.text + int(self.big_text))


def truncated(data: bytes, rng: random.Random) -> bytes:
    """The first part of `data`: a download or copy that stopped early."""
    return data[: rng.randrange(0, max(1, len(data)))]


def bit_flipped(data: bytes, rng: random.Random, flips: int | None = None) -> bytes:
    """`data` with a few random bits inverted: a bad sector or a bad floppy."""
    out = bytearray(data)
    if not out:
        return bytes(out)
    for _ in range(flips or rng.randint(1, 64)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def damaged(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One of: truncated, bit-flipped, truncated and flipped, or a block overwritten with noise."""
    kind = rng.choice(("cut", "flip", "cutflip", "noise"))
    if kind == "cut":
        return kind, truncated(data, rng)
    if kind == "flip":
        return kind, bit_flipped(data, rng)
    if kind == "cutflip":
        return kind, bit_flipped(truncated(data, rng), rng)
    out = bytearray(data)
    if out:
        start = rng.randrange(len(out))
        length = min(len(out) - start, rng.randint(16, 4096))
        out[start:start + length] = rng.randbytes(length)
    return kind, bytes(out)


def docx_bomb(variant: int) -> bytes:
    """A .docx whose parts expand to far more than any real letter: one 1 GB `document.xml` of repeated
    markup, or thousands of parts, or a body of one gigantic paragraph."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        if variant % 3 == 0:  # 1 GiB of repeated runs, streamed so the generator itself stays small
            with zf.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                           b"<w:body>")
                chunk = b"<w:p><w:r><w:t>" + b"A" * 65_000 + b"</w:t></w:r></w:p>"
                for _ in range((1 << 30) // len(chunk)):
                    part.write(chunk)
                part.write(b"</w:body></w:document>")
        elif variant % 3 == 1:  # 20,000 parts
            zf.writestr("word/document.xml", _DOCUMENT)
            for i in range(20_000):
                zf.writestr(f"word/media/pad{i}.xml", b"<x/>" * 64)
        else:  # deep nesting inside one paragraph: a billion-laughs cousin without entities
            zf.writestr("word/document.xml", _DOCUMENT.replace(b"<w:t>x</w:t>", b"<w:t>" + b"<a>" * 200_000))
    return buffer.getvalue()


def generate(out: Path, seeds: dict[str, list[Path]], plan: Plan | None = None, seed: int = 9) -> list[Path]:
    """Write `plan.total` broken files into `out`; `seeds` maps an extension to real originals to damage."""
    plan = plan or Plan()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, data in _files(seeds, plan, rng):
        path = out / f"{len(written):04d}-{name}"
        path.write_bytes(data)
        written.append(path)
    return written


def _files(seeds: dict[str, list[Path]], plan: Plan, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    office = [p for ext in ("doc", "xls") for p in seeds.get(ext, [])]
    for ext_count, pool in ((plan.office, office), (plan.rtf, seeds.get("rtf", [])),
                            (plan.pdf, seeds.get("pdf", [])), (plan.docx, seeds.get("docx", []))):
        for _ in range(ext_count if pool else 0):
            original = rng.choice(pool)
            kind, data = damaged(original.read_bytes(), rng)
            yield f"{kind}-{original.stem}{original.suffix}", data
    for i in range(plan.bombs):
        yield f"bomb{i}.docx", docx_bomb(i)
    for i in range(plan.random):
        ext = EXTENSIONS[i % len(EXTENSIONS)]
        # Mostly small: random bytes read as legacy text cost the converter time in proportion to size.
        yield f"random.{ext}", rng.randbytes(rng.choice((1, 7, 100, 512, 512, 2048, 4096, 16_384)))
    for ext in EXTENSIONS[: plan.empty]:
        yield f"empty.{ext}", b""
    for _ in range(plan.text):
        yield "text.txt", _damaged_text(rng)
    if plan.big_text:
        line = "Báo cáo tổng kết công tác năm 1998 của Sở Giáo dục ".encode()
        yield "big-one-line.txt", (line * (BIG_TEXT_BYTES // len(line) + 1))[:BIG_TEXT_BYTES]


def _damaged_text(rng: random.Random) -> bytes:
    """Vietnamese text mangled at the byte level: mixed encodings, stray NULs, cut multi-byte sequences."""
    words = ("Cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "Việt", "Nam", "Độc", "lập", "Tự", "do", "Hạnh",
             "phúc", "quyết", "định", "báo", "cáo")
    text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 400)))
    encoding = rng.choice(("utf-8", "utf-16", "cp1258", "utf-8-sig"))
    data = text.encode(encoding, errors="replace")
    if rng.random() < 0.5:
        data = data[: rng.randrange(len(data) + 1)]
    if rng.random() < 0.3:
        data = bit_flipped(data, rng, 8) + b"\x00" * rng.randint(0, 64)
    return data


_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                  b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                  b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                  b'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DOCUMENT = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")
