"""What the service returns for the long-running commands: ingest, re-conversion, statistics."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.ingest import ADDED, FAILED, LINKED, UNCHANGED, Outcome


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    indexed: int = 0
    index_pending: int = 0  # documents the index could not take yet (another writer held it too long)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    @property
    def files_per_second(self) -> float:
        return len(self.outcomes) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {
            "files": len(self.outcomes),
            "added": self.count(ADDED),
            "linked": self.count(LINKED),
            "unchanged": self.count(UNCHANGED),
            "failed": self.count(FAILED),
            "indexed": self.indexed,
            "index_pending": self.index_pending,
            "seconds": round(self.seconds, 3),
            "files_per_second": round(self.files_per_second, 1),
            "results": [o.__dict__ for o in self.outcomes],
        }


@dataclass
class ReconvertReport:
    converted: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # id -> reason
    seconds: float = 0.0

    def to_dict(self) -> dict:
        failed = [{"id": k, "reason": v} for k, v in self.failed.items()]
        return {"converted": self.converted, "failed": failed, "seconds": round(self.seconds, 3)}


def counts(pairs: list[tuple[object, int]]) -> list[dict]:
    return [{"value": value, "count": n} for value, n in pairs]
