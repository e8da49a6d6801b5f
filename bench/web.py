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
Prints the mix of requests made and a Markdown table: requests, distinct URLs, errors, throughput, the
server's CPU time per request (its own and its workers': fairer than latency on a shared machine), the
clients' own CPU time per request, how many answers came from the index, from a cached ranking or from
the result cache (the server's `Server-Timing` header), and p50 / p95 / p99 latency per target; the
target is p95 ≤ 250 ms with 0 errors. Failed requests are counted by status or exception, and the
server's output is shown when there were any.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psutil
from search_corpus import Generator

from index import rebuild
from index.analysis import fold
from index.whoosh_backend import WhooshBackend

HOST = "127.0.0.1"  # never anything but this machine
TARGET_P95_MS = 250.0
SERVED = re.compile(r'search;[^,]*desc="(\w+)"')  # the server's Server-Timing: where a result came from
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


KINDS = ("word", "unaccented word", "2-syllable phrase", "3-syllable phrase", "two words", "word + type",
         "word + year", "word by date")


def query_pool(seed: int, size: int) -> list[tuple[str, dict[str, str]]]:
    """`size` distinct searches drawn from generated text, each with its kind (one of `KINDS`)."""
    gen = Generator(seed + 1)
    rng = random.Random(seed)
    pool: list[tuple[str, dict[str, str]]] = []
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
            limits = (0.30, 0.45, 0.60, 0.65, 0.80, 0.88, 0.94)
            pool.append((KINDS[sum(kind >= limit for limit in limits)], search))
    return pool


def request_stream(pool: list[tuple[str, dict[str, str]]], seed: int, zipf_s: float, paging: float):
    """Searches as readers make them, as (kind, search): popular ones often (Zipf over the pool), and now
    and then the next page of a search this reader just made (kind "next page")."""
    rng = random.Random(seed)
    weights = [1 / (rank ** zipf_s) for rank in range(1, len(pool) + 1)]
    last: dict[str, str] | None = None
    while True:
        if last is not None and rng.random() < paging:
            last = {**last, "page": str(int(last.get("page", "1")) + 1)}
            yield "next page", last
        else:
            kind, last = rng.choices(pool, weights)[0]
            yield kind, last


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(home: Path, port: int, threads: int, workers: int, log) -> subprocess.Popen:
    """`vnarchive serve` on `port`, its output to the file `log`; returns once it accepts connections."""
    env = {**os.environ, "VNARCHIVE_HOME": str(home), "VNARCHIVE_ACCESS": "public"}
    command = [VNARCHIVE, "serve", "--host", HOST, "--port", str(port), "--threads", str(threads)]
    if workers > 1:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
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


@dataclass
class Load:
    """What one run of the clients saw."""

    latencies: list[float] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)  # requests by kind of search
    served: Counter = field(default_factory=Counter)  # answered from: index, ranking, cache (Server-Timing)
    errors: Counter = field(default_factory=Counter)  # failed requests by status or exception
    seconds: float = 0.0
    client_cpu: float = 0.0  # CPU seconds the clients (this process) used


