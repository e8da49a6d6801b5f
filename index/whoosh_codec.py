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

import pickle
from array import array

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter, W3TermInfo
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

INLINE_LIMIT = 4  # posting lists shorter than this live in the term entry


class InlinePostingsWriter(W3PostingsWriter):
    """`W3PostingsWriter` whose short lists really are inlined, and which takes a term's list whole."""

    def add_list(self, ids: list[int], weights: list[float], values: list[bytes], lengths: list[int]) -> None:
        """All postings of the current term (ascending ids), block by block: what `add_posting` does one
        posting at a time. `values` holds only non-empty values (as Whoosh keeps them); `lengths` are
        the documents' field lengths."""
        limit = self._blocklimit
        for i in range(0, len(ids), limit):
            if self._ids:
                self._write_block()
            block_weights = weights[i : i + limit]
            self._ids = array("I", ids[i : i + limit])
            self._weights = array("f", block_weights)
            self._values = values[i : i + limit]
            block_lengths = [n for n in lengths[i : i + limit] if n]
            self._minlength = min(block_lengths) if block_lengths else None
            self._maxlength = max(block_lengths, default=0)
            self._maxweight = max(0, max(block_weights))

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


class ListFieldWriter(W3FieldWriter):
    """`W3FieldWriter` that writes a term's whole posting list in one call (see `add_term`)."""

    def add_term(self, btext: bytes, ids: list[int], weights: list[float], values: list[bytes],
                 lengths: list[int]) -> None:
        """One term of the current field with all its postings (ids ascending)."""
        if len(ids) < self._codec._inlinelimit and values:
            # Most terms: the term entry `W3TermInfo` would write for an inlined list, made directly.
            stored_weights = tuple(array("f", weights))
            present = [n for n in lengths if n]
            entry = W3TermInfo._struct.pack(
                True, sum(stored_weights), len(ids), length_to_byte(min(present) if present else None),
                length_to_byte(max(present, default=0)), max(0, *weights), ids[0], ids[-1])
            entry += pickle.dumps((tuple(ids), stored_weights, tuple(values)), 2)
            self._tindex.add(pack_ushort(self._fieldid) + btext, entry)
            return
        self.start_term(btext)
        self._postwriter.add_list(ids, weights, values, lengths)
        self.finish_term()


class InlineCodec(W3Codec):
    """Whoosh 3 codec with working inline posting lists."""

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return ListFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return InlinePostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression, inlinelimit=self._inlinelimit)
