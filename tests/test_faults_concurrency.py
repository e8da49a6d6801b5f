"""Searching while the archive grows: 20 threads search through the web app while `vnarchive ingest` adds
500 documents in another process. Not one search may fail, and every document is findable at the end."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from repo_paths import REPO
from web_session import make_app, new_client, service_of

SEARCHERS = 20
DOCUMENTS = 500
WORDS = ("báo cáo", "quyết định", "kế hoạch", "công văn", "tờ trình", "biên bản", "thông báo", "nghị quyết")
PLACES = ("Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Nha Trang", "Vinh", "Quy Nhơn")


def _write_documents(folder: Path) -> None:
    rng = random.Random(20)
    folder.mkdir()
    for i in range(DOCUMENTS):
        kind, place = WORDS[i % len(WORDS)], PLACES[(i // len(WORDS)) % len(PLACES)]
        body = " ".join(rng.choice(WORDS + PLACES) for _ in range(60))
        text = f"{kind.capitalize()} số {i:04d} năm {1990 + i % 30} của Ủy ban nhân dân {place}\n{body}\n"
        (folder / f"vb-{i:04d}.txt").write_text(text, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_twenty_searching_threads_during_an_ingest_of_500_documents(home, tmp_path):
    app = make_app(home, "public")
    seed = tmp_path / "seed.txt"
    seed.write_text("Báo cáo tổng kết năm 1998 của Hội khuyến học Hà Nội\n", encoding="utf-8")
    service_of(app).ingest([seed])
    _write_documents(tmp_path / "incoming")
    env = {**os.environ, "VNARCHIVE_HOME": str(home)}
    command = [sys.executable, "-c", "from cli.main import cli; cli()", "ingest", "-r",
               str(tmp_path / "incoming"), "--json"]
    ingest = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    failures: list[str] = []
    searches = [0] * SEARCHERS
    totals: list[int] = []

    def search(n: int) -> None:
        client = new_client(app)
        rng = random.Random(n)
        while ingest.poll() is None:
            q = rng.choice(WORDS + PLACES)
            try:
                response = client.get("/api/search", query_string={"q": q, "page": rng.randint(1, 3)})
                if response.status_code != 200:
                    body = response.get_data(as_text=True)[:200]
                    failures.append(f"{q}: HTTP {response.status_code} {body}")
                else:
                    totals.append(response.get_json()["total"])
            except Exception as exc:  # any exception is a failed search, counted and shown
                failures.append(f"{q}: {type(exc).__name__}: {exc}")
            searches[n] += 1

    threads = [threading.Thread(target=search, args=(n,)) for n in range(SEARCHERS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    stdout, stderr = ingest.communicate(timeout=800)
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - started
    assert ingest.returncode == 0, stderr[-2000:]
    assert failures == []
    assert sum(searches) >= SEARCHERS, (searches, elapsed)
    assert max(totals) > min(totals)  # the searches really ran while documents were arriving
    # At the end every new document is found by its own number.
    client = new_client(app)
    assert client.get("/api/search?q=Ủy+ban").get_json()["total"] == DOCUMENTS
    found = client.get('/api/search?q="số 0437"').get_json()["results"]
    assert [h["filename"] for h in found] == ["vb-0437.txt"]
