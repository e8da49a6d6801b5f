"""HTML → runs: the declared charset (BOM, `<meta charset>`) verified by decoding, `<font face>` and
inline `font-family` styles as run fonts, block elements as line breaks, the `<title>` as a property.

A page that declares UTF-8 but is not valid UTF-8 is read as windows-1252 with a warning: legacy
`.VnTime` pages were often served with a wrong or copied header.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from converters.formats.base import Extraction
from converters.formats.runs import RunCollector

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_STYLE_FONT = re.compile(r"font-family\s*:\s*['\"]?([^;'\",]+)", re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre",
           "blockquote", "hr", "dd", "dt", "section", "article", "header", "footer", "title"}
_CELLS = {"td", "th"}
_HIDDEN = {"script", "style", "head", "noscript", "template"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}


def decode_html(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """The page's text, the charset used, and warnings when the declaration did not hold."""
    warnings: list[str] = []
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, codec in boms:
        if data.startswith(bom):
            return data.decode(codec, "replace").lstrip("\ufeff"), codec, warnings
    found = _META.search(data[:4096])
    declared = found.group(1).decode("ascii").lower() if found else None
    candidates = list(dict.fromkeys(c for c in (declared, "utf-8", "cp1252") if c))
    for codec in candidates:
        try:
            codecs.lookup(codec)
            text = data.decode("cp1252" if codec in ("iso-8859-1", "latin-1", "us-ascii") else codec)
        except (LookupError, UnicodeDecodeError):
            if codec == declared:
                warnings.append(f"{name}: declared charset {declared} does not fit the bytes")
            continue
        return text, codec, warnings
    return data.decode("cp1252", "replace"), "cp1252", warnings


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = RunCollector()
        self.fonts: list[tuple[str, str | None]] = []  # (tag, font) for each open element
        self.hidden = 0
        self.title: list[str] = []
        self.in_title = False

    def _font(self) -> str | None:
        for _, font in reversed(self.fonts):
            if font:
                return font
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "title":
            self.in_title = True
        if tag in _HIDDEN:
            self.hidden += 1
        if tag in _BLOCKS:
            self.out.separator("\n")
        elif tag in _CELLS:
            self.out.separator("\t")
        if tag in _VOID:
            return
        font = None
        if tag == "font" and attributes.get("face"):
            font = attributes["face"].split(",")[0].strip()
        style = _STYLE_FONT.search(attributes.get("style") or "")
        if style:
            font = style.group(1).strip()
        self.fonts.append((tag, font))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in _BLOCKS:
            self.out.separator("\n")
        # Close the element and anything left open inside it (HTML of that era rarely closes <font>).
        for i in range(len(self.fonts) - 1, -1, -1):
            if self.fonts[i][0] == tag:
                del self.fonts[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.hidden:
            return
        self.out.add(re.sub(r"\s+", " ", data), self._font())


def extract_html(path: Path) -> Extraction:
    text, _, warnings = decode_html(path.read_bytes(), path.name)
    parser = _Parser()
    parser.feed(text)
    parser.close()
    props = {"title": " ".join("".join(parser.title).split())} if "".join(parser.title).strip() else {}
    return Extraction(runs=parser.out.runs, format="html", properties=props, warnings=warnings)
