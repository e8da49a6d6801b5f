"""Compound segment files read in place, not copied once per searcher.

Whoosh opens each part of a memory-mapped compound segment file (postings, term index, columns) as a
`BufferFile` whose stream is `BytesIO(part)`: a private copy of the whole part. Every searcher - one per
server thread - paid for the index again (about 200 MB a thread at 10,000 documents, over 1 GB at 100,000)
and waited for the copy when it opened. `ViewFile` streams the same bytes from the mapping, which the
operating system's page cache shares between threads and processes, through a C buffered reader.
`read_compound_parts_in_place()` installs it for the compound reader only.
"""

from __future__ import annotations

import io

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class _RawView(io.RawIOBase):
    """Unbuffered, seekable, read-only stream over a buffer (no copy of the buffer itself)."""

    def __init__(self, buf) -> None:
        self._buf = memoryview(buf).cast("B")
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = max(0, min(len(b), len(self._buf) - self._pos))
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._buf))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos


class ViewFile(BufferFile):
    """`BufferFile` whose stream reads the buffer in place."""

    def __init__(self, buf, name=None, onclose=None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = io.BufferedReader(_RawView(buf), buffer_size=4096)


def read_compound_parts_in_place() -> None:
    """Make Whoosh's compound segment reader hand out `ViewFile`s."""
    compound.BufferFile = ViewFile
