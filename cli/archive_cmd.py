"""`vnarchive` archive commands: ingest, list, show, export, edit, delete, reconvert, check, stats.

Each command parses its options, calls one `service.Service` method and renders text or `--json`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from archive.settings import SettingError, Settings
from cli.errors import one_line_errors
from index.backend import SearchUnavailable
from service import ArchiveError, Service

TITLE_WIDTH = 60


def _service() -> Service:
    return Service(Settings())


_errors = one_line_errors(ArchiveError, SettingError, SearchUnavailable)


def _json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class _Bar:
    """A progress bar with files/s and ETA, drawn only on a terminal."""

    def __init__(self, label: str):
        self.label, self.bar, self.started = label, None, time.monotonic()

    def __call__(self, done: int, total: int, item: str) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, show_eta=True, file=sys.stderr,
                                         item_show_func=lambda text: text)
            self.bar.__enter__()
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.bar.update(done - self.bar.pos, f"{rate:.1f} files/s  {item[-40:]}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-r", "--recursive", is_flag=True, help="Ingest every file under the given directories.")
@click.option("--collection", metavar="NAME", help="Collection the new documents belong to.")
@click.option("--source", metavar="NAME", help="Issuing body or provenance (else read from the heading).")
@click.option("--draft", is_flag=True, help="Add the documents as drafts (not shown to members).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_errors
def ingest(paths: tuple[Path, ...], recursive: bool, collection: str | None, source: str | None, draft: bool,
           as_json: bool) -> None:
    """Archive files: keep the original, convert, catalogue and index. Exit 1 if any file failed.

    \b
    Example:
        vnarchive ingest -r corpus/ --collection demo
        vnarchive ingest old/QD-256.doc --source "UBND TP CẦN THƠ" --json
    """
    bar = _Bar("ingest")
    try:
        report = _service().ingest(paths, recursive=recursive, collection=collection, source=source,
                                   status="draft" if draft else "published", progress=bar)
    finally:
        bar.close()
    if as_json:
        _json(report.to_dict())
    else:
        summary = report.to_dict()
        click.echo(f"{'status':<10} {'files':>7}")
        for status in ("added", "linked", "unchanged", "failed"):
            click.echo(f"{status:<10} {summary[status]:>7}")
        rate = f"{report.files_per_second:.1f} files/s"
        click.echo(f"{summary['files']} files in {report.seconds:.1f} s ({rate}); "
                   f"{report.indexed} documents indexed")
        if report.index_pending:
            click.echo(f"{report.index_pending} documents wait for the search index, which another process "
                       "is writing: run `vnarchive check --repair` when it is done", err=True)
        for outcome in report.failed:
            click.echo(f"failed: {outcome.path}: {outcome.reason}", err=True)
    if report.failed:
        sys.exit(1)


@click.command("list")
@click.option("--collection", metavar="NAME")
@click.option("--year", type=int)
@click.option("--type", "doc_type", metavar="TYPE", help="Document type, e.g. 'quyết định'.")
@click.option("--source", metavar="NAME")
@click.option("--status", type=click.Choice(["published", "draft"]))
@click.option("--tag", metavar="TAG")
@click.option("--sort", type=click.Choice(["newest", "oldest", "ingested", "title"]), default="newest",
              show_default=True)
@click.option("--limit", type=int, default=None, help="At most this many documents.")
@click.option("--offset", type=int, default=0)
@click.option("--json", "as_json", is_flag=True, help='Print {"documents": [...]} as JSON.')
@_errors
def list_(as_json: bool, limit: int | None, offset: int, sort: str, **filters: object) -> None:
    """List archived documents (id, year, type, title, file name).

    \b
    Example:
        vnarchive list --year 2003 --type "nghị định"
        vnarchive list --json
    """
    svc = _service()
    docs = svc.list(**filters, sort=sort, limit=limit, offset=offset)
    if as_json:
        _json({"total": svc.count(**filters),
               "documents": [d.to_dict(with_text=False) for d in docs]})
        return
    for doc in docs:
        title = doc.title if len(doc.title) <= TITLE_WIDTH else doc.title[:TITLE_WIDTH - 1] + "…"
        click.echo(f"{doc.id}  {doc.year or '----'}  {(doc.doc_type or '-'):<11}  {title:<{TITLE_WIDTH}}  "
                   f"{doc.filename}")


@click.command()
@click.argument("doc_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the record (without text) as JSON.")
@_errors
def show(doc_id: str, as_json: bool) -> None:
    """Show one document's record: metadata, conversion, files, warnings, review backlog.

    \b
    Example:
        vnarchive show 854ca59ec9ba
    """
    svc = _service()
    doc = svc.get(doc_id)
    files = svc.files(doc_id)
    if as_json:
        _json({**doc.to_dict(with_text=False), "files": files, "characters": len(doc.text)})
        return
    fields = [("id", doc.id), ("title", doc.title), ("year", doc.year), ("date", doc.date),
              ("type", doc.doc_type), ("source", doc.source), ("collection", doc.collection),
              ("tags", ", ".join(doc.tags)), ("status", doc.status), ("language", doc.language),
              ("pages", doc.pages), ("format", doc.format),
              ("encoding", f"{doc.encoding} ({doc.confidence:.2f})"), ("converter", doc.converter_version),
              ("size", f"{doc.size:,} bytes"), ("sha256", doc.sha256), ("characters", f"{len(doc.text):,}"),
              ("repairs", f"{len(doc.repairs)} ({doc.review_count} to review)"),
              ("ingested", doc.ingested_at), ("updated", doc.updated_at)]
    for name, value in fields:
        click.echo(f"{name + ':':<12}{'' if value is None else value}")
    for file in files:
        click.echo(f"{'file:':<12}{file['path']}")
    for warning in doc.warnings:
        click.echo(f"{'warning:':<12}{warning}")


@click.command()
@click.argument("doc_id", metavar="ID")
@click.option("--original", "what", flag_value="original", help="The original file, byte-exact.")
@click.option("--text", "what", flag_value="text", default=True, help="The converted text (default).")
@click.option("--json", "what", flag_value="json", help="Record, text and repairs as JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@_errors
def export(doc_id: str, what: str, output: Path | None) -> None:
    """Write a document's original, text or full record to stdout or a file.

    \b
    Example:
        vnarchive export 854ca59ec9ba --original -o QD-256.doc
        vnarchive export 854ca59ec9ba --json > record.json
    """
    svc = _service()
    if what == "original":
        data = svc.original(doc_id)
    elif what == "json":
        doc = svc.get(doc_id)
        record = {**doc.to_dict(), "files": svc.files(doc_id)}
        data = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        data = svc.get(doc_id).text.encode("utf-8")
    if output is None:
        click.get_binary_stream("stdout").write(data)
    else:
        output.write_bytes(data)
        click.echo(f"wrote {len(data):,} bytes to {output}", err=True)


@click.command()
@click.argument("doc_id", metavar="ID")
@click.option("--title")
@click.option("--year")
@click.option("--date", help="YYYY-MM-DD (also sets the year).")
@click.option("--type", "doc_type", metavar="TYPE")
@click.option("--source")
@click.option("--collection")
@click.option("--tags", help="Comma-separated; replaces the tags.")
@click.option("--language")
@click.option("--status", type=click.Choice(["published", "draft"]))
@click.option("--user", metavar="EMAIL", help="Who made the correction (for the audit log).")
@click.option("--json", "as_json", is_flag=True)
@_errors
def edit(doc_id: str, user: str | None, as_json: bool, **fields: str | None) -> None:
    """Correct a document's metadata; corrections survive re-conversion.

    \b
    Example:
        vnarchive edit 854ca59ec9ba --title "Báo cáo hoạt động 2006" --year 2006 --type "báo cáo"
    """
    given = {name: value for name, value in fields.items() if value is not None}
    doc = _service().edit(doc_id, user=user, **given)
    if as_json:
        _json(doc.to_dict(with_text=False))
    else:
        click.echo(f"{doc.id}: updated {', '.join(sorted(given))}")


@click.command()
@click.argument("doc_id", metavar="ID")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--user", metavar="EMAIL", help="Who deleted it (for the audit log).")
@_errors
def delete(doc_id: str, yes: bool, user: str | None) -> None:
    """Remove a document, its original and its index entry.

    \b
    Example:
        vnarchive delete 854ca59ec9ba --yes
    """
    svc = _service()
    doc = svc.get(doc_id, with_text=False)
    if not yes:
        click.confirm(f"Delete {doc.id} ({doc.filename}: {doc.title[:TITLE_WIDTH]})?", abort=True)
    svc.delete(doc_id, user=user)
    click.echo(f"deleted {doc_id}")


@click.command()
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "all_", is_flag=True, help="Every document.")
@click.option("--older-than", metavar="VERSION", help="Documents converted before VERSION.")
@click.option("--json", "as_json", is_flag=True)
@_errors
def reconvert(ids: tuple[str, ...], all_: bool, older_than: str | None, as_json: bool) -> None:
    """Run the converters again on stored originals; updates text, metadata and index.

    \b
    Example:
        vnarchive reconvert --older-than 0.2
        vnarchive reconvert 854ca59ec9ba 4b0e58450643
    """
    bar = _Bar("reconvert")
    try:
        report = _service().reconvert(ids, all=all_, older_than=older_than, progress=bar)
    finally:
        bar.close()
    if as_json:
        _json(report.to_dict())
    else:
        click.echo(f"reconverted {len(report.converted)} documents in {report.seconds:.1f} s")
        for doc_id, reason in report.failed.items():
            click.echo(f"failed: {doc_id}: {reason}", err=True)
    if report.failed:
        sys.exit(1)


@click.command()
@click.option("--repair", is_flag=True, help="Fix what can be fixed (re-index, restore, clean up).")
@click.option("--json", "as_json", is_flag=True)
@_errors
def check(repair: bool, as_json: bool) -> None:
    """Verify every original's checksum and that catalog, originals and index agree. Exit 1 on problems.

    \b
    Example:
        vnarchive check && vnarchive check --repair
    """
    report = _service().check(repair=repair)
    if as_json:
        _json(report.to_dict())
    else:
        for problem in report.problems:
            mark = "repaired" if problem.repaired else "PROBLEM"
            click.echo(f"{mark}: {problem.kind}: {problem.message}")
        click.echo(f"{report.documents} documents, {report.blobs} originals, {report.indexed} indexed: "
                   + ("ok" if report.ok else f"{sum(not p.repaired for p in report.problems)} problems"))
    if not report.ok:
        sys.exit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True)
@_errors
def stats(as_json: bool) -> None:
    """Counts by year, type, format, encoding and collection; review backlog; failed files.

    \b
    Example:
        vnarchive stats --json
    """
    svc = _service()
    data = svc.stats()
    if as_json:
        _json({**data, "failed_files": svc.failures()})
        return
    click.echo(f"documents: {data['documents']}  files: {data['files']}  bytes: {data['bytes']:,}")
    review = data["review"]
    click.echo(f"review backlog: {review['repairs']} repairs in {review['documents']} documents")
    click.echo(f"failed files: {data['failures']}  waiting for the index: {data['index_pending']}")
    for key in ("by_year", "by_type", "by_format", "by_encoding", "by_collection"):
        click.echo(f"\n{key[3:]}:")
        for row in data[key]:
            click.echo(f"  {row['value'] if row['value'] is not None else '-'!s:<28} {row['count']:>6}")
    if data["failures"]:
        click.echo("\nfailed files (ingest them again once fixed):")
        for failure in svc.failures():
            click.echo(f"  {failure['path']}: {failure['reason']}")


COMMANDS: list = [ingest, list_, show, export, edit, delete, reconvert, check, stats]
