"""Citations of one archived document: BibTeX, RIS and a plain line.

>>> from archive.document import Document
>>> doc = Document(id="d1", sha256="ab", filename="bc.txt", title="Báo cáo {tổng kết}", year=1998,
...                source="UBND tỉnh", doc_type="báo cáo")
>>> print(plain(doc, "http://x/doc/d1", accessed="2026-11-23"), end="")
UBND tỉnh (1998). Báo cáo {tổng kết} [báo cáo]. vnarchive, d1. http://x/doc/d1 (accessed 2026-11-23).
>>> print(bibtex(doc, "http://x/doc/d1", accessed="2026-11-23"), end="")
@misc{vnarchive_d1,
  title = {Báo cáo \\{tổng kết\\}},
  author = {{UBND tỉnh}},
  year = {1998},
  howpublished = {vnarchive, d1},
  note = {báo cáo; accessed 2026-11-23},
  url = {http://x/doc/d1}
}
"""

from __future__ import annotations

import re

from archive.document import Document

FORMATS = {
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "plain": ("text/plain", "txt"),
}


def _title(doc: Document) -> str:
    return doc.title or doc.filename


def _bib_escape(value: str) -> str:
    return re.sub(r"([{}\\%&#$_])", r"\\\1", value)


def bibtex(doc: Document, url: str, *, accessed: str) -> str:
    """A `@misc` entry; the issuing body is a corporate author (double braces keep it whole)."""
    fields = [("title", _bib_escape(_title(doc)))]
    if doc.source:
        fields.append(("author", "{" + _bib_escape(doc.source) + "}"))
    if doc.year:
        fields.append(("year", str(doc.year)))
    fields.append(("howpublished", f"vnarchive, {_bib_escape(doc.id)}"))
    fields.append(("note", "; ".join(filter(None, [doc.doc_type, f"accessed {accessed}"]))))
    fields.append(("url", url))
    key = "vnarchive_" + re.sub(r"\W", "_", doc.id)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(doc: Document, url: str, *, accessed: str) -> str:
    """An RIS record of type GEN (generic), CRLF line ends as the format asks."""
    lines = [("TY", "GEN"), ("TI", _title(doc))]
    if doc.source:
        lines.append(("AU", doc.source))
    if doc.year:
        lines.append(("PY", str(doc.year)))
    if doc.date:
        lines.append(("DA", doc.date.replace("-", "/")))
    if doc.doc_type:
        lines.append(("M3", doc.doc_type))
    if doc.language:
        lines.append(("LA", doc.language))
    lines += [("ID", doc.id), ("UR", url), ("Y2", accessed.replace("-", "/")), ("DB", "vnarchive")]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def plain(doc: Document, url: str, *, accessed: str) -> str:
    """`Source (year). Title [type]. vnarchive, id. URL (accessed date).`"""
    who = f"{doc.source} " if doc.source else ""
    when = f"({doc.year}). " if doc.year else "(n.d.). "
    kind = f" [{doc.doc_type}]" if doc.doc_type else ""
    return f"{who}{when}{_title(doc)}{kind}. vnarchive, {doc.id}. {url} (accessed {accessed}).\n"


def cite(fmt: str, doc: Document, url: str, *, accessed: str) -> str:
    return {"bibtex": bibtex, "ris": ris, "plain": plain}[fmt](doc, url, accessed=accessed)
