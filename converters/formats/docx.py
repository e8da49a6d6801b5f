"""WordprocessingML (.docx, and .doc after LibreOffice) → runs with each run's effective font.

The XML is read directly rather than through python-docx, for two reasons: python-docx drops
`<w:softHyphen/>`, which is how LibreOffice writes byte 0xAD — TCVN3 `ư` — so every `ư` would vanish; and
a run's font is often inherited (run → character style → paragraph style → document defaults), which
has to be resolved to know the charset.
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from converters.fonts import charset_for_font
from converters.formats.base import Extraction, ExtractionError
from converters.formats.ooxml import NS, local, open_package, package_properties, read_part
from converters.formats.runs import RunCollector

W = "{" + NS["w"] + "}"
_SKIP = {
    "pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "instrText", "fldChar", "proofErr",
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference",
    "footnoteReference", "endnoteReference", "lastRenderedPageBreak",
}
_CONTAINERS = {"sdt", "sdtContent", "customXml", "txbxContent", "ins", "moveTo", "del", "moveFrom"}
_RUN_TEXT = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


class StyleFonts:
    """Font names by style id from styles.xml, following `basedOn`, plus the document default."""

    def __init__(self, styles: etree._Element | None):
        self.default: str | None = None
        self.default_paragraph: str | None = None
        self._own: dict[str, str | None] = {}
        self._parent: dict[str, str] = {}
        if styles is None:
            return
        self.default = _fonts_of(styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS))
        for style in styles.iterfind("w:style", NS):
            sid = style.get(W + "styleId")
            if not sid:
                continue
            self._own[sid] = _fonts_of(style.find("w:rPr", NS))
            based = style.find("w:basedOn", NS)
            if based is not None:
                self._parent[sid] = based.get(W + "val", "")
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_paragraph = sid

    def font(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if self._own.get(style_id):
                return self._own[style_id]
            style_id = self._parent.get(style_id)
        return None


def _fonts_of(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find("w:rFonts", NS)
    if fonts is None:
        return None
    # Legacy 8-bit text sits in the high half of the code page, which Word draws with the hAnsi font.
    return fonts.get(W + "hAnsi") or fonts.get(W + "ascii") or fonts.get(W + "cs") or None


def _soft_hyphen_is_letter(font: str | None, before: etree._Element | None,
                           after: etree._Element | None) -> bool:
    """Whether a `<w:softHyphen/>` stands for TCVN3 `ư` (byte 0xAD) rather than Word's optional hyphen.

    LibreOffice writes both as the same element (and sometimes the letter as a plain U+00AD in the text
    beside it). In a Unicode or symbol face it is the hyphen (invisible, dropped); in a legacy or unknown
    face it is the letter — except next to a `ư` already (the second of two elements in a row, or an
    element beside a U+00AD in the text): `ưư` never occurs in Vietnamese, it is an optional hyphen.
    """
    kind = charset_for_font(font)
    if kind is not None and kind.charset in ("unicode", "symbol"):
        return False
    if before is not None and (local(before.tag) == "softHyphen" or (before.text or "").endswith("\u00ad")):
        return False
    return not (after is not None and local(after.tag) == "t" and (after.text or "").startswith("\u00ad"))


class BoxStory:
    """Word's text-box story as the .doc stores it: the text of each box, in Word's order.

    `place(box)` matches a box to the first unused entry with the same letters and digits and gives that
    entry's index; None when the story holds no such box (LibreOffice also draws a Word 6 frame, whose
    text belongs to the main story, as a text box).
    """

    def __init__(self, texts: Sequence[str]):
        self._entries: dict[str, deque[int]] = defaultdict(deque)
        for index, text in enumerate(texts):
            self._entries[_letters(text)].append(index)

    def place(self, box: etree._Element) -> int | None:
        entries = self._entries.get(_letters("".join(t.text or "" for t in box.iter(W + "t", W + "delText"))))
        return entries.popleft() if entries else None


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


class WordReader:
    """Walk a document part in reading order, collecting text runs.

    Text boxes are not read where they are anchored: Word keeps their text in a story of its own after
    the endnotes, so `boxes` collects them for `read_boxes` to read there, in anchor order or, given the
    `story`, in its order; a box the story does not hold is main-story text and is read at its anchor.
    """

    def __init__(self, styles: StyleFonts, boxes: list[tuple[int, etree._Element]] | None = None,
                 story: BoxStory | None = None):
        self.styles = styles
        self.out = RunCollector()
        self.boxes: list[tuple[int, etree._Element]] = [] if boxes is None else boxes  # (story place, box)
        self.story = story

    def read_boxes(self) -> None:
        """Read the text boxes collected so far; a box drawn inside one of them is read after them."""
        while self.boxes:
            boxes, self.boxes = self.boxes, []
            for _, box in sorted(boxes, key=lambda pair: pair[0]):
                self.block(box)

    def defer_boxes(self, drawing: etree._Element) -> None:
        """Collect a drawing's text boxes for `read_boxes`; read a frame the story lacks here."""
        for box in _text_boxes(drawing):
            place = self.story.place(box) if self.story is not None else None
            if place is not None:
                self.boxes.append((place, box))
            elif self.story is not None and _letters("".join(box.itertext())):
                self.block(box)
            else:  # no story (a .docx), or an empty box: after the box anchored before it
                self.boxes.append((self.boxes[-1][0] if self.boxes else -1, box))

    def block(self, parent: etree._Element) -> None:
        for child in parent:
            name = local(child.tag)
            if name == "p":
                self.paragraph(child)
            elif name == "tbl":
                self.table(child)
            elif name in _CONTAINERS:
                self.block(child)

    def paragraph(self, p: etree._Element) -> None:
        pstyle = p.find("w:pPr/w:pStyle", NS)
        style = pstyle.get(W + "val") if pstyle is not None else self.styles.default_paragraph
        paragraph_font = self.styles.font(style) or self.styles.default
        self.inline(p, paragraph_font)
        self.out.newline()

    def inline(self, parent: etree._Element, paragraph_font: str | None) -> None:
        for child in parent:
            name = local(child.tag)
            if name == "r":
                self.run(child, paragraph_font)
            elif name == "AlternateContent":
                choice = child.find("mc:Choice", NS)  # the Fallback repeats the same text in VML
                if choice is not None:
                    self.inline(choice, paragraph_font)
            elif name not in _SKIP:
                self.inline(child, paragraph_font)

    def run(self, r: etree._Element, paragraph_font: str | None) -> None:
        rpr = r.find("w:rPr", NS)
        font = _fonts_of(rpr)
        if font is None and rpr is not None:
            rstyle = rpr.find("w:rStyle", NS)
            font = self.styles.font(rstyle.get(W + "val")) if rstyle is not None else None
        font = font or paragraph_font
        for child in r:
            name = local(child.tag)
            # Deleted tracked changes stay: Word shows them (struck through) unless the markup is hidden.
            if name in ("t", "delText"):
                self.out.add(child.text or "", font)
            elif name == "softHyphen":
                if _soft_hyphen_is_letter(font, child.getprevious(), child.getnext()):
                    self.out.add("\u00ad", font)
            elif name in _RUN_TEXT:
                self.out.add(_RUN_TEXT[name], font)
            elif name in ("drawing", "pict", "object", "AlternateContent"):
                self.defer_boxes(child)

    def table(self, tbl: etree._Element) -> None:
        for tr in tbl.iterfind("w:tr", NS):
            cells = []
            for tc in tr.iterfind("w:tc", NS):
                cell = WordReader(self.styles, self.boxes, self.story)
                cell.block(tc)
                cells.append(cell.out.runs)
            for i, runs in enumerate(cells):
                if i:
                    self.out.separator("\t")
                # Paragraphs inside a cell read as one line so a table row stays one row.
                for k, run in enumerate(runs):
                    text = run.text.rstrip("\n") if k == len(runs) - 1 else run.text
                    self.out.add(text.replace("\n", " "), run.font)
            self.out.newline()


