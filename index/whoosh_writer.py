"""Writing Whoosh segments fast: postings gathered per term in memory and written one list at a time.

Whoosh's `SegmentWriter` sends every posting (field, term, document, weight, value) through an external
sort: a pickle per posting into run files, a heap merge at commit, then a few method calls per posting
into the codec. With some 1,200 postings per document (six text fields) that was most of the build time.
`BufferedSegmentWriter` appends each document's term frequencies to per-term lists instead (documents
arrive in order, so the lists are sorted) and hands the codec each term's list whole. The files are
Whoosh's own (`InlineCodec`), so searching, merging and deleting are Whoosh's code as before.

A bulk build (`build_segments`) cuts the documents into runs of `SEGMENT_DOCS`, each written as its own
segment by one of `procs` worker processes, and lists the segments in document order: memory stays
bounded and the index is the one a single writer would make, split into segments.
"""

from __future__ import annotations

import multiprocessing
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from heapq import merge
from itertools import chain, groupby, islice, repeat
from operator import itemgetter
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.formats import Frequency
from whoosh.system import pack_uint
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from archive.document import Document
from index.analysis import BIGRAM_JOINER, SyllableRuns
from index.schema import fields_for
from index.whoosh_codec import InlineCodec
from index.whoosh_positions import PackedPositions, packed_values, positioned_runs

# Documents per segment of a bulk build: about 0.9 GB in memory per worker while one is written. Twice
# 5,000 makes 7 % fewer term entries to write per document, and an index a fifth smaller.
SEGMENT_DOCS = 10_000
MIN_SPLIT_DOCS = 2_500  # a smaller segment is not worth starting a process for


_FREQ_VALUES = [pack_uint(n) for n in range(256)]  # a `Frequency` posting's value: its count, packed


class _Vocabulary(dict):
    """Term → term number, numbering a term the first time it is looked up."""

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self)
        return number


class _Counted:
    """The postings of one `Frequency` field as two flat arrays, one entry per token (term number,
    document): a document's terms are appended with two C-level calls, and counted once, at the end,
    for the whole segment."""

    def __init__(self, boost: float) -> None:
        self.boost = boost
        self.vocab = _Vocabulary()
        self.terms, self.docs = array("i"), array("i")

    def add(self, terms: list[str], docnum: int) -> None:
        self.terms.extend(map(self.vocab.__getitem__, terms))
        self.docs.extend(repeat(docnum, len(terms)))

    def lists(self) -> Iterator[tuple[bytes, tuple[list, list, list]]]:
        """(term, (doc ids, weights, values)) in term order, ids ascending."""
        return _frequency_lists(list(self.vocab), np.frombuffer(self.terms, dtype=np.int32),
                                np.frombuffer(self.docs, dtype=np.int32), self.boost)


