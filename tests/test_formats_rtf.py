"""converters.formats.rtf: the tokenizer keeps 8-bit codes per font, skips destinations, reads \\info."""

from __future__ import annotations

from pathlib import Path

import pytest

from converters.formats import extract
from converters.formats.base import ExtractionError, Run
from converters.formats.rtf import extract_rtf_bytes

HEADER = (
    rb"{\rtf1\ansi\ansicpg1252\uc1\deff0"
    rb"{\fonttbl{\f0\froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}"
    rb"{\f15\fswiss\fcharset0 .VnTime;}{\f16\fswiss\fcharset0 .VnTimeH;}{\f20\fcharset163 Arial;}"
    rb"{\f30\fcharset2 Symbol;}}"
    rb"{\colortbl;\red0\green0\blue0;}"
    rb"{\stylesheet{\f15 Normal;}}"
    rb"{\info{\title Ngh\'de \'ae\'denh}{\author Hang em}{\creatim\yr2002\mo7\dy5\hr11\min3}"
    rb"{\revtim\yr2003\mo1\dy1}{\nofpages5}}"
)


def rtf(body: bytes) -> list[Run]:
    return extract_rtf_bytes(HEADER + body + b"}", "t.rtf").runs


def test_legacy_font_text_stays_bytes_with_its_font() -> None:
    assert rtf(rb"\f15 Nh\'b5 n\'ad\'edc\par\f16 quy\'d5t \'ae\'dfnh\par") == [
        Run(b"Nh\xb5 n\xad\xedc\n", ".VnTime"),
        Run(b"quy\xd5t \xae\xdfnh\n", ".VnTimeH"),
    ]


def test_unicode_font_bytes_decoded_with_the_font_charset() -> None:
    # \fcharset163 is Windows-1258: 0xCC is the combining grave accent there.
    runs = rtf(rb"\f20 Vie\'cct\par\f0 caf\'e9")
    assert runs == [Run("Vie\u0300t\n", "Arial"), Run("café", "Times New Roman")]


def test_unicode_escape_skips_its_fallback_characters() -> None:
    assert rtf(rb"\f0 Vi\u7879?t {\uc2 \u7899\'3f\'3f}c") == [Run("Việt ớc", "Times New Roman")]


def test_destinations_fields_and_groups() -> None:
    body = (
        rb"{\header \f15 v\'a8n ph\'dfng\par}"
        rb"{\*\generator Riched20;}{\pict\wmetafile8 0a0b0c0d}"
        rb"\f0 Page {\field{\*\fldinst {PAGE }}{\fldrslt {3}}}\tab x\line y\cell z\row"
        rb"{\f30 \'b7}{\f15 a\~b\-c\_d}"
    )
    runs = rtf(body)
    assert runs[0] == Run("Page 3\tx\ny|z\n", "Times New Roman")
    assert runs[1] == Run("·", "Symbol")  # left out later, by extract()
    assert runs[2] == Run(b"a\xa0bc-d", ".VnTime")


def test_info_gives_properties_and_pages() -> None:
    extraction = extract_rtf_bytes(HEADER + rb"\f15 x}", "t.rtf")
    assert extraction.properties == {
        "title": "NghÞ ®Þnh", "author": "Hang em", "created": "2002-07-05T11:03:00"
    }
    assert extraction.pages == 5
    assert extraction.format == "rtf"


def test_binary_payload_is_skipped() -> None:
    assert rtf(rb"\f0 a{\*\blipuid x}{\pict\bin4 }{}\'ff}b") == [Run("ab", "Times New Roman")]


def test_truncated_rtf_keeps_what_it_read_and_warns(tmp_path: Path) -> None:
    extraction = extract_rtf_bytes(HEADER + rb"\f15 Nh\'b5 {\b n", "t.rtf")
    assert extraction.runs == [Run(b"Nh\xb5 n", ".VnTime")]
    assert extraction.warnings == ["truncated: groups left open at end of file"]


def test_symbol_runs_are_left_out_by_extract(tmp_path: Path) -> None:
    path = tmp_path / "bullets.rtf"
    path.write_bytes(HEADER + rb"{\f30 \'b7}\f15 M\'d9c\par}")
    extraction = extract(path)
    assert extraction.runs == [Run(b"M\xd9c\n", ".VnTime")]
    assert extraction.warnings == ["1 runs in symbol fonts left out"]


def test_not_rtf_is_an_error() -> None:
    with pytest.raises(ExtractionError, match=r"^x\.rtf: not an RTF file"):
        extract_rtf_bytes(b"hello", "x.rtf")
