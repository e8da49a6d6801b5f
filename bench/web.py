"""Web benchmark: the results page and /api/search under 20 concurrent clients, against a large index.

    .venv/bin/python bench/web.py                       # 100,000 generated documents, 30 s per target
    .venv/bin/python bench/web.py --n 20000 --seconds 10
    .venv/bin/python bench/web.py --home /tmp/webbench  # keep the built index there and reuse it next time

Builds a Whoosh index of documents from bench/search_corpus.py (realistic Vietnamese text, types,
sources, years), serves it with `vnarchive serve` (waitress) on 127.0.0.1 only, and runs keep-alive
HTTP clients, each looping over a mix of queries (single words, two-syllable phrases, unaccented words,
a facet filter, page 2) until the time is up. Prints a Markdown table: requests, errors, throughput,
p50 / p95 / p99 latency per target; the target is p95 ≤ 250 ms with 0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from search_corpus import Generator

from index import rebuild
from index.analysis import fold
from index.whoosh_backend import WhooshBackend

HOST = "127.0.0.1"  # never anything but this machine
TARGET_P95_MS = 250.0
VNARCHIVE = str(Path(sys.executable).parent / "vnarchive")


def build_index(home: Path, n: int, seed: int) -> float:
    """Generate `n` documents and index them under `home/index` (skipped if a built index is there)."""
    index_dir = home / "index"
    marker = home / f"bench-{n}-{seed}.built"
    if marker.exists():
        print(f"reusing the index in {index_dir}", file=sys.stderr)
        return 0.0
    shutil.rmtree(index_dir, ignore_errors=True)
    started = time.perf_counter()
    docs = Generator(seed).documents(n)

    def progress(done: int) -> None:
        print(f"\r  indexing {done}/{n}", end="", file=sys.stderr, flush=True)

    rebuild(lambda: WhooshBackend(index_dir), docs, progress)
    print(file=sys.stderr)
    marker.touch()
    return time.perf_counter() - started


def query_mix(seed: int, count: int = 200) -> list[dict[str, str]]:
    """Query strings drawn from generated titles: words, phrases, unaccented forms, a filter, page 2."""
    gen = Generator(seed + 1)
    rng = random.Random(seed)
    mix: list[dict[str, str]] = []
    while len(mix) < count:
        words = gen.phrase(6, plain=True)
        kind = len(mix) % 5
        if kind == 0:
            mix.append({"q": words[0]})
        elif kind == 1:
            mix.append({"q": f'"{words[1]} {words[2]}"'})
        elif kind == 2:
            mix.append({"q": fold(words[3])})
        elif kind == 3:
            mix.append({"q": words[0], "type": rng.choice(["báo cáo", "công văn", "quyết định"])})
        else:
            mix.append({"q": words[4], "page": "2"})
    return mix


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(home: Path, port: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, "VNARCHIVE_HOME": str(home), "VNARCHIVE_ACCESS": "public"}
    command = [VNARCHIVE, "serve", "--host", HOST, "--port", str(port), "--threads", str(threads)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("vnarchive serve exited before answering") from None
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("vnarchive serve did not answer within 60 s")


def run_load(port: int, path: str, mix: list[dict[str, str]], clients: int, seconds: float,
             max_requests: int) -> tuple[list[float], int, float]:
    """`clients` threads, each with its own keep-alive connection, until `seconds` or `max_requests`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        i = number * 7
        while time.monotonic() < stop_at:
            with lock:
                if len(latencies) + errors >= max_requests:
                    break
            url = f"{path}?{urlencode(mix[i % len(mix)])}"
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1
        conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, errors, time.monotonic() - started


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents in the index (default 100000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--seconds", type=float, default=30.0, help="duration per target (default 30)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap per target (default 20000)")
    parser.add_argument("--threads", type=int, default=8, help="server worker threads (default 8)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--home", type=Path, help="data directory to build in and keep (default: a temp dir)")
    args = parser.parse_args()

    home = args.home or Path(tempfile.mkdtemp(prefix="vnweb-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    try:
        build_seconds = build_index(home, args.n, args.seed)
        mix = query_mix(args.seed)
        port = free_port()
        server = start_server(home, port, args.threads)
        rows = []
        try:
            for name, path in (("results page /search", "/search"), ("API /api/search", "/api/search")):
                run_load(port, path, mix, 2, 2.0, 50)  # warm the searcher and the page cache
                latencies, errors, took = run_load(port, path, mix, args.clients, args.seconds,
                                                   args.max_requests)
                rows.append((name, latencies, errors, took))
        finally:
            server.terminate()
            server.wait(timeout=15)
    finally:
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)

    built = f", index built in {build_seconds:.0f} s" if build_seconds else ""
    print(f"\n### Web benchmark: {args.n:,} documents{built}; {args.clients} concurrent clients, "
          f"{args.seconds:.0f} s per target, waitress threads={args.threads}, {os.cpu_count()} CPUs "
          f"(clients and server share them)\n")
    print("| target | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms "
          "| p95 ≤ 250 ms, 0 errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, latencies, errors, took in rows:
        p50, p95, p99 = (percentile(latencies, q) for q in (50, 95, 99))
        ok = "yes" if p95 <= TARGET_P95_MS and errors == 0 else "no"
        slowest = max(latencies, default=float("nan"))
        print(f"| {name} | {len(latencies):,} | {errors} | {len(latencies) / took:.1f} | {p50:.0f} "
              f"| {p95:.0f} | {p99:.0f} | {slowest:.0f} | {ok} |")


if __name__ == "__main__":
    main()
