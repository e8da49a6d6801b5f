"""`vnarchive search` and `vnarchive reindex`: thin layers over `service.Service`."""

from __future__ import annotations

import html
import json
import re
import sys

import click

from archive.settings import SettingError, Settings
from cli.errors import one_line_errors
from index.backend import SORTS, SearchRequest, SearchResult, SearchUnavailable
from service import ArchiveError, Service

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


_errors = one_line_errors(ArchiveError, SettingError, SearchUnavailable)


def _terminal_snippet(snippet: str) -> str:
    """HTML snippet → terminal text: marks in bold, entities decoded, whitespace collapsed."""
    text = _MARK.sub(lambda m: click.style(m.group(1), bold=True), snippet)
    return html.unescape(" ".join(text.split()))


def _render(result: SearchResult, query: str, show_facets: bool) -> None:
    plural = "s" if result.total != 1 else ""
    click.echo(f'{result.total} result{plural} for "{query}" ({result.took_ms:.0f} ms)')
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}")
    first = (result.page - 1) * result.per_page
    for n, hit in enumerate(result.hits, start=first + 1):
        year = f" ({hit.year})" if hit.year else ""
        click.echo(f"{n:>3}. {hit.title or hit.filename}{year}  [{hit.id}] {hit.filename}")
        if hit.snippet:
            click.echo(f"     {_terminal_snippet(hit.snippet)}")
    if show_facets:
        for name, values in result.facets.items():
            if values:
                shown = ", ".join(f"{v} ({c})" for v, c in values[:10])
                click.echo(f"{name}: {shown}")


@click.command(context_settings={"ignore_unknown_options": True})  # `-word` excludes, it is no option
@click.argument("query", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (the /api/search shape).")
@click.option("--facets", "show_facets", is_flag=True, help="Also print facet counts.")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1, 100),
              help="Results per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page number.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True, help="Order.")
@click.option("--year", multiple=True, metavar="YEAR", help="Only these years (repeatable; 2003..2007 too).")
@click.option("--type", "doc_type", multiple=True, metavar="TYPE", help='Only this type ("quyết định").')
@click.option("--title-only", is_flag=True, help="Search titles only.")
@click.option("--drafts", is_flag=True, help="Include draft documents.")
@_errors
def search(query: tuple[str, ...], as_json: bool, show_facets: bool, limit: int, page: int, sort: str,
           year: tuple[str, ...], doc_type: tuple[str, ...], title_only: bool, drafts: bool) -> None:
    """Search the archive, with or without accents.

    \b
    Example:
        vnarchive search do thi
        vnarchive search '"báo cáo" year:2003..2007 -dự thảo' --facets
        vnarchive search 'type:"quyết định"' --sort newest --json
    """
    q = " ".join(query)
    filters: dict[str, list[str]] = {}
    if year:
        filters["year"] = list(year)
    if doc_type:
        filters["type"] = list(doc_type)
    request = SearchRequest(q=q, filters=filters, sort=sort, page=page, per_page=limit, title_only=title_only,
                            facets=show_facets or as_json, include_drafts=drafts)
    result = Service(Settings()).search(request)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _render(result, q, show_facets)


@click.command()
@click.option("--to", "target", type=click.Choice(["whoosh", "solr"]), default=None,
              help="Load into this backend instead of the configured one (migration to SolrCloud).")
@_errors
def reindex(target: str | None) -> None:
    """Rebuild the search index from the catalog; searches use the old index until the new one is ready.

    \b
    Example:
        vnarchive reindex
        vnarchive solr init && vnarchive reindex --to solr   # then set VNARCHIVE_SEARCH=solr
    """
    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"\rindexed {done}/{total}", nl=False, err=True)

    count = Service(Settings({"search": target} if target else None)).reindex(progress)
    if sys.stderr.isatty():
        click.echo("", err=True)
    click.echo(f"indexed {count} document{'s' if count != 1 else ''}")


COMMANDS: list = [search, reindex]
