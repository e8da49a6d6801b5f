"""PresentationML (.pptx, and .ppt after LibreOffice) → runs with fonts, slide by slide.

Shapes are read through python-pptx (slide order, group shapes, tables, notes); each paragraph's `a:r`
runs are read from the XML so the font (`a:latin` of the run, else the paragraph's default run
properties) travels with the text.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.shapes.group import GroupShape

from converters.formats.base import Extraction, ExtractionError
from converters.formats.ooxml import NS, local, open_package, package_properties
from converters.formats.runs import RunCollector


def _latin(rpr: etree._Element | None) -> str | None:
    latin = rpr.find("a:latin", NS) if rpr is not None else None
    face = latin.get("typeface") if latin is not None else None
    return face if face and not face.startswith("+") else None  # "+mn-lt" is a theme reference


def _text_body(body: etree._Element, out: RunCollector) -> None:
    for p in body.iterfind("a:p", NS):
        default = _latin(p.find("a:pPr/a:defRPr", NS)) or _latin(p.find("a:endParaRPr", NS))
        for child in p:
            name = local(child.tag)
            if name == "fld" and child.get("type") == "slidenum":
                continue  # the slide number printed by the layout is not the document's text
            if name in ("r", "fld"):
                text = child.find("a:t", NS)
                font = _latin(child.find("a:rPr", NS)) or default
                out.add(text.text or "" if text is not None else "", font)
            elif name == "br":
                out.separator("\n")
        out.newline()


def _shapes(shapes, out: RunCollector) -> None:
    for shape in shapes:
        if isinstance(shape, GroupShape):
            _shapes(shape.shapes, out)
        elif getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                for i, cell in enumerate(row.cells):
                    if i:
                        out.separator("\t")
                    cell_out = RunCollector()
                    _text_body(cell._tc.find("a:txBody", NS), cell_out)
                    runs = cell_out.runs
                    for k, run in enumerate(runs):
                        # Paragraphs inside a cell read as one line so a table row stays one row.
                        text = run.text.rstrip("\n") if k == len(runs) - 1 else run.text
                        out.add(text.replace("\n", " "), run.font)
                out.newline()
        elif shape.has_text_frame:
            _text_body(shape.text_frame._txBody, out)


def extract_pptx(path: Path, *, fmt: str = "pptx") -> Extraction:
    """Slide texts in order (then each slide's notes), one line per paragraph."""
    try:
        deck = Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ExtractionError(f"{path.name}: corrupt or truncated presentation ({exc})") from None
    out = RunCollector()
    for slide in deck.slides:
        _shapes(slide.shapes, out)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            _text_body(slide.notes_slide.notes_text_frame._txBody, out)
        out.newline()
    with open_package(path) as package:
        props, pages = package_properties(package, path)
    return Extraction(runs=out.runs, format=fmt, properties=props, pages=pages or len(deck.slides))
