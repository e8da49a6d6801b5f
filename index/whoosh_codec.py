"""The Whoosh codec of our indexes: Whoosh 3's format, with short posting lists kept inside the term entry.

Most terms of a Vietnamese index occur in one or two documents (syllable bigrams, rare words, codes).
Whoosh 3 writes every posting list as a pickled, zlib-compressed block in the postings file, reached
through an offset in the term entry: per term one pickle, one compress, one seek on read. Its own
"inline" option, which stores short lists in the term entry instead, cannot be switched on in Whoosh
2.7.4 (the writer calls `set_inline`, the term info defines `set_inlined`). `InlineCodec` fixes that call
and inlines lists of up to `INLINE_LIMIT` postings. Reading is Whoosh's own code (`ListMatcher` over the
inlined postings), so matches and scores are the same; the index is smaller and much faster to write.

The codec object is pickled into each segment's table of contents: this class must stay importable
under this name for existing indexes to open.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter

INLINE_LIMIT = 4  # posting lists shorter than this live in the term entry


class InlinePostingsWriter(W3PostingsWriter):
    """`W3PostingsWriter` whose short lists really are inlined."""

    def add_posting(self, id_, weight, vbytes, length=None):
        # Whoosh's method without its per-posting type assertions (our writer produces the right types).
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def finish_postings(self):
        terminfo = self._terminfo
        # Only lists that carry values (text fields): for value-less formats (ID fields) Whoosh's
        # `ListMatcher` would hand a merge `""` where bytes are required.
        if not self.written() and len(self._ids) < self._inlinelimit and self._values:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
        else:  # Whoosh's own path, minus its broken inline branch
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo


class _MemoLengths:
    """A segment's field lengths with `doc_field_length` memoised: Whoosh asks it once per posting, and
    a document's length in a field is the same for all of that field's few hundred terms."""

    def __init__(self, lengths) -> None:
        self._lengths = lengths
        self._field: str | None = None
        self._memo: dict[int, int] = {}  # docnum → length in `_field` (postings come field by field)

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if fieldname != self._field:
            self._field = fieldname
            self._memo.clear()
        length = self._memo.get(docnum)
        if length is None:
            length = self._memo[docnum] = self._lengths.doc_field_length(docnum, fieldname, default)
        return length


class MemoFieldWriter(W3FieldWriter):
    """`W3FieldWriter` that reads each document's field length once while writing postings."""

    def add_postings(self, schema, lengths, items):
        return super().add_postings(schema, _MemoLengths(lengths) if lengths else lengths, items)


class InlineCodec(W3Codec):
    """Whoosh 3 codec with working inline posting lists."""

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return MemoFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return InlinePostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression, inlinelimit=self._inlinelimit)
