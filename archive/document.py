"""The document record shared by the archive, the index and the web layer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Document:
    """One archived original and what we know about it. Only `archive` knows how it is stored."""

    id: str
    sha256: str
    filename: str
    text: str = ""
    path: str = ""
    size: int = 0
    format: str = "txt"
    encoding: str = "ascii"
    confidence: float = 1.0
    converter_version: str = ""
    title: str = ""
    year: int | None = None
    date: str | None = None  # ISO yyyy-mm-dd when the full date is known
    doc_type: str | None = None  # báo cáo, quyết định, nghị định, thông tư, công văn, kế hoạch, biểu mẫu …
    source: str | None = None  # issuing body or where the file came from
    language: str | None = None
    pages: int | None = None
    collection: str | None = None
    tags: list[str] = field(default_factory=list)
    status: str = "published"  # published | draft
    warnings: list[str] = field(default_factory=list)
    repairs: list[dict] = field(default_factory=list)
    review_count: int = 0
    ingested_at: str = ""
    updated_at: str = ""

    def to_dict(self, *, with_text: bool = True) -> dict:
        out = asdict(self)
        if not with_text:
            out.pop("text")
            out.pop("repairs")
        return out
