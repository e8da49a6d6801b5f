"""`vnarchive reindex --to solr`: the catalog bulk-loaded into SolrCloud, then searched through the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli

pytestmark = pytest.mark.slow

TEXTS = {
    "bao-cao.txt": "Báo cáo tổng kết quy hoạch đô thị năm 2003.",
    "quyet-dinh.txt": "Quyết định về thuế đất nông nghiệp.",
    "ke-hoach.txt": "Kế hoạch phát triển đô thị bền vững.",
}


def test_reindex_to_solr_loads_the_catalog_and_search_uses_it(solr_cluster, home, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in TEXTS.items():
        (src / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    solr_env = {"VNARCHIVE_SOLR_URL": solr_cluster.url, "VNARCHIVE_SOLR_COLLECTION": "reindexed"}
    ingested = runner.invoke(cli, ["ingest", "-r", str(src)])  # into the default (Whoosh) index
    assert ingested.exit_code == 0, ingested.output

    missing = runner.invoke(cli, ["reindex", "--to", "solr"], env=solr_env)
    assert missing.exit_code == 1
    assert missing.output == "Error: collection 'reindexed' does not exist (run `vnarchive solr init`)\n"

    assert runner.invoke(cli, ["solr", "init"], env=solr_env).exit_code == 0
    loaded = runner.invoke(cli, ["reindex", "--to", "solr"], env=solr_env)
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output == "indexed 3 documents\n"

    found = runner.invoke(cli, ["search", "do thi", "--json"], env={**solr_env, "VNARCHIVE_SEARCH": "solr"})
    assert found.exit_code == 0, found.output
    data = json.loads(found.output)
    assert data["total"] == 2
    assert {r["filename"] for r in data["results"]} == {"bao-cao.txt", "ke-hoach.txt"}
    assert data["suggestion"] == "đô thị"
