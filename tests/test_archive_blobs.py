"""The content-addressed blob store: names, immutability, verification, crash leftovers."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from archive.blobs import BlobStore, sha256_file


def test_put_names_the_blob_by_its_sha256_in_a_two_level_tree(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    data = "Báo cáo tổng kết năm 2005".encode()
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.path(sha) == tmp_path / "blobs" / sha[:2] / sha[2:]
    assert store.read(sha) == data
    assert list(store) == [sha]
    assert store.strays() == []


def test_blobs_are_read_only_and_a_second_put_leaves_the_file_alone(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    sha = store.put(b"\x00\xff legacy bytes")
    first = store.path(sha).stat()
    assert not first.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert store.put(b"\x00\xff legacy bytes") == sha
    assert store.path(sha).stat().st_ino == first.st_ino


def test_verify_detects_changed_content(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    sha = store.put(b"original")
    assert store.verify(sha)
    path = store.path(sha)
    path.chmod(0o644)
    path.write_bytes(b"tampered")
    assert not store.verify(sha)
    assert sha256_file(path) != sha


def test_iteration_skips_temp_files_which_are_reported_as_strays(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    sha = store.put(b"x")
    store.tmp.mkdir(exist_ok=True)
    (store.tmp / "abc.partial").write_bytes(b"half a blo")
    assert list(store) == [sha]
    assert [p.name for p in store.strays()] == ["abc.partial"]


def test_remove_drops_the_blob_and_its_empty_directory(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    sha = store.put(b"gone")
    store.remove(sha)
    assert not store.exists(sha)
    assert not store.path(sha).parent.exists()


def test_a_name_that_is_not_a_sha256_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a SHA-256 hex digest: '../etc'"):
        BlobStore(tmp_path).path("../etc")
