"""Archive failures, one class each; the CLI and the web UI turn them into one clear message."""

from __future__ import annotations


class ArchiveError(Exception):
    """Something the archive cannot do; the message says what and why."""


class NotFound(ArchiveError):
    """No document has this id."""

    def __init__(self, doc_id: str):
        super().__init__(f"no document with id {doc_id!r} (see `vnarchive list`)")
        self.doc_id = doc_id


class InvalidField(ArchiveError):
    """A metadata correction names an unknown field or gives a value it cannot take."""


class OriginalMissing(ArchiveError):
    """A document's original is not in the blob store (run `vnarchive check --repair`)."""


class OriginalCorrupt(ArchiveError):
    """A stored original no longer matches its checksum (run `vnarchive check --repair`)."""


class NothingSelected(ArchiveError):
    """A command that needs documents was given none (no ids, no --all)."""
