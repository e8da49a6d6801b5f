"""The Whoosh codec of our indexes: Whoosh 3's files, written a whole field at a time.

Whoosh 3 stores a term entry (statistics, then the postings inline or an offset into the postings file)
in an on-disk hash, and each longer posting list as blocks of at most 128 postings: a pickled tuple of
id gaps, weights and values, zlib-compressed, behind a small pickled block header. `ListFieldWriter`
writes exactly those structures, but per field rather than per posting: a term's block is built from
its lists with a few slices and one pickle, the term entries go to the hash file in one sorted batch
(`SortedTermIndexWriter`), pickles use the current protocol (bytes values take 6 bytes instead of ~40
with protocol 2), and a block too small to gain from zlib is stored uncompressed (the block header says
so, and Whoosh's reader honours it). Reading is Whoosh's own code, so matches and scores are the same.

Whoosh 2.7.4's own "inline" option, which stores short lists in the term entry, cannot be switched on
(the writer calls `set_inline`, the term info defines `set_inlined`); `InlinePostingsWriter` fixes that
call for Whoosh's posting-at-a-time writer, which writes the same files.

The codec object is pickled into each segment's table of contents: `InlineCodec` must stay importable
under this name for existing indexes to open.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from array import array
from collections.abc import Iterable
from hashlib import md5
from itertools import accumulate
from operator import sub

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3PostingsWriter, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_int, pack_long, pack_ushort

INLINE_LIMIT = 4  # posting lists shorter than this live in the term entry
PICKLE = pickle.HIGHEST_PROTOCOL
MIN_COMPRESS = 64  # block data (pickled) shorter than this is stored as it is: zlib would not shrink it
_LENGTHS = struct.Struct("!ii")  # a hash file record's key and value lengths (Whoosh's layout)
_POINTER = struct.Struct("!Iq")  # a hash table slot: key hash, record position
_EMPTY_SLOT = (0, 0)


class InlinePostingsWriter(W3PostingsWriter):
    """`W3PostingsWriter` whose short lists really are inlined (Whoosh's posting-at-a-time path)."""

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


class SortedTermIndexWriter(OrderedHashWriter):
    """Whoosh's ordered hash file of term entries, taking a field's entries (keys ascending) in one call."""

    def add_sorted(self, keys: list[bytes], values: list[bytes]) -> None:
        """Append `keys` → `values`; the keys ascend and follow every key added before."""
        if not keys:
            return
        if keys[0] <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{keys[0]!r}")
        start = self.dbfile.tell()
        sizes = [_LENGTHS.size + len(k) + len(v) for k, v in zip(keys, values, strict=True)]
        positions = list(accumulate(sizes[:-1], initial=start))
        self.dbfile.write(b"".join(b for k, v in zip(keys, values, strict=True)
                                   for b in (_LENGTHS.pack(len(k), len(v)), k, v)))
        index = self.index
        try:
            array(index.typecode, positions[-1:])
        except OverflowError:  # the positions outgrow the array's type: widen it once
            index._retype(positions[-1])
        index.array.extend(positions)
        buckets = self.buckets
        for key, pos in zip(keys, positions, strict=True):
            h = int.from_bytes(md5(key).digest()[12:], "big")  # Whoosh's md5_hash, without the hex string
            buckets[h & 255].append((h, pos))
        self.lastkey = keys[-1]

    def _write_hashes(self) -> None:
        """Whoosh's 256 open-addressing tables (same slots), each written in one call, not one per slot."""
        dbfile = self.dbfile
        for entries in self.buckets:
            numslots = 2 * len(entries)
            self.directory.append((dbfile.tell(), numslots))
            table = [_EMPTY_SLOT] * numslots
            for entry in entries:
                slot = (entry[0] >> 8) % numslots
                while table[slot] is not _EMPTY_SLOT:
                    slot = (slot + 1) % numslots
                table[slot] = entry
            dbfile.write(b"".join(_POINTER.pack(*entry) for entry in table))


class ListFieldWriter(W3FieldWriter):
    """`W3FieldWriter` that takes a field's terms with their whole posting lists (see `add_terms`)."""

    def __init__(self, codec, storage, segment) -> None:  # W3FieldWriter's, with our term index writer
        self._codec, self._storage, self._segment = codec, storage, segment
        self._fieldname = self._fieldid = self._btext = self._fieldobj = self._format = None
        self._tindex = SortedTermIndexWriter(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap = self._tindex.extras["fieldmap"] = {}
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False

    def add_terms(self, terms: Iterable[tuple[bytes, list[int], list[float], list[bytes]]],
                  length_bytes: list[int]) -> None:
        """The current field's terms in ascending order, each with all its postings (term, doc ids
        ascending, weights, non-empty values); `length_bytes[doc]` is `length_to_byte` of the document's
        field length."""
        prefix = pack_ushort(self._fieldid)
        inline_limit = self._codec._inlinelimit
        fixed = self._format.fixed_value_size()
        keys, entries = [], []
        for btext, ids, weights, values in terms:
            keys.append(prefix + btext)
            lengths = [length_bytes[d] for d in ids]
            if len(ids) < inline_limit and values:
                entries.append(_inlined_entry(ids, weights, values, lengths))
            else:
                entries.append(self._write_blocks(ids, weights, values, lengths, fixed))
        self._tindex.add_sorted(keys, entries)

    def _write_blocks(self, ids: list[int], weights: list[float], values: list[bytes], lengths: list[int],
                      fixed: int | None) -> bytes:
        """Write one posting list as Whoosh 3 blocks; returns its term entry."""
        limit, level = self._codec._blocklimit, self._codec._compression
        start = self._postfile.tell()
        out = [WHOOSH3_HEADER_MAGIC]
        total, maxweight = 0.0, 0  # summed block by block, as Whoosh's term info does
        for i in range(0, len(ids), limit):
            block_ids = ids[i : i + limit] if len(ids) > limit else ids
            block_weights = array("f", weights[i : i + limit])
            block_lengths = lengths[i : i + limit]
            block_max = max(0, *weights[i : i + limit])
            total += sum(block_weights)
            maxweight = max(maxweight, block_max)
            if fixed is None or fixed < 0:
                block_values = tuple(values[i : i + limit])
            else:
                block_values = b"".join(values[i : i + limit]) if fixed else None
            data = pickle.dumps((tuple(map(sub, block_ids, [0, *block_ids[:-1]])),  # gaps
                                 _mini_weights(block_weights), block_values), PICKLE)
            comp = level if len(data) >= MIN_COMPRESS else 0
            if comp:
                data = _deflate(data, comp)
            info = pickle.dumps((len(block_ids), block_ids[-1], block_max, comp,
                                 min(filter(None, block_lengths), default=0), max(block_lengths)), PICKLE)
            size = len(info) + len(data)
            out += (pack_int(-size if i + limit >= len(ids) else size), info, data)
        body = b"".join(out)
        self._postfile.write(body)
        return (W3TermInfo._struct.pack(False, total, len(ids), min(filter(None, lengths), default=0),
                                        max(lengths), maxweight, ids[0], ids[-1])
                + pack_long(start) + pack_int(len(body)))


def _deflate(data: bytes, level: int) -> bytes:
    """`zlib.compress(data, level)` with a window no bigger than `data` and the smallest hash table:
    `zlib.compress` sets up some 256 KB of state, which on a block of a few hundred bytes costs ten
    times the compression itself. Any zlib reader (Whoosh's `zlib.decompress`) reads it."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, max(9, min(15, (len(data) - 1).bit_length())), 1)
    return compressor.compress(data) + compressor.flush()


def _mini_weights(weights: array) -> tuple | float | None:
    """A block's weights as Whoosh stores them: None if all 1.0, one number if all equal, else a tuple."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return _compact(weights)


def _compact(weights: array) -> tuple:
    """Weights as a tuple, whole numbers (counts) as ints: they pickle in 2 bytes instead of 9."""
    as_ints = tuple(map(int, weights))
    return as_ints if list(as_ints) == weights.tolist() else tuple(weights)


def _inlined_entry(ids: list[int], weights: list[float], values: list[bytes], lengths: list[int]) -> bytes:
    """The term entry `W3TermInfo` writes for a list kept inline (`lengths` as bytes)."""
    stored_weights = array("f", weights)
    return W3TermInfo._struct.pack(
        True, sum(stored_weights), len(ids), min(filter(None, lengths), default=0), max(lengths),
        max(0, *weights), ids[0], ids[-1],
    ) + pickle.dumps((tuple(ids), _compact(stored_weights), tuple(values)), PICKLE)


class InlineCodec(W3Codec):
    """Whoosh 3 codec with working inline posting lists, written a field at a time."""

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return ListFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return InlinePostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression, inlinelimit=self._inlinelimit)
