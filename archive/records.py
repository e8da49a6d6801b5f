"""From a converted file to a catalog `Document`, and the metadata fields staff may correct.

Ingest and re-conversion both go through `document_from`, so a re-converted document is exactly what a
fresh ingest of the same original would give, plus the staff corrections (`apply_overrides`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as Date

from archive.catalog import now
from archive.document import Document
from archive.errors import InvalidField
from archive.metadata import extract
from converters import CONVERTER_VERSION, FileConversion, convert_text

ID_LENGTH = 12  # hex digits of the sha256: 48 bits, collision-checked at insert
STATUSES = ("published", "draft")
# Field name (as stored on Document) -> aliases accepted from the CLI and the web form.
EDITABLE = {"title": (), "year": (), "date": (), "doc_type": ("type",), "source": (), "language": (),
            "collection": (), "tags": (), "status": ()}
ALIASES = {alias: name for name, aliases in EDITABLE.items() for alias in aliases}


def new_id(sha256: str, taken: Callable[[str], bool]) -> str:
    """First 12 hex digits of the sha256, longer only in the (astronomically rare) case of a clash."""
    for length in range(ID_LENGTH, 65, 4):
        candidate = sha256[:length]
        if not taken(candidate):
            return candidate
    raise AssertionError(f"no free id for {sha256}")  # every prefix taken would mean a duplicate sha256


def document_from(fc: FileConversion, *, doc_id: str, sha256: str, size: int, filename: str, path: str,
                  collection: str | None = None, source: str | None = None, status: str = "published",
                  tags: list[str] | None = None, ingested_at: str | None = None) -> Document:
    """A catalog record for one converted original (metadata guessed; `source` given by the user wins)."""
    ext, conv = fc.extraction, fc.conversion
    meta = extract(conv.text, filename=filename, properties=_readable(ext.properties, conv.encoding),
                   pages=ext.pages)
    stamp = now()
    repairs = [r.to_dict() for r in conv.repairs]
    return Document(
        id=doc_id, sha256=sha256, filename=filename, path=path, size=size, text=conv.text,
        format=ext.format, encoding=conv.encoding, confidence=round(conv.confidence, 4),
        converter_version=CONVERTER_VERSION, title=meta.title, year=meta.year, date=meta.date,
        doc_type=meta.doc_type, source=source or meta.source, language=meta.language, pages=meta.pages,
        collection=collection, tags=list(tags or []), status=status,
        warnings=[*ext.warnings, *conv.warnings], repairs=repairs, review_count=len(conv.review),
        ingested_at=ingested_at or stamp, updated_at=stamp,
    )


def _readable(properties: dict[str, str], encoding: str) -> dict[str, str]:
    """Document properties of a legacy file are in the same legacy charset as its text: repair them too."""
    if encoding in ("utf-8", "ascii", "utf-16"):
        return properties
    return {key: convert_text(value, source_encoding=encoding).text if isinstance(value, str) else value
            for key, value in properties.items()}


def apply_overrides(doc: Document, overrides: dict[str, object]) -> Document:
    """Staff corrections win over everything the converter and the metadata guesser produced.

    A corrected text (`text`, set by the review workflow) replaces the converter's output; the converter's
    repairs no longer describe it, so they are dropped and nothing is left to review.
    """
    for name, value in overrides.items():
        if name in EDITABLE:
            setattr(doc, name, value)
    if "text" in overrides:
        doc.text, doc.repairs, doc.review_count, doc.confidence = str(overrides["text"]), [], 0, 1.0
    return doc


def clean_fields(fields: dict[str, object]) -> dict[str, object]:
    """Validate a metadata correction; raises `InvalidField` naming the field and the reason."""
    out: dict[str, object] = {}
    for raw_name, value in fields.items():
        name = ALIASES.get(raw_name, raw_name)
        if name not in EDITABLE:
            raise InvalidField(f"cannot edit {raw_name!r}: editable fields are {', '.join(sorted(EDITABLE))}")
        out[name] = _clean(name, value)
    if "date" in out and out["date"] and "year" not in out:
        out["year"] = int(str(out["date"])[:4])  # a corrected date corrects the year with it
    return out


def _clean(name: str, value: object) -> object:
    if isinstance(value, str):
        value = " ".join(value.split())
    if name == "tags":
        items = value if isinstance(value, list) else re.split(r"\s*,\s*", str(value or ""))
        return sorted({" ".join(str(t).split()) for t in items if str(t).strip()})
    if value in ("", None):
        if name in ("title", "status"):
            raise InvalidField(f"{name} cannot be empty")
        return None
    if name == "year":
        try:
            year = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise InvalidField(f"year should be a number like 2005, not {value!r}") from None
        if not 1000 <= year <= 2999:
            raise InvalidField(f"year should be a four-digit year, not {year}")
        return year
    if name == "date":
        try:
            return Date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise InvalidField(f"date should be YYYY-MM-DD, not {value!r}") from None
    if name == "status" and value not in STATUSES:
        raise InvalidField(f"status should be one of {', '.join(STATUSES)}, not {value!r}")
    return value
