"""`vnarchive solr init` and `vnarchive solr status`: set up and inspect the SolrCloud search backend."""

from __future__ import annotations

import click

from archive.settings import SettingError, Settings
from cli.errors import one_line_errors
from index.solr import admin
from index.solr.client import SolrClient, SolrError

_errors = one_line_errors(SolrError, SettingError)


@click.group()
def solr() -> None:
    """SolrCloud search backend (VNARCHIVE_SEARCH=solr, VNARCHIVE_SOLR_URL, VNARCHIVE_SOLR_COLLECTION)."""


@solr.command()
@click.option("--shards", default=2, show_default=True, type=click.IntRange(1), help="Number of shards.")
@click.option("--replicas", default=2, show_default=True, type=click.IntRange(1), help="Copies per shard.")
@_errors
def init(shards: int, replicas: int) -> None:
    """Upload the configset and create the collection (an existing one keeps its documents).

    \b
    Example:
        VNARCHIVE_SOLR_URL=http://solr1:8983/solr,http://solr2:8983/solr vnarchive solr init
        VNARCHIVE_SEARCH=solr vnarchive reindex
    """
    settings = Settings()
    client = SolrClient(str(settings.solr_url))
    status = admin.init_collection(client, str(settings.solr_collection), shards=shards, replicas=replicas)
    click.echo(f"{settings.solr_collection} → {status.summary()}")


@solr.command()
@_errors
def status() -> None:
    """Show the collection's shards, replicas and live nodes.

    \b
    Example:
        vnarchive solr status
    """
    settings = Settings()
    status = admin.collection_status(SolrClient(str(settings.solr_url)), str(settings.solr_collection))
    click.echo(f"{settings.solr_collection} → {status.summary()}")
    for node in status.nodes:
        click.echo(f"  live node {node}")


COMMANDS: list = [solr]
