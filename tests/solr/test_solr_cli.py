"""`vnarchive solr init/status` and a rebuild into a new collection behind the alias, on the real cluster."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from archive.document import Document
from cli.main import cli
from index import rebuild
from index.backend import SearchRequest
from index.solr import admin
from index.solr.backend import SolrBackend
from index.solr.client import SolrClient

pytestmark = pytest.mark.slow


def _env(cluster, collection: str) -> dict[str, str]:
    return {"VNARCHIVE_SEARCH": "solr", "VNARCHIVE_SOLR_URL": cluster.url,
            "VNARCHIVE_SOLR_COLLECTION": collection}


def test_solr_init_creates_two_shards_of_two_replicas_and_is_repeatable(solr_cluster, home):
    runner = CliRunner()
    result = runner.invoke(cli, ["solr", "init"], env=_env(solr_cluster, "cli_init"))
    assert result.exit_code == 0, result.output
    expected = r"cli_init → collection cli_init_\d{17}: 2 shards, 4 replicas \(4 active\) on 2 nodes\n"
    assert re.fullmatch(expected, result.output)
    client = SolrClient(solr_cluster.url)
    kept = Document(id="k1", sha256="", filename="k.txt", text="giữ lại")
    SolrBackend(solr_cluster.url, "cli_init").add([kept])
    # A second init reloads the configset and keeps the documents.
    again = runner.invoke(cli, ["solr", "init"], env=_env(solr_cluster, "cli_init"))
    assert again.exit_code == 0, again.output
    assert again.output == result.output
    assert SolrBackend(solr_cluster.url, "cli_init").ids() == {"k1"}
    status = runner.invoke(cli, ["solr", "status"], env=_env(solr_cluster, "cli_init"))
    assert status.output.splitlines()[0] == result.output.strip()
    assert sorted(status.output.splitlines()[1:]) == sorted(
        f"  live node {n}" for n in admin.collection_status(client, "cli_init").nodes)


def test_unreachable_solr_is_one_clear_line(home):
    result = CliRunner().invoke(cli, ["solr", "status"], env={"VNARCHIVE_SOLR_URL": "http://127.0.0.1:9/solr"})
    assert result.exit_code == 1
    assert result.output == "Error: Solr is not reachable at http://127.0.0.1:9/solr (Connection refused)\n"


def test_rebuild_fills_a_new_collection_and_moves_the_alias(solr_cluster):
    client = SolrClient(solr_cluster.url)
    admin.init_collection(client, "rebuilt")
    live = SolrBackend(solr_cluster.url, "rebuilt")
    live.add([Document(id="old", sha256="", filename="o.txt", text="bản cũ")])
    before = admin.resolve(client, "rebuilt")

    docs = [Document(id=f"n{i}", sha256="", filename=f"n{i}.txt", text=f"bản mới {i}") for i in range(1200)]
    seen_during: list[int] = []

    def progress(done: int) -> None:
        # Until the swap, searches still see the old collection.
        seen_during.append(live.search(SearchRequest(q="")).total)

    assert rebuild(lambda: SolrBackend(solr_cluster.url, "rebuilt"), iter(docs), progress) == 1200
    assert set(seen_during) == {1}
    after = admin.resolve(client, "rebuilt")
    assert after != before and not admin.collection_exists(client, before)
    assert live.search(SearchRequest(q="ban moi")).total == 1200
    assert "old" not in live.ids()
    assert admin.collection_status(client, "rebuilt").replicas == 4
