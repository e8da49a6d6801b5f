"""Web benchmark: the results page and /api/search under 20 concurrent clients, against a large index.

    .venv/bin/python bench/web.py                       # 100,000 generated documents, 30 s per target
    .venv/bin/python bench/web.py --n 20000 --seconds 10
    .venv/bin/python bench/web.py --home /tmp/webbench  # keep the built index there and reuse it next time

Builds a Whoosh index of documents from bench/search_corpus.py (realistic Vietnamese text, types,
sources, years), serves it with `vnarchive serve` (waitress) on 127.0.0.1 only, and runs keep-alive
HTTP clients until the time or the request cap is reached. The searches are realistic: 2,000 distinct
ones (words, unaccented words, phrases, two words, type and year filters, date order) whose popularity
follows a Zipf law, so popular searches repeat as they do in a search log, and 15 % of requests ask
the next page of the reader's previous search. Each target gets a fresh server (an empty result cache)
warmed with other searches on as many connections as clients (each server thread opens its searcher).
Prints a Markdown table: requests, distinct URLs, errors, throughput, the server's CPU time per request
(its own and its workers': fairer than latency on a shared machine), and p50 / p95 / p99 latency per
target; the target is p95 ≤ 250 ms with 0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
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

import psutil
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


def query_pool(seed: int, size: int) -> list[dict[str, str]]:
    """`size` distinct searches drawn from generated text: single words, unaccented words, two- and
    three-syllable phrases, two words, a word with a type or year filter, a word sorted by date."""
    gen = Generator(seed + 1)
    rng = random.Random(seed)
    pool: list[dict[str, str]] = []
    seen: set[tuple] = set()
    while len(pool) < size:
        words = gen.phrase(6, plain=True)
        kind = rng.random()
        if kind < 0.30:
            search = {"q": words[0]}
        elif kind < 0.45:
            search = {"q": fold(words[1])}
        elif kind < 0.60:
            search = {"q": f'"{words[2]} {words[3]}"'}
        elif kind < 0.65:
            search = {"q": f'"{words[1]} {words[2]} {words[3]}"'}
        elif kind < 0.80:
            search = {"q": f"{words[0]} {fold(words[4])}"}
        elif kind < 0.88:
            search = {"q": words[4], "type": rng.choice(["báo cáo", "công văn", "quyết định"])}
        elif kind < 0.94:
            search = {"q": words[5], "year": str(rng.randint(1995, 2015))}
        else:
            search = {"q": words[0], "sort": "newest"}
        key = tuple(sorted(search.items()))
        if key not in seen:
            seen.add(key)
            pool.append(search)
    return pool


def request_stream(pool: list[dict[str, str]], seed: int, zipf_s: float, paging: float):
    """Searches as readers make them: popular ones often (Zipf over the pool), and now and then the next
    page of a search this reader just made."""
    rng = random.Random(seed)
    weights = [1 / (rank ** zipf_s) for rank in range(1, len(pool) + 1)]
    last: dict[str, str] | None = None
    while True:
        if last is not None and rng.random() < paging:
            last = {**last, "page": str(int(last.get("page", "1")) + 1)}
        else:
            last = rng.choices(pool, weights)[0]
        yield last


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(home: Path, port: int, threads: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "VNARCHIVE_HOME": str(home), "VNARCHIVE_ACCESS": "public"}
    command = [VNARCHIVE, "serve", "--host", HOST, "--port", str(port), "--threads", str(threads)]
    if workers > 1:
        command += ["--workers", str(workers)]
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


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the server process and its worker processes."""
    processes = [psutil.Process(pid)]
    processes += processes[0].children()
    return sum(p.cpu_times().user + p.cpu_times().system for p in processes)


def run_load(port: int, path: str, streams: list, seconds: float,
             max_requests: int) -> tuple[list[float], int, float, list[str]]:
    """A thread per stream, each with its own keep-alive connection, until `seconds` or `max_requests`.
    Returns the latencies, the error count, the time taken and the URLs asked."""
    latencies: list[float] = []
    urls: list[str] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(stream) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                if len(latencies) + errors >= max_requests:
                    break
            url = f"{path}?{urlencode(next(stream))}"
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
                urls.append(url)
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1
        conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(stream,)) for stream in streams]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, errors, time.monotonic() - started, urls


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
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per process (default 8)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    parser.add_argument("--distinct", type=int, default=2000, help="distinct searches (default 2000)")
    parser.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent of popularity (default 1)")
    parser.add_argument("--paging", type=float, default=0.15,
                        help="share of requests that ask the next page (default 0.15)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--home", type=Path, help="data directory to build in and keep (default: a temp dir)")
    args = parser.parse_args()

    home = args.home or Path(tempfile.mkdtemp(prefix="vnweb-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    pool = query_pool(args.seed, args.distinct)
    warm_pool = query_pool(args.seed + 100, 20)  # other searches: warms columns, not the result cache
    rows = []
    try:
        build_seconds = build_index(home, args.n, args.seed)
        for name, path in (("results page /search", "/search"), ("API /api/search", "/api/search")):
            port = free_port()  # a fresh server per target: each starts with an empty result cache
            server = start_server(home, port, args.threads, args.workers)
            try:
                # As many connections as clients, so every server thread opens its searcher before timing.
                warm = [itertools.cycle(warm_pool[n:] + warm_pool[:n]) for n in range(args.clients)]
                run_load(port, path, warm, 60.0, 3 * args.clients)
                streams = [request_stream(pool, args.seed * 1000 + n, args.zipf, args.paging)
                           for n in range(args.clients)]
                cpu_before = server_cpu_seconds(server.pid)
                result = run_load(port, path, streams, args.seconds, args.max_requests)
                rows.append((name, *result, server_cpu_seconds(server.pid) - cpu_before))
            finally:
                server.terminate()
                server.wait(timeout=15)
    finally:
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)

    built = f", index built in {build_seconds:.0f} s" if build_seconds else ""
    print(f"\n### Web benchmark: {args.n:,} documents{built}; {args.clients} concurrent clients, "
          f"{args.seconds:.0f} s per target, {args.workers} server process(es) × {args.threads} waitress "
          f"threads, {os.cpu_count()} CPUs (clients and server share them), "
          f"load average {load:.1f} at the start\n")
    print(f"Searches: {args.distinct:,} distinct (words, unaccented words, phrases, filters, date order), "
          f"drawn Zipf-like (s = {args.zipf}) so popular ones repeat, and {args.paging:.0%} of requests "
          f"the next page of the reader's previous search.\n")
    print("| target | requests | distinct URLs | errors | req/s | server CPU ms/request | p50 ms | p95 ms "
          "| p99 ms | max ms "
          "| p95 ≤ 250 ms, 0 errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, latencies, errors, took, urls, cpu in rows:
        p50, p95, p99 = (percentile(latencies, q) for q in (50, 95, 99))
        ok = "yes" if p95 <= TARGET_P95_MS and errors == 0 else "no"
        slowest = max(latencies, default=float("nan"))
        print(f"| {name} | {len(latencies):,} | {len(set(urls)):,} | {errors} | {len(latencies) / took:.1f} "
              f"| {cpu * 1000 / max(1, len(latencies)):.1f} "
              f"| {p50:.0f} | {p95:.0f} | {p99:.0f} | {slowest:.0f} | {ok} |")


if __name__ == "__main__":
    main()
