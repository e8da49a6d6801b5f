"""`vnarchive search` and `vnarchive reindex` through the real service, catalog and index."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli


@pytest.fixture
def archive(home, tmp_path):
    """Two Unicode text files ingested into a fresh home."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "bao_cao.txt").write_text("Báo cáo quy hoạch đô thị\n\nQuy hoạch đô thị mới & vùng ven.\n",
                                     encoding="utf-8")
    (src / "thue.txt").write_text("Quyết định về thuế đất\n\nBão lũ làm hư hại đất nông nghiệp.\n",
                                  encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "-r", str(src)])
    assert result.exit_code == 0, result.output
    return home


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_search_json_is_the_api_contract(archive):
    data = json.loads(run("search", "do", "thi", "--json"))
    assert data["total"] == 1
    assert data["suggestion"] == "đô thị"
    hit = data["results"][0]
    assert hit["filename"] == "bao_cao.txt"
    assert "<mark>đô</mark> <mark>thị</mark>" in hit["snippet"]
    assert "&amp;" in hit["snippet"]
    assert {"value": "txt", "count": 1} in data["facets"]["format"]


def test_search_text_output(archive):
    out = run("search", "bao", "cao", "--limit", "5")
    assert out.startswith('1 result for "bao cao"')
    assert "Did you mean: báo cáo" in out
    assert "bao_cao.txt" in out and "thue.txt" not in out


def test_search_exclusion_and_no_results(archive):
    assert run("search", "đất", "-bão").startswith('0 results for "đất -bão"')
    assert run("search", '"').startswith('2 results for """')  # nothing to search for: everything


def test_reindex_rebuilds_and_search_still_finds(archive):
    assert run("reindex").strip() == "indexed 2 documents"
    data = json.loads(run("search", "thuế", "--json"))
    assert [r["filename"] for r in data["results"]] == ["thue.txt"]


def test_bad_limit_is_a_one_line_usage_error(archive):
    result = CliRunner().invoke(cli, ["search", "x", "--limit", "0"])
    assert result.exit_code == 2
    assert "Invalid value for '--limit' / '-n': 0 is not in the range 1<=x<=100." in result.output
