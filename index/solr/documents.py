"""How a `Document` becomes a Solr document: the fields Whoosh gets (`index.schema`), text pre-analysed.

Solr receives each text field as its syllables in exact form (lower-case, canonical tone placement, the
search engineer's `index.analysis`), joined by spaces; the configset only splits on spaces and folds with
ICU. Codes such as `115/2003/NĐ-CP` go whole to `codes`, their parts stay in the text, so positions in
`body_f` are those of the syllables and phrase checks work across a code.

>>> d = solr_document(Document(id="a1", sha256="", filename="a.txt", title="Hoà Bình", text="NĐ-CP số 5"))
>>> d["title"], d["body"], d["codes"]
('hòa bình', 'nđ cp số 5', ['nđ-cp'])
"""

from __future__ import annotations

from archive.document import Document
from index.analysis import exact_form, tokens
from index.schema import indexed_texts, plain_fields


def analysed(text: str) -> tuple[str, list[str]]:
    """(syllables in exact form joined by spaces, codes in exact form) for one NFC text."""
    words, codes = [], []
    for word, _start, _end, compound in tokens(text):
        (codes if compound else words).append(exact_form(word))
    return " ".join(words), codes


def solr_document(doc: Document) -> dict:
    """The JSON object Solr indexes for `doc`: the same field values the Whoosh schema gets."""
    out = plain_fields(doc)
    title_text, body_text = indexed_texts(doc)
    title, title_codes = analysed(title_text)
    body, body_codes = analysed(body_text)
    out.update(title=title, body=body, codes=title_codes + body_codes, title_text=title_text, text=body_text)
    return out
