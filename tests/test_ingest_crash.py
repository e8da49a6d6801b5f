"""Crash safety: ingest killed with SIGKILL at random points, 20 times, then finished and checked."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from archive.settings import Settings
from service import Service

KILLS = 20
FILES = 200


def make_tree(root: Path) -> Path:
    tree = root / "tree"
    (tree / "dup").mkdir(parents=True)
    for i in range(FILES):
        text = f"Công văn số {i}/UBND-VX\nHà Nội, ngày {i % 28 + 1} tháng {i % 12 + 1} năm {1995 + i % 15}\n"
        (tree / f"cv-{i:03}.txt").write_text(text * 40, encoding="utf-8")
    for i in range(0, FILES, 10):  # duplicates: same content under a second name
        (tree / "dup" / f"copy-{i:03}.txt").write_bytes((tree / f"cv-{i:03}.txt").read_bytes())
    return tree


def ingest_process(tree: Path, home: Path, *, capture: bool = False) -> subprocess.Popen:
    env = {**os.environ, "VNARCHIVE_HOME": str(home)}
    code = "import sys; from cli.main import cli; sys.exit(cli())"
    stderr = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-c", code, "ingest", "-r", str(tree), "--json"], env=env,
                            stdout=subprocess.DEVNULL, stderr=stderr)


def documents(home: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{home / 'catalog.sqlite'}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created (or not migrated) yet
        return 0


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_ingest_survives_sigkill_at_random_points(home: Path, tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    rng = random.Random(6)
    # Each run is killed once it has added at least one document and the catalog holds a random number of
    # them, plus a random moment more, so the kills land during conversion, blob writes, catalog commits
    # and index commits (requiring progress keeps a fast machine from killing every run in start-up; the
    # targets stop short of the end so most kills land before the ingest is done).
    targets = sorted(rng.sample(range(FILES * 3 // 4), KILLS))
    states = []
    for target in targets:
        goal = max(target, documents(home) + 1)
        proc = ingest_process(tree, home)
        while proc.poll() is None and documents(home) < goal:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        states.append(documents(home))
    final = ingest_process(tree, home, capture=True)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    interrupted = {n for n in states if n < FILES}
    assert len(interrupted) >= 10, states  # at least ten kills cut an ingest short, each at a different point

    svc = Service(Settings())
    conn = sqlite3.connect(home / "catalog.sqlite")
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == FILES  # nothing lost or doubled
    assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == FILES + FILES // 10
    assert conn.execute("SELECT COUNT(*) FROM ingest_failures").fetchone()[0] == 0
    for path in sorted(tree.rglob("*.txt"))[:FILES:7]:
        doc_id = conn.execute("SELECT sha256 FROM files WHERE path = ?",
                              (f"tree/{path.relative_to(tree).as_posix()}",)).fetchone()[0][:12]
        assert svc.original(doc_id) == path.read_bytes()
    report = svc.check()
    # Only a temp file of a blob write cut short may remain; everything else must already agree.
    assert {p.kind for p in report.problems} <= {"temp-file"}, report.to_dict()
    assert report.indexed == FILES
    svc.check(repair=True)
    assert svc.check().ok