class _CountedPairs:
    """The postings of a bigram field given runs of syllables (`SyllableRuns`): per token the syllable's
    number and the document, a run ended by -1. The pairs are formed and spelled at the end, once per
    distinct pair, instead of a string and a lookup per pair of every document."""

    def __init__(self, boost: float) -> None:
        self.boost = boost
        self.vocab = _Vocabulary()
        self.words, self.docs = array("i"), array("i")

    def add(self, runs: SyllableRuns, docnum: int) -> None:
        for run in runs.runs:
            if len(run) > 1:
                self.words.extend(map(self.vocab.__getitem__, run))
                self.words.append(-1)
                self.docs.extend(repeat(docnum, len(run) + 1))

    def lists(self) -> Iterator[tuple[bytes, tuple[list, list, list]]]:
        spelled, numbers, inside = self._pairs()
        docs = np.frombuffer(self.docs, dtype=np.int32)[:-1][inside]
        return _frequency_lists(spelled, numbers, docs, self.boost)

    def _pairs(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The distinct pairs spelled out, each pair token's number in that list, and which tokens start
        a pair (a boolean per token but the last)."""
        words = np.frombuffer(self.words, dtype=np.int32).astype(np.int64)
        first, second = words[:-1], words[1:]
        inside = (first >= 0) & (second >= 0)  # not across the end of a run
        size = len(self.vocab)
        pairs, numbers = np.unique(first[inside] * size + second[inside], return_inverse=True)
        names = list(self.vocab)
        spelled = [names[a] + BIGRAM_JOINER + names[b]
                   for a, b in zip((pairs // size).tolist(), (pairs % size).tolist(), strict=True)]
        return spelled, numbers, inside


class _PositionedPairs(_CountedPairs):
    """`_CountedPairs` for a `PackedPositions` field: a pair's position is its first syllable's place in
    the document's runs as added here, each followed by one empty place (`positioned_runs`); each
    posting's value is built at the end from its positions, for the whole segment at once."""

    def add(self, runs: SyllableRuns, docnum: int) -> None:
        super().add(SyllableRuns(*positioned_runs(runs)), docnum)

    def lists(self) -> Iterator[tuple[bytes, tuple[list, list, list]]]:
        spelled, numbers, inside = self._pairs()
        docs = np.frombuffer(self.docs, dtype=np.int32)
        places = np.arange(len(docs)) - np.searchsorted(docs, docs)  # documents were added in order
        order, keys, span = _term_keys(spelled, numbers, docs[:-1][inside])
        by_key = np.argsort(keys, kind="stable")  # a document's pairs were added by position
        postings, first, counts = np.unique(keys[by_key], return_index=True, return_counts=True)
        values = packed_values(places[:-1][inside][by_key], first)
        bounds = np.searchsorted(postings, np.arange(len(spelled) + 1) * span).tolist()
        ids = (postings % span).tolist()
        weights = (counts * self.boost).tolist()
        for i, number in enumerate(order):
            start, end = bounds[i], bounds[i + 1]
            yield spelled[number].encode("utf-8"), (ids[start:end], weights[start:end], values[start:end])


def _term_keys(names: list[str], terms: np.ndarray, docs: np.ndarray) -> tuple[list[int], np.ndarray, int]:
    """The term numbers in term order, one key per token ordering the tokens by term, then document, and
    the span of the documents in a key."""
    order = sorted(range(len(names)), key=names.__getitem__)  # code point order is UTF-8 byte order
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    span = int(docs.max()) + 1 if len(docs) else 1
    return order, rank[terms] * span + docs, span


def _frequency_lists(names: list[str], terms: np.ndarray, docs: np.ndarray, boost: float
                     ) -> Iterator[tuple[bytes, tuple[list, list, list]]]:
    """Posting lists of a `Frequency` field from one (term number, document) pair per token, `names`
    giving each number's term: (term, (doc ids ascending, weights, values)) in term order."""
    order, keys, span = _term_keys(names, terms, docs)
    # One key per token, term-major: the sorted distinct keys are the postings in order, with counts.
    keys, counts = np.unique(keys, return_counts=True)
    bounds = np.searchsorted(keys, np.arange(len(names) + 1) * span).tolist()
    ids = (keys % span).tolist()
    weights = (counts * boost).tolist()
    counts = counts.tolist()
    values = (list(map(_FREQ_VALUES.__getitem__, counts)) if max(counts, default=0) < len(_FREQ_VALUES)
              else list(map(pack_uint, counts)))
    for i, number in enumerate(order):
        start, end = bounds[i], bounds[i + 1]
        yield names[number].encode("utf-8"), (ids[start:end], weights[start:end], values[start:end])


class PostingBuffer:
    """Postings of one segment in memory, per field: counted fields as flat arrays (`add_frequencies`),
    others (titles, ids, merged segments) as term → (doc ids, weights, non-empty values).

    It stands in for Whoosh's posting pool (`add`, `cleanup`), which merges also feed.
    """

    def __init__(self) -> None:
        self.listed: dict[str, dict[bytes, tuple[list, list, list]]] = {}
        self.counted: dict[str, _Counted | _CountedPairs] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting (fieldname, term bytes, docnum, weight, value), in ascending docnum per term."""
        fieldname, btext, docnum, weight, vbytes = item
        terms = self.listed.setdefault(fieldname, {})
        entry = terms.get(btext)
        if entry is None:
            entry = terms[btext] = ([], [], [])
        entry[0].append(docnum)
        entry[1].append(weight)
        if vbytes:
            entry[2].append(vbytes)

    def add_frequencies(self, fieldname: str, terms: list[str] | SyllableRuns, docnum: int, boost: float
                        ) -> None:
        """A document's terms (analysed, or syllable runs whose pairs are the terms) in a `Frequency`
        field: weight = count * boost, value = the count."""
        field = self.counted.get(fieldname)
        if field is None:
            kind = _CountedPairs if isinstance(terms, SyllableRuns) else _Counted
            field = self.counted[fieldname] = kind(boost)
        field.add(terms, docnum)

    def add_positioned_pairs(self, fieldname: str, runs: SyllableRuns, docnum: int, boost: float) -> None:
        """A document's syllable runs in a `PackedPositions` field whose terms are their pairs: weight =
        count * boost, value = the positions."""
        field = self.counted.get(fieldname)
        if field is None:
            field = self.counted[fieldname] = _PositionedPairs(boost)
        field.add(runs, docnum)

    def fieldnames(self) -> list[str]:
        return sorted(self.listed.keys() | self.counted.keys())

    def lists(self, fieldname: str) -> Iterator[tuple[bytes, tuple[list, list, list]]]:
        """(term, (doc ids, weights, values)) of a field in term order."""
        listed = sorted(self.listed.get(fieldname, {}).items())
        counted = self.counted[fieldname].lists() if fieldname in self.counted else iter(())
        if not listed:
            yield from counted
            return
        # Both kinds in one field (documents added and a segment merged in one commit): join by term.
        for term, group in groupby(merge(listed, counted, key=itemgetter(0)), key=itemgetter(0)):
            parts = [entry for _t, entry in group]
            if len(parts) == 1:
                yield term, parts[0]
                continue
            ids = [d for p in parts for d in p[0]]
            weights = [w for p in parts for w in p[1]]
            values = [v for p in parts for v in (p[2] or [b""] * len(p[0]))]
            postings = sorted(zip(ids, weights, values, strict=True))
            ids, weights, values = (list(column) for column in zip(*postings, strict=True))
            yield term, (ids, weights, [v for v in values if v])

    def cleanup(self) -> None:
        self.listed.clear()
        self.counted.clear()


class BufferedSegmentWriter(SegmentWriter):
    """A `SegmentWriter` with a `PostingBuffer` for its pool. A field indexed with frequencies and given
    a list of terms already analysed, or `SyllableRuns` (see `index.schema.fields_for`), is counted
    directly, and so is a `PackedPositions` field given `SyllableRuns`."""

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, codec=InlineCodec(), **kwargs)
        self.pool = PostingBuffer()

    def add_document(self, **fields) -> None:
        self._check_state()
        schema, docnum, perdoc = self.schema, self.docnum, self.perdocwriter
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed and isinstance(value, list | SyllableRuns) and type(field.format) is Frequency:
                self.pool.add_frequencies(name, value, docnum, field.format.field_boost)
                length = len(value) if field.scorable else 0
            elif field.indexed and isinstance(value, SyllableRuns) and type(field.format) is PackedPositions:
                self.pool.add_positioned_pairs(name, value, docnum, field.format.field_boost)
                length = len(value) if field.scorable else 0
            elif field.indexed:
                for btext, freq, weight, vbytes in field.index(value):
                    self.pool.add((name, btext, docnum, weight, vbytes))
                    if field.scorable:
                        length += freq
            perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            for name in self.pool.fieldnames():
                self.fieldwriter.start_field(name, self.schema[name])
                length_bytes = [length_to_byte(lengths.doc_field_length(d, name)) for d in range(self.docnum)]
                self.fieldwriter.add_terms(((btext, *postings) for btext, postings in self.pool.lists(name)),
                                           length_bytes)
                self.fieldwriter.finish_field()
        finally:
            lengths.close()
        self.fieldwriter.close()


def build_segments(ix, docs: Iterable[Document], *, procs: int = 1,
                   progress: Callable[[int], None] | None = None) -> int:
    """Add `docs` to the index `ix` as new segments of `SEGMENT_DOCS` documents (fewer if `docs` has a
    length and would not give each process a segment), in document order,
    written by up to `procs` processes (none are started for a single segment); one commit at the end.
    Returns the number of documents added."""
    writer = BufferedSegmentWriter(ix)  # holds the lock; its own segment stays empty
    segments: list = []

    def done(segment) -> None:
        segments.append(segment)
        if progress:
            progress(sum(s.doc_count_all() for s in segments))

    try:
        segment_docs = SEGMENT_DOCS
        if isinstance(docs, Sized):  # a build of a few segments still keeps every worker busy
            segment_docs = min(segment_docs, max(MIN_SPLIT_DOCS, -(-len(docs) // max(1, procs))))
        chunks = _chunks(docs, segment_docs)
        first = next(chunks, [])
        jobs = ((ix.storage.folder, chunk) for chunk in chain([first] if first else [], chunks))
        if procs <= 1 or len(first) < segment_docs:
            for job in jobs:
                done(_write_segment(job))
        else:
            # Spawned workers (the caller may have threads); the chunks are read here, a few ahead.
            with multiprocessing.get_context("spawn").Pool(procs) as pool:
                pending: deque = deque()
                for job in jobs:
                    pending.append(pool.apply_async(_write_segment, (job,)))
                    if len(pending) > procs:
                        done(pending.popleft().get())
                while pending:
                    done(pending.popleft().get())
    except BaseException:
        writer.cancel()
        raise
    writer._close_segment()
    writer._commit_toc(writer.segments + segments)
    writer._finish()
    return sum(s.doc_count_all() for s in segments)


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def _write_segment(job: tuple[str, list[Document]]):
    """Write one segment of `docs` into the index at `folder` (without the lock: the caller holds it)."""
    folder, docs = job
    writer = BufferedSegmentWriter(whoosh_index.open_dir(Path(folder)), _lk=False)
    for doc in docs:
        writer.add_document(**fields_for(doc))
    return writer._finalize_segment()
