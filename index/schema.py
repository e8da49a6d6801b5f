"""The Whoosh schema and how a `Document` becomes index fields.

Text is indexed four ways from the same NFC string: `title`/`body` (exact syllables), `title_f`/`body_f`
(folded), and `bigrams`/`bigrams_f` (adjacent syllable pairs of title + body) so phrases are term lookups.
The titles keep positions (a phrase in the title is matched positionally), and so does `bigrams_f`
(`index.whoosh_positions`): a phrase of three or more syllables is its bigrams at consecutive positions
(an index built before these positions were packed must be rebuilt: `vnarchive reindex`). Facet fields
are sortable columns, read for counts. The converted text is stored zlib-compressed (`text_z`) for
snippets and search inside a document.
"""

from __future__ import annotations

import unicodedata
import zlib

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from archive.document import Document
from index.analysis import BIGRAMS, BIGRAMS_F, EXACT, FOLDED, SyllableRuns, field_terms
from index.whoosh_positions import PositionalText

TITLE_BOOST = 3.0  # BM25F field weight of the title fields over the body fields
DRAFT = "draft"


def build_schema() -> Schema:
    """A fresh schema (Whoosh schemas hold per-index state, so each index gets its own)."""
    return Schema(
        id=ID(stored=True, unique=True),
        title=PositionalText(EXACT, stored=True, field_boost=TITLE_BOOST),
        title_f=PositionalText(FOLDED, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=EXACT, phrase=False),
        body_f=TEXT(analyzer=FOLDED, phrase=False),
        bigrams=TEXT(analyzer=BIGRAMS, phrase=False),
        bigrams_f=PositionalText(BIGRAMS_F),
        # Signed on purpose: Whoosh 2.7 range queries on unsigned numeric fields match everything.
        year=NUMERIC(int, bits=32, stored=True, sortable=True),
        decade=ID(stored=True, sortable=True),
        date=ID(stored=True),
        sortkey=ID(sortable=True),  # date, else year: the "newest"/"oldest" order
        type=ID(stored=True, sortable=True),
        source=ID(stored=True, sortable=True),
        format=ID(stored=True, sortable=True),
        encoding=ID(stored=True, sortable=True),
        collection=ID(stored=True, sortable=True),
        status=ID(stored=True),
        filename=STORED(),
        text_z=STORED(),
    )


def decade_of(year: int | None) -> str | None:
    """`1997` → `"1990s"`: the decade facet value."""
    return None if year is None else f"{year // 10 * 10}s"


# Search covers this much of a document's text (some 700 pages); the catalog keeps all of it. Past this,
# Whoosh's in-memory posting pool for one document grows to gigabytes (a 50 MB one-line file took 4.9 GB).
INDEXED_CHARS = 2_000_000


def indexed_texts(doc: Document) -> tuple[str, str]:
    """(title, body) of a document as both engines index them: NFC, the body cut at `INDEXED_CHARS`."""
    title = unicodedata.normalize("NFC", doc.title or doc.filename or "")
    return title, unicodedata.normalize("NFC", (doc.text or "")[:INDEXED_CHARS])


def plain_fields(doc: Document) -> dict:
    """The fields both engines take as they are: id, status, display, sort key and facets (a missing
    facet is left out, not indexed as "")."""
    fields: dict = {
        "id": doc.id,
        "status": doc.status or "published",
        "filename": doc.filename,
        "sortkey": doc.date or (f"{doc.year:04d}" if doc.year else ""),
    }
    if doc.year:
        fields["year"] = int(doc.year)
        fields["decade"] = decade_of(doc.year)
    facets = {"date": doc.date, "type": doc.doc_type, "source": doc.source, "format": doc.format,
              "encoding": (doc.encoding or "").lower() or None, "collection": doc.collection}
    fields.update({k: unicodedata.normalize("NFC", v) for k, v in facets.items() if v})
    return fields


def fields_for(doc: Document) -> dict:
    """The Whoosh field values of one document.

    The titles are analysed by their fields (they keep positions); the body fields receive their terms
    already analysed, from one pass over each text, and the bigram fields the title's and the body's
    syllables as two runs (`SyllableRuns`: bigrams do not span title and body, nor do the positions of
    `bigrams_f` join them).
    """
    title, body = indexed_texts(doc)
    _t_exact, _t_folded, t_words, t_words_f = field_terms(title)
    b_exact, b_folded, b_words, b_words_f = field_terms(body)
    return {
        **plain_fields(doc),
        "title": title,
        "title_f": title,
        "body": b_exact,
        "body_f": b_folded,
        "bigrams": SyllableRuns(t_words, b_words),
        "bigrams_f": SyllableRuns(t_words_f, b_words_f),
        "text_z": zlib.compress(body.encode("utf-8"), 1),
    }


def stored_text(stored: dict) -> str:
    """The converted text kept in the index for snippets."""
    data = stored.get("text_z")
    return zlib.decompress(data).decode("utf-8") if data else ""