def _text_boxes(drawing: etree._Element) -> list[etree._Element]:
    """The text boxes a drawing holds: outermost ones only, without the VML fallback's copies."""
    def inside(box: etree._Element) -> Iterator[etree._Element]:
        return itertools.takewhile(lambda node: node is not drawing, box.iterancestors())

    return [box for box in drawing.iter(W + "txbxContent")
            if not any(local(node.tag) in ("Fallback", "txbxContent") for node in inside(box))]


def _notes(package, path: Path, tag: str, reader: WordReader) -> None:
    root = read_part(package, f"word/{tag}s.xml", path)
    for note in root.iterfind(f"w:{tag}", NS) if root is not None else ():
        if note.get(W + "type") in (None, "normal"):  # not the separator lines
            reader.block(note)


def _header_footer_parts(package, path: Path) -> list[str]:
    """Header and footer parts in the order the sections reference them, each once."""
    rels = read_part(package, "word/_rels/document.xml.rels", path)
    targets = {}
    for rel in rels if rels is not None else ():
        if rel.get("Type", "").endswith(("/header", "/footer")):
            targets[rel.get("Id")] = "word/" + rel.get("Target", "").lstrip("/").removeprefix("word/")
    document = read_part(package, "word/document.xml", path)
    order = []
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for ref in document.iter(W + "headerReference", W + "footerReference"):
        part = targets.get(ref.get(rid))
        if part and part not in order and part in package.namelist():
            order.append(part)
    return order


def extract_docx(path: Path, *, fmt: str = "docx", box_story: Sequence[str] = ()) -> Extraction:
    """Runs of the main document, then footnotes, headers and footers, endnotes and the main document's
    text boxes (the order of Word's own text stream), with the package properties.

    `box_story` is the text of each box in Word's text-box story (read from a .doc by `doc_stories`);
    without it the boxes are read in the order of their anchors.
    """
    with open_package(path) as package:
        names = set(package.namelist())
        if "word/document.xml" not in names:
            raise ExtractionError(f"{path.name}: not a Word document (no word/document.xml)")
        story = BoxStory(box_story) if box_story else None
        reader = WordReader(StyleFonts(read_part(package, "word/styles.xml", path)), story=story)
        body = read_part(package, "word/document.xml", path).find("w:body", NS)
        if body is not None:
            reader.block(body)
        _notes(package, path, "footnote", reader)
        for part in _header_footer_parts(package, path):
            root = read_part(package, part, path)
            if root is not None:
                # A header's frames and boxes (page numbers) stay in the header, as in Word's stream.
                header = WordReader(reader.styles)
                header.block(root)
                header.read_boxes()
                reader.out.extend(header.out.runs)
        _notes(package, path, "endnote", reader)
        reader.read_boxes()
        props, pages = package_properties(package, path)
    return Extraction(runs=reader.out.runs, format=fmt, properties=props, pages=pages)
