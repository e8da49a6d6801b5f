"""Consistency check of the stored archive: blobs ↔ checksums ↔ catalog (the index part is in `service`).

Each finding is a `Problem`; with `repair=True` whatever can be fixed is fixed and marked so. A blob that
is missing or corrupt is restored from its recorded origin when that file still has the same checksum.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archive.blobs import BlobStore, sha256_file
from archive.catalog import Catalog


@dataclass
class Problem:
    kind: str  # corrupt-blob | missing-blob | orphan-blob | temp-file | catalog | index-missing | index-extra
    subject: str
    message: str
    repaired: bool = False

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class CheckReport:
    blobs: int = 0
    documents: int = 0
    indexed: int | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is left unrepaired."""
        return all(p.repaired for p in self.problems)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "blobs": self.blobs, "documents": self.documents, "indexed": self.indexed,
                "problems": [p.to_dict() for p in self.problems]}


def check_store(catalog: Catalog, blobs: BlobStore, *, repair: bool = False) -> CheckReport:
    """Verify every blob's checksum and that catalog and blob store refer to the same originals."""
    report = CheckReport()
    wanted = catalog.shas()
    stored = set()
    for sha in blobs:
        stored.add(sha)
        report.blobs += 1
        if sha256_file(blobs.path(sha)) != sha:
            problem = Problem("corrupt-blob", sha, f"blob {sha[:12]}… does not match its checksum")
            if sha in wanted and repair:
                problem.repaired = _restore(catalog, blobs, sha, corrupt=True)
            report.problems.append(problem)
        elif sha not in wanted:
            # A crash between writing the blob and committing its catalog row leaves this; ingest redoes it.
            problem = Problem("orphan-blob", sha, f"blob {sha[:12]}… belongs to no document")
            if repair:
                blobs.remove(sha)
                problem.repaired = True
            report.problems.append(problem)
    for sha in sorted(wanted - stored):
        problem = Problem("missing-blob", sha, f"original {sha[:12]}… of a catalogued document is missing")
        if repair:
            problem.repaired = _restore(catalog, blobs, sha, corrupt=False)
        report.problems.append(problem)
    for stray in blobs.strays():
        problem = Problem("temp-file", stray.name, f"unfinished blob write {stray.name}")
        if repair:
            stray.unlink(missing_ok=True)
            problem.repaired = True
        report.problems.append(problem)
    report.problems += [Problem("catalog", "catalog", text) for text in catalog.integrity_problems()]
    report.documents = catalog.count()
    return report


def _restore(catalog: Catalog, blobs: BlobStore, sha: str, *, corrupt: bool) -> bool:
    """Put the original back from a recorded origin that still has the right content."""
    for file in catalog.files(sha):
        origin = Path(file["origin"])
        if origin.is_file() and sha256_file(origin) == sha:
            if corrupt:
                blobs.remove(sha)  # a damaged blob is not an original any more
            blobs.put(origin.read_bytes())
            return True
    return False
