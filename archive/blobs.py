"""Content-addressed store for originals: `blobs/ab/cdef…` named by SHA-256, written once, never modified.

A blob is written to `blobs/tmp/`, flushed with fsync, then renamed into place, so a crash leaves either
the whole blob or a temp file (which `check --repair` removes), never a partial blob under its name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks so large originals do not load into memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _is_sha256(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


class BlobStore:
    """Originals under `root`, addressed by their SHA-256 hex digest."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.tmp = self.root / "tmp"

    def path(self, sha256: str) -> Path:
        if not _is_sha256(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:]

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Store `data` (a no-op when the blob already exists) and return its SHA-256."""
        sha = sha256_bytes(data)
        target = self.path(sha)
        if target.is_file():
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix=sha[:12] + ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp_name, 0o444)  # originals are read-only from the moment they exist
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return sha

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def verify(self, sha256: str) -> bool:
        """True when the blob exists and its content still hashes to its name."""
        path = self.path(sha256)
        return path.is_file() and sha256_file(path) == sha256

    def remove(self, sha256: str) -> None:
        """Drop a blob no document refers to any more (deleted document, crash leftover)."""
        path = self.path(sha256)
        path.unlink(missing_ok=True)
        if path.parent.is_dir() and not any(path.parent.iterdir()):
            path.parent.rmdir()

    def __iter__(self) -> Iterator[str]:
        """Every stored digest (temp files and stray names are skipped; see `strays`)."""
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir() and len(sub.name) == 2:
                for blob in sorted(sub.iterdir()):
                    if _is_sha256(sub.name + blob.name):
                        yield sub.name + blob.name

    def strays(self) -> list[Path]:
        """Temp files left by an interrupted write."""
        return sorted(self.tmp.iterdir()) if self.tmp.is_dir() else []


def _fsync_dir(directory: Path) -> None:
    # The rename is only durable once the directory entry itself reaches the disk.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
