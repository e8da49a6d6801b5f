"""converters.formats.docx: Word XML read directly — soft hyphens kept, inherited fonts resolved."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from word_files import text_box

from converters.formats import extract
from converters.formats.base import ExtractionError, Run
from converters.formats.docx import extract_docx


def _soft_hyphen_run(paragraph, before: str, after: str, font: str) -> None:
    """A run as LibreOffice writes TCVN3 `ư` (byte 0xAD): text, <w:softHyphen/>, text."""
    run = paragraph.add_run(before)
    run.font.name = font
    run._r.append(OxmlElement("w:softHyphen"))
    text = OxmlElement("w:t")
    text.text = after
    run._r.append(text)


def test_soft_hyphen_is_a_letter_only_in_legacy_faces(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    _soft_hyphen_run(paragraph, "co", "operate ", "Times New Roman")  # Word's optional hyphen
    run = paragraph.add_run("®Çu t")
    run.font.name = ".VnTime"
    run._r.append(OxmlElement("w:softHyphen"))
    run._r.append(OxmlElement("w:softHyphen"))  # optional hyphen + ư, written alike by LibreOffice
    text = OxmlElement("w:t")
    text.text = " n"
    run._r.append(text)
    run = paragraph.add_run(" TK b")  # LibreOffice also writes a ư as U+00AD in the text, beside the hyphen
    run.font.name = ".VnTime"
    run._r.append(OxmlElement("w:softHyphen"))
    text = OxmlElement("w:t")
    text.text = "\u00adu"
    run._r.append(text)
    path = tmp_path / "hyphens.docx"
    document.save(path)
    assert extract(path).runs == [Run("cooperate ", "Times New Roman"),
                                  Run("®Çu t\u00ad n TK b\u00adu\n", ".VnTime")]


def _deleted_run(paragraph, text: str) -> None:
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "x")
    run = OxmlElement("w:r")
    del_text = OxmlElement("w:delText")
    del_text.text = text
    run.append(del_text)
    deleted.append(run)
    paragraph._p.append(deleted)


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "B¸o c¸o"
    document.core_properties.author = "Phòng"
    normal = document.styles["Normal"]
    normal.font.name = ".VnTime"
    normal.font.size = Pt(12)
    _soft_hyphen_run(document.add_paragraph(), "Nhµ n", "íc", ".VnTime")
    inherited = document.add_paragraph("cña Bé")  # no run font: Normal style's .VnTime
    inherited.add_run(" Unicode").font.name = "Times New Roman"
    heading = document.add_paragraph()
    heading.add_run("quyÕt ®Þnh").font.name = ".VnTimeH"
    _deleted_run(heading, " cò")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Stt"
    table.cell(0, 1).paragraphs[0].add_run("Tªn")
    table.cell(0, 1).add_paragraph("®¬n vÞ")
    document.sections[0].header.paragraphs[0].text = "trang ®Çu"
    path = tmp_path / "sample.docx"
    document.save(path)
    return path


def test_runs_keep_soft_hyphen_fonts_tables_and_header(word_file: Path) -> None:
    extraction = extract(word_file)
    assert extraction.format == "docx"
    assert extraction.runs == [
        Run("Nhµ n\u00adíc\ncña Bé", ".VnTime"),
        Run(" Unicode\n", "Times New Roman"),
        Run("quyÕt ®Þnh", ".VnTimeH"),
        Run(" cò\nStt\tTªn ®¬n vÞ\ntrang ®Çu\n", ".VnTime"),
    ]


def test_properties(word_file: Path) -> None:
    extraction = extract(word_file)
    assert extraction.properties["title"] == "B¸o c¸o"
    assert extraction.properties["author"] == "Phòng"
    assert extraction.properties["created"].startswith("20")


def test_truncated_docx_is_a_one_line_error(word_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(word_file.read_bytes()[:2000])
    with pytest.raises(ExtractionError, match=r"^broken\.docx: corrupt or truncated office file \(") as info:
        extract(broken)
    assert "\n" not in str(info.value)


def test_zip_without_a_document_part(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(ExtractionError, match=r"^fake\.docx: unsupported file type \(a zip archive"):
        extract(path)


def test_text_boxes_come_after_the_body_notes_and_headers_once_each(tmp_path: Path) -> None:
    # Word keeps text-box text in a story of its own after the main text and the headers; reading it at
    # the anchor would put a diagram's labels in the middle of a sentence.
    document = docx.Document()
    first = document.add_paragraph("Tr\u00adíc ")
    text_box(first, "Hép 1")
    first.add_run("sau")
    table = document.add_table(rows=1, cols=1)
    text_box(table.cell(0, 0).paragraphs[0], "Hép 2")
    document.add_paragraph("cuèi")
    document.sections[0].header.paragraphs[0].text = "trang"
    path = tmp_path / "boxes.docx"
    document.save(path)
    text = "".join(r.text for r in extract(path).runs)
    assert text == "Tr\u00adíc sau\n\ncuèi\ntrang\nHép 1\nHép 2\n"


def test_text_boxes_follow_the_story_order_and_a_frame_stays_at_its_anchor(tmp_path: Path) -> None:
    # A .doc gives the order of Word's text-box story; LibreOffice also draws a Word 6 frame (main-story
    # text, in no text-box story) as a text box, which is read where it stands.
    document = docx.Document()
    first = document.add_paragraph("®Çu ")
    text_box(first, "Hép 1")
    text_box(first, "Khung")
    text_box(first, "Hép 2")
    text_box(first, "Hép 1")
    document.add_paragraph("cuèi")
    path = tmp_path / "story.docx"
    document.save(path)
    runs = extract_docx(path, box_story=["\x08Hép 2\r", "Hép  1\r", "Hép 1\r", "Kh¸c\r"]).runs
    assert "".join(r.text for r in runs) == "®Çu Khung\n\ncuèi\nHép 2\nHép 1\nHép 1\n"
    assert "".join(r.text for r in extract_docx(path).runs) == "®Çu \ncuèi\nHép 1\nKhung\nHép 2\nHép 1\n"
