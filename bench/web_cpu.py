"""Web CPU benchmark: the server's own CPU time per request, by where the answer came from, in process.

    .venv/bin/python bench/web_cpu.py --home /tmp/webbench                 # results pages
    .venv/bin/python bench/web_cpu.py --home /tmp/webbench --path /api/search
    .venv/bin/python bench/web_cpu.py --home /tmp/webbench --profile page.prof

Replays the request mix of bench/web.py (the same 2,000 searches, Zipf popularity and next pages, the
same warm-up searches first) through the Flask app of a fresh process, one request at a time, on the
index bench/web.py builds in `--home` (built here the same way if it is not there). No sockets, threads
or other clients: each request's CPU time is the app's alone, so figures taken on a busy machine still
compare. Prints a Markdown table of CPU per request by answer source (index = searched, ranking = a
page of a cached ranking, cache = the whole result cached, from the `Server-Timing` header);
`--profile` writes a cProfile of the requests the index answered (read it with `python -m pstats`).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from web import SERVED, build_index, query_pool, request_stream


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, required=True,
                        help="data directory of bench/web.py's index (built there if missing)")
    parser.add_argument("--n", type=int, default=100_000, help="documents in the index (default 100000)")
    parser.add_argument("--path", default="/search", help="/search (default) or /api/search")
    parser.add_argument("--requests", type=int, default=3000, help="requests replayed (default 3000)")
    parser.add_argument("--clients", type=int, default=20, help="request streams interleaved (default 20)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the requests the index answered")
    args = parser.parse_args()
    args.home.mkdir(parents=True, exist_ok=True)
    build_index(args.home, args.n, args.seed)

    os.environ.update(VNARCHIVE_HOME=str(args.home), VNARCHIVE_ACCESS="public")
    from webui import create_app  # after the environment: the app reads its settings from it

    client = create_app().test_client()
    for _kind, search in query_pool(args.seed + 100, 20) * 3:  # bench/web.py's warm-up searches
        client.get(f"{args.path}?{urlencode(search)}")
    streams = [request_stream(query_pool(args.seed, 2000), args.seed * 1000 + n, 1.0, 0.15)
               for n in range(args.clients)]
    cpu: dict[str, list[float]] = defaultdict(list)
    profiled: pstats.Stats | None = None  # the requests the index answered
    for n in range(args.requests):
        _kind, search = next(streams[n % args.clients])
        url = f"{args.path}?{urlencode(search)}"
        profile = cProfile.Profile() if args.profile else None
        started = time.thread_time()
        if profile:
            profile.enable()
        response = client.get(url)
        if profile:
            profile.disable()
        took = (time.thread_time() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        found = SERVED.search(response.headers.get("Server-Timing", ""))
        source = found.group(1) if found else "unknown"
        cpu[source].append(took)
        if profile and source == "index":
            profiled = pstats.Stats(profile) if profiled is None else profiled.add(profile)
    if profiled is not None:
        profiled.dump_stats(args.profile)
    report(args, cpu)


def report(args: argparse.Namespace, cpu: dict[str, list[float]]) -> None:
    total = sum(sum(times) for times in cpu.values())
    count = sum(len(times) for times in cpu.values())
    print(f"\n### Web CPU: {args.path}, {count:,} requests replayed in process on {args.home} "
          f"(load average {os.getloadavg()[0]:.1f} at the end)\n")
    print("| answered from | requests | CPU ms / request | p50 ms | p95 ms | share of CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    for source in ("index", "ranking", "cache", "unknown"):
        times = sorted(cpu.get(source, []))
        if times:
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"| {source} | {len(times):,} | {statistics.fmean(times):.2f} "
                  f"| {statistics.median(times):.2f} | {p95:.2f} | {sum(times) / total:.0%} |")
    print(f"| all | {count:,} | {total / count:.2f} | | | |")


if __name__ == "__main__":
    main()
