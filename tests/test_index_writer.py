"""The buffered segment writer writes what Whoosh's own writer writes, and a bulk build in segments
(several processes) answers like one segment."""

from __future__ import annotations

from io import BytesIO

import pytest
from backend_suite import DOCS, doc
from whoosh import index as whoosh_index
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.structfile import StructFile
from whoosh.writing import SegmentWriter

from index import rebuild, whoosh_writer
from index.analysis import SyllableRuns
from index.backend import SearchRequest
from index.schema import build_schema, fields_for
from index.whoosh_backend import WhooshBackend
from index.whoosh_codec import InlineCodec, SortedTermIndexWriter
from index.whoosh_positions import PositionalText
from index.whoosh_writer import BufferedSegmentWriter

MORE = [doc(f"g{i}", f"Báo cáo số {i} về đô thị",
            " ".join(["đô thị mới", "quy hoạch 115/2003/NĐ-CP"] * (i % 4 + 1)) + f" năm {2000 + i} đô thị",
            year=2000 + i % 7, doc_type="báo cáo" if i % 2 else "công văn")
        for i in range(300)]
QUERIES = ("đô thị", "do thi", '"quy hoạch đô thị"', "115/2003/NĐ-CP", 'báo cáo type:"công văn"', "năm 2003")


def postings(ix) -> list:
    """Every posting, term statistic and document's field lengths and stored fields of an index."""
    out = []
    with ix.reader() as r:
        for fieldname, btext in r.all_terms():
            info = r.term_info(fieldname, btext)
            m = r.postings(fieldname, btext)
            items = []
            while m.is_active():
                items.append((m.id(), m.weight(), m.value()))
                m.next()
            out.append((fieldname, btext, info.weight(), info.doc_frequency(), info.min_length(),
                        info.max_length(), info.max_weight(), info.is_inlined(), items))
        for d in range(r.doc_count_all()):
            out.append((d, r.stored_fields(d), [r.doc_field_length(d, f) for f in r.indexed_field_names()]))
    return out


def fields(writer_class, d) -> dict:
    """The document's fields; for Whoosh's own writer, the bigrams of a field without positions spelled
    out as the list of terms (a positional field indexes `SyllableRuns` itself, with the positions)."""
    out = fields_for(d)
    if writer_class is SegmentWriter:
        schema = build_schema()
        out.update({name: v.terms() for name, v in out.items()
                    if isinstance(v, SyllableRuns) and not isinstance(schema[name], PositionalText)})
    return out


def build(path, writer_class, docs, **kwargs):
    path.mkdir()
    ix = whoosh_index.create_in(path, build_schema())
    writer = writer_class(ix, **kwargs)
    for d in docs:
        writer.add_document(**fields(writer_class, d))
    writer.commit()
    return ix


# Bigram positions past 127, 2047, the UTF-16 surrogates (55,296) and 65,535 take 2, 3 and 4 UTF-8 bytes.
WORDS = ("đô thị", "mới", "quy hoạch", "năm")
LONG = doc("long", "Văn bản dài", " ".join(WORDS[i % 4] for i in range(70_000)))


def test_buffered_writer_writes_the_postings_whooshs_writer_writes(tmp_path):
    docs = [*DOCS, *MORE, LONG]
    ours = build(tmp_path / "ours", BufferedSegmentWriter, docs)
    theirs = build(tmp_path / "theirs", SegmentWriter, docs, codec=InlineCodec())
    assert postings(ours) == postings(theirs)
    assert any(item[7] for item in postings(ours) if len(item) > 3)  # short lists are inlined
    assert any(item[3] > 128 for item in postings(ours) if len(item) > 3)  # long ones span blocks


@pytest.mark.parametrize("procs", [1, 2])
def test_a_build_in_segments_answers_like_one_segment(tmp_path, monkeypatch, procs):
    docs = DOCS + MORE
    one = WhooshBackend(tmp_path / "one")
    one.add(docs)  # a live index: one writer, one segment
    monkeypatch.setattr(whoosh_writer, "SEGMENT_DOCS", 64)
    many = WhooshBackend(tmp_path / "many", procs=procs)
    assert rebuild(lambda: many, iter(docs)) == len(docs)
    searcher = many.searcher()
    assert len(searcher.reader().leaf_readers()) == 5
    assert [searcher.stored_fields(d)["id"] for d in range(len(docs))] == [d.id for d in docs]  # in order
    for q in QUERIES:
        request = SearchRequest(q=q, per_page=50, facets=True)
        a, b = one.search(request), many.search(request)
        assert (a.total, [(h.id, h.score) for h in a.hits], a.facets) == \
            (b.total, [(h.id, h.score) for h in b.hits], b.facets)


def test_a_commit_that_merges_a_segment_writes_what_whooshs_writer_writes(tmp_path):
    indexes = []
    for name, writer_class, kwargs in (("ours", BufferedSegmentWriter, {}),
                                       ("theirs", SegmentWriter, {"codec": InlineCodec()})):
        ix = build(tmp_path / name, writer_class, MORE[:100], **kwargs)
        writer = writer_class(ix, **kwargs)
        for d in DOCS + MORE[100:150]:
            writer.add_document(**fields(writer_class, d))
        writer.commit(optimize=True)  # the first segment is merged into this one
        assert len(ix.reader().leaf_readers()) == 1
        indexes.append(ix)
    assert postings(indexes[0]) == postings(indexes[1])


def test_the_term_index_writer_writes_whooshs_bytes():
    """Entries added a field at a time, tables written a bucket at a time: the file Whoosh writes."""
    keys = sorted({f"k{n * 7919 % 100_003}".encode() for n in range(30_000)})
    files = []
    for writer_class in (SortedTermIndexWriter, OrderedHashWriter):
        buffer = BytesIO()
        dbfile = StructFile(buffer)
        dbfile.close = lambda: None  # keep the bytes readable
        writer = writer_class(dbfile)
        for part in (keys[:5000], keys[5000:]):
            if writer_class is SortedTermIndexWriter:
                writer.add_sorted(part, [k * 2 for k in part])
            else:
                for key in part:
                    writer.add(key, key * 2)
        writer.close()
        files.append(buffer.getvalue())
    assert files[0] == files[1]
    assert len(files[0]) > 30_000 * 20
