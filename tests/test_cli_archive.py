"""The archive commands end to end through click: exact output, JSON contracts, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli

QD = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH PHƯỚC\nSố: 991/QĐ-UBND\nĐồng Xoài, ngày 14 tháng 5 năm 2008\n"
      "QUYẾT ĐỊNH\nVề việc rừng\n")
BC = "Báo cáo hoạt động của hiệp hội các đô thị Việt Nam (2006-2010)\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "QD-991.txt").write_text(QD, encoding="utf-8")
    (folder / "bao-cao.txt").write_text(BC, encoding="utf-8")
    return folder


def run(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


def ingested(runner: CliRunner, tree: Path) -> dict[str, str]:
    report = json.loads(run(runner, "ingest", "-r", str(tree), "--json"))
    return {Path(r["path"]).name: r["doc_id"] for r in report["results"]}


def test_ingest_prints_a_summary_table(runner: CliRunner, home: Path, tree: Path) -> None:
    lines = run(runner, "ingest", "-r", str(tree), "--collection", "demo").splitlines()
    assert lines[:5] == ["status       files", "added            2", "linked           0",
                         "unchanged        0", "failed           0"]
    assert lines[5].startswith("2 files in ") and lines[5].endswith("; 2 documents indexed")
    again = run(runner, "ingest", "-r", str(tree)).splitlines()
    assert again[3] == "unchanged        2"


def test_ingest_json_and_exit_code_1_when_a_file_failed(runner: CliRunner, home: Path, tree: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(tree / "QD-991.txt"), str(tree / "nope.doc"), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["files"], report["added"], report["failed"]) == (2, 1, 1)
    assert report["results"][0] == {"path": str(tree / "nope.doc"), "status": "failed", "doc_id": None,
                                    "reason": "no such file or directory"}


def test_list_json_is_the_documents_contract(runner: CliRunner, home: Path, tree: Path) -> None:
    ids = ingested(runner, tree)
    data = json.loads(run(runner, "list", "--json"))
    assert data["total"] == 2
    assert [d["id"] for d in data["documents"]] == [ids["QD-991.txt"], ids["bao-cao.txt"]]  # newest first
    first = data["documents"][0]
    assert (first["title"], first["year"], first["doc_type"], first["filename"]) == (
        "QUYẾT ĐỊNH Về việc rừng", 2008, "quyết định", "QD-991.txt")
    assert "text" not in first
    filtered = json.loads(run(runner, "list", "--json", "--type", "báo cáo"))
    assert [d["id"] for d in filtered["documents"]] == [ids["bao-cao.txt"]]


def test_list_text_rows(runner: CliRunner, home: Path, tree: Path) -> None:
    ids = ingested(runner, tree)
    rows = run(runner, "list").splitlines()
    assert rows[0].startswith(f"{ids['QD-991.txt']}  2008  quyết định   QUYẾT ĐỊNH Về việc rừng ")
    assert rows[0].endswith("QD-991.txt")


def test_show_and_export(runner: CliRunner, home: Path, tree: Path, tmp_path: Path) -> None:
    doc_id = ingested(runner, tree)["QD-991.txt"]
    shown = run(runner, "show", doc_id)
    assert f"id:         {doc_id}\n" in shown
    assert "date:       2008-05-14\n" in shown and "file:       corpus/QD-991.txt\n" in shown
    record = json.loads(run(runner, "show", doc_id, "--json"))
    assert record["files"][0]["path"] == "corpus/QD-991.txt"
    assert run(runner, "export", doc_id) == QD
    out = tmp_path / "original.bin"
    run(runner, "export", doc_id, "--original", "-o", str(out))
    assert out.read_bytes() == (tree / "QD-991.txt").read_bytes()
    full = json.loads(run(runner, "export", doc_id, "--json"))
    assert (full["text"], full["sha256"][:12]) == (QD, doc_id)


def test_edit_then_reconvert_keeps_the_correction(runner: CliRunner, home: Path, tree: Path) -> None:
    doc_id = ingested(runner, tree)["bao-cao.txt"]
    edited = run(runner, "edit", doc_id, "--title", "Báo cáo Đại hội II", "--year", "2006",
                 "--tags", "đô thị, hiệp hội")
    assert edited == f"{doc_id}: updated tags, title, year\n"
    assert run(runner, "reconvert", doc_id).startswith("reconverted 1 documents in ")
    record = json.loads(run(runner, "show", doc_id, "--json"))
    assert (record["title"], record["year"]) == ("Báo cáo Đại hội II", 2006)
    assert record["tags"] == ["hiệp hội", "đô thị"]


def test_delete_check_and_stats(runner: CliRunner, home: Path, tree: Path) -> None:
    ids = ingested(runner, tree)
    assert run(runner, "delete", ids["bao-cao.txt"], "--yes") == f"deleted {ids['bao-cao.txt']}\n"
    assert run(runner, "check") == "1 documents, 1 originals, 1 indexed: ok\n"
    stats = json.loads(run(runner, "stats", "--json"))
    assert (stats["documents"], stats["by_type"]) == (1, [{"value": "quyết định", "count": 1}])
    text = run(runner, "stats")
    assert text.startswith("documents: 1  files: 1  bytes: ")
    assert "\nyear:\n  2008                              1\n" in text


@pytest.mark.parametrize(("args", "message"), [
    (["show", "000000000000"], "Error: no document with id '000000000000' (see `vnarchive list`)\n"),
    (["edit", "ID", "--year", "x"], "Error: no document with id 'ID' (see `vnarchive list`)\n"),
    (["reconvert"], "Error: give document ids, --all or --older-than VERSION\n"),
    (["export", "abc", "--original"], "Error: no document with id 'abc' (see `vnarchive list`)\n"),
])
def test_errors_are_one_line(runner: CliRunner, home: Path, args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.output) == (1, message)


def test_a_bad_edit_value_names_the_field(runner: CliRunner, home: Path, tree: Path) -> None:
    doc_id = ingested(runner, tree)["QD-991.txt"]
    result = runner.invoke(cli, ["edit", doc_id, "--year", "năm ngoái"])
    message = "Error: year should be a number like 2005, not 'năm ngoái'\n"
    assert (result.exit_code, result.output) == (1, message)


def test_check_exits_1_and_names_the_problem(runner: CliRunner, home: Path, tree: Path) -> None:
    ids = ingested(runner, tree)
    blob = next((home / "blobs").glob(f"{ids['QD-991.txt'][:2]}/*"))
    blob.chmod(0o644)
    blob.write_bytes(b"bit rot")
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"PROBLEM: corrupt-blob: blob {ids['QD-991.txt']}… does not match its checksum",
        "2 documents, 2 originals, 2 indexed: 1 problems"]
    assert runner.invoke(cli, ["check", "--repair"]).exit_code == 0


def test_every_command_has_an_example_in_its_help(runner: CliRunner) -> None:
    for name in ("ingest", "list", "show", "export", "edit", "delete", "reconvert", "check", "stats"):
        assert "Example:" in run(runner, name, "--help"), name


def test_stats_lists_the_failed_files(runner: CliRunner, home: Path, tree: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNARCHIVE_MAX_UPLOAD_MB", "1")
    (tree / "huge.txt").write_bytes(b"a" * (1024 * 1024 + 1))
    assert runner.invoke(cli, ["ingest", "-r", str(tree)]).exit_code == 1
    text = run(runner, "stats")
    assert text.endswith("\nfailed files (ingest them again once fixed):\n"
                         "  corpus/huge.txt: larger than the 1 MB limit (1,048,577 bytes)\n")
    data = json.loads(run(runner, "stats", "--json"))
    assert [f["path"] for f in data["failed_files"]] == ["corpus/huge.txt"]
