"""Broken files through ingest: each ends as a stored document or a clear recorded error, the ingesting
process never crashes, and nothing already stored changes.

The ingest runs as `vnarchive ingest -r DIR --json` in a child process, so a crash (a signal, a traceback,
memory exhaustion) shows up as such instead of taking the test run down with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from broken_files import Plan, generate
from repo_paths import CORPUS, REPO, SHARED

from archive.blobs import sha256_bytes
from archive.settings import Settings
from service import Service

STATUSES = {"added", "linked", "unchanged", "failed"}


def _seeds() -> dict[str, list[Path]]:
    """Real originals to damage: the legacy office files beside the repository, and the demo corpus."""
    files = SHARED / "realcorpus" / "files"
    seeds = {ext: sorted(files.rglob(f"*.{ext}")) for ext in ("doc", "xls", "rtf", "pdf", "docx")}
    seeds["txt"] = sorted(CORPUS.glob("*.txt"))
    return seeds


def _snapshot(svc: Service, ids: list[str]) -> dict:
    """Everything about these documents: catalog rows, repairs, file links, the originals' bytes."""
    conn = svc.connection()
    marks = ", ".join("?" for _ in ids)
    docs = [tuple(r) for r in conn.execute(f"SELECT * FROM documents WHERE id IN ({marks}) ORDER BY id", ids)]
    repairs = [tuple(r) for r in conn.execute(
        f"SELECT * FROM repairs WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids)]
    shas = [svc.get(i, with_text=False).sha256 for i in ids]
    files = [tuple(r) for r in conn.execute(
        f"SELECT * FROM files WHERE sha256 IN ({marks}) ORDER BY sha256, path", shas)]
    blobs = {sha: svc.blobs.read(sha) for sha in shas}
    return {"documents": docs, "repairs": repairs, "files": files, "blobs": blobs}


def _ingest(home: Path, folder: Path, timeout: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "VNARCHIVE_HOME": str(home), "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-c", "from cli.main import cli; cli()", "ingest", "-r", str(folder), "--json"]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)


def _run(home: Path, tmp_path: Path, plan: Plan, timeout: int) -> tuple[list[Path], dict, Service]:
    svc = Service(Settings({"home": str(home)}))
    stored = [o.doc_id for o in svc.ingest(sorted(CORPUS.glob("*.txt")), collection="before").outcomes]
    before = _snapshot(svc, stored)
    assert len(before["documents"]) == 3
    files = generate(tmp_path / "broken", _seeds(), plan)
    assert len(files) == plan.total
    done = _ingest(home, tmp_path / "broken", timeout)
    assert done.returncode in (0, 1), done.stderr[-3000:]  # 1 = some files failed; never a signal or a crash
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    report = json.loads(done.stdout)
    # Nothing stored before has changed: rows, repairs, file links and every original's bytes.
    assert _snapshot(svc, stored) == before
    return files, report, svc


def _check_every_file_accounted_for(files: list[Path], report: dict, svc: Service) -> None:
    results = {Path(r["path"]).name: r for r in report["results"]}
    assert set(results) == {f.name for f in files}
    conn = svc.connection()
    linked = {Path(r[0]).name for r in conn.execute("SELECT path FROM files")}
    failures = {Path(r[0]).name: r[1] for r in conn.execute("SELECT path, reason FROM ingest_failures")}
    internal = []
    for file in files:
        outcome = results[file.name]
        assert outcome["status"] in STATUSES, outcome
        if outcome["status"] == "failed":
            # A clear one-line reason, recorded in the catalog, never an internal error.
            assert failures[file.name] == outcome["reason"]
            assert outcome["reason"] and "\n" not in outcome["reason"]
            if outcome["reason"].startswith("internal error"):
                internal.append((file.name, outcome["reason"]))
        else:
            assert file.name in linked, file.name
            assert svc.get(outcome["doc_id"], with_text=False).sha256 == sha256_bytes(file.read_bytes())
    assert internal == []


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_hundred_broken_files_without_office_or_big_text(home, tmp_path):
    """A smaller run of the quick kinds (no LibreOffice, no 50 MB text) to try a change out."""
    plan = Plan(office=0, rtf=15, pdf=4, docx=30, bombs=3, random=40, text=10, big_text=False)
    files, report, svc = _run(home, tmp_path, plan, timeout=550)
    _check_every_file_accounted_for(files, report, svc)
    assert report["files"] == plan.total >= 100


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_a_thousand_broken_files(home, tmp_path):
    """≥ 1,000 files: damaged .doc/.xls (LibreOffice, a small share: it is slow), .rtf, .pdf, .docx,
    zip bombs, one 50 MB single-line text, random bytes and empty files of every type."""
    plan = Plan()
    assert plan.total >= 1000
    files, report, svc = _run(home, tmp_path, plan, timeout=2300)
    _check_every_file_accounted_for(files, report, svc)
    big = next(r for r in report["results"] if r["path"].endswith("big-one-line.txt"))
    assert big["status"] == "added"
    assert len(svc.get(big["doc_id"]).text) > 30_000_000