def run_load(port: int, path: str, streams: list, seconds: float, max_requests: int) -> Load:
    """A thread per stream, each with its own keep-alive connection, until `seconds` or `max_requests`."""
    load = Load()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(stream) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                if len(load.latencies) + load.errors.total() >= max_requests:
                    break
            kind, search = next(stream)
            url = f"{path}?{urlencode(search)}"
            started = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                error = None if response.status == 200 else f"HTTP {response.status}"
                served = SERVED.search(response.getheader("Server-Timing") or "")
            except (OSError, http.client.HTTPException) as e:
                error = type(e).__name__
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                load.urls.append(url)
                load.kinds[kind] += 1
                if error:
                    load.errors[error] += 1
                else:
                    load.latencies.append(elapsed)
                    load.served[served.group(1) if served else "unknown"] += 1
        conn.close()

    started, cpu_before = time.monotonic(), time.process_time()
    workers = [threading.Thread(target=client, args=(stream,)) for stream in streams]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    load.seconds, load.client_cpu = time.monotonic() - started, time.process_time() - cpu_before
    return load


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
    load_average = os.getloadavg()[0]
    pool = query_pool(args.seed, args.distinct)
    warm_pool = query_pool(args.seed + 100, 20)  # other searches: warms columns, not the result cache
    rows = []
    try:
        build_seconds = build_index(home, args.n, args.seed)
        for name, path in (("results page /search", "/search"), ("API /api/search", "/api/search")):
            port = free_port()  # a fresh server per target: each starts with an empty result cache
            with tempfile.TemporaryFile("w+") as log:
                server = start_server(home, port, args.threads, args.workers, log)
                try:
                    # As many connections as clients, so every server thread opens its searcher first.
                    warm = [itertools.cycle(warm_pool[n:] + warm_pool[:n]) for n in range(args.clients)]
                    warmed = run_load(port, path, warm, 60.0, 3 * args.clients)
                    streams = [request_stream(pool, args.seed * 1000 + n, args.zipf, args.paging)
                               for n in range(args.clients)]
                    cpu_before = server_cpu_seconds(server.pid)
                    load = run_load(port, path, streams, args.seconds, args.max_requests)
                    rows.append((name, load, server_cpu_seconds(server.pid) - cpu_before))
                finally:
                    server.terminate()
                    server.wait(timeout=15)
                if warmed.errors or load.errors:
                    log.seek(0)
                    print(f"{name}: errors while warming {dict(warmed.errors)}, timed {dict(load.errors)}; "
                          f"server output:\n{log.read()[-3000:]}", file=sys.stderr)
    finally:
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)
    report(args, rows, build_seconds, (load_average, os.getloadavg()[0]))


def report(args: argparse.Namespace, rows: list, build_seconds: float, load: tuple[float, float]) -> None:
    """The Markdown table, with the query mix, the cache's share of answers and what the clients cost."""
    built = f", index built in {build_seconds:.0f} s" if build_seconds else ""
    print(f"\n### Web benchmark: {args.n:,} documents{built}; {args.clients} concurrent clients, "
          f"{args.seconds:.0f} s per target, {args.workers} server process(es) × {args.threads} waitress "
          f"threads, {os.cpu_count()} CPUs (clients and server share them), "
          f"load average {load[0]:.1f} at the start, {load[1]:.1f} at the end\n")
    kinds = sum((load.kinds for _name, load, _cpu in rows), Counter())
    mix = ", ".join(f"{kind} {count / kinds.total():.0%}" for kind, count in kinds.most_common())
    print(f"Searches: {args.distinct:,} distinct, drawn Zipf-like (s = {args.zipf}) so popular ones repeat, "
          f"and {args.paging:.0%} of requests the next page of the reader's previous search. "
          f"Requests made: {mix}.\n")
    print("Answered from (the server's Server-Timing): index = searched, ranking = a page of a cached "
          "ranking, cache = the whole result cached. Client CPU is the benchmark's own cost per request "
          "(its threads share the cores with the server).\n")
    print("| target | requests | distinct URLs | errors | req/s | server CPU ms/request "
          "| client CPU ms/request | index / ranking / cache | p50 ms | p95 ms | p99 ms | max ms "
          "| p95 ≤ 250 ms, 0 errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|")
    for name, load, cpu in rows:
        done = max(1, len(load.latencies))
        p50, p95, p99 = (percentile(load.latencies, q) for q in (50, 95, 99))
        errors = load.errors.total()
        ok = "yes" if p95 <= TARGET_P95_MS and errors == 0 else "no"
        slowest = max(load.latencies, default=float("nan"))
        served = " / ".join(f"{load.served[s] / done:.0%}" for s in ("index", "ranking", "cache"))
        print(f"| {name} | {len(load.latencies):,} | {len(set(load.urls)):,} | {errors} "
              f"| {len(load.latencies) / load.seconds:.1f} | {cpu * 1000 / done:.1f} "
              f"| {load.client_cpu * 1000 / done:.1f} | {served} "
              f"| {p50:.0f} | {p95:.0f} | {p99:.0f} | {slowest:.0f} | {ok} |")


if __name__ == "__main__":
    main()
