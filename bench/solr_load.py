"""SolrCloud alone at scale: bulk-load N generated documents into a local 2-node cluster, time fixed queries.

    .venv/bin/python bench/solr_load.py --n 100000

`bench/search.py --backend solr` compares Solr with Whoosh and tantivy on the same documents; this one
skips the other engines, so a large N stays affordable. Prints a Markdown table: load rate (2 shards x
2 replicas, every document indexed twice), and per query the hit count and median / worst wall time of the
full API call (10 hits, snippets, facets, histogram, did-you-mean) after two warm-up runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from search_corpus import Generator
from search_solr import SolrBench

from index.backend import SearchRequest

QUERIES = ("đô thị", "do thi", '"quy hoạch đô thị"', "báo cáo -thuế", "year:2003..2007 đất",
           'type:"quyết định" xây dựng', "bao cao tong ket", "xyzzy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents to generate (default 100000)")
    parser.add_argument("--reps", type=int, default=10, help="timed runs of each query (default 10)")
    parser.add_argument("--heap", default="2g", help="Java heap of the cluster (default 2g)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vnsolr-bench-"))
    load = os.getloadavg()[0]
    solr = SolrBench(work, heap=args.heap)
    try:
        docs = list(Generator(7).documents(args.n))
        megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        seconds, cpu = solr.build(docs, lambda: time.process_time())
        rows = []
        for q in QUERIES:
            for _ in range(2):
                solr.backend.search(SearchRequest(q=q))
            times, result = [], None
            for _ in range(args.reps):
                t = time.perf_counter()
                result = solr.backend.search(SearchRequest(q=q))
                times.append((time.perf_counter() - t) * 1000)
            rows.append((q, result.total, result.suggestion, statistics.median(times), max(times)))
        size = solr.size_mb()
    finally:
        solr.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n### SolrCloud, {len(docs):,} documents ({megabytes:.0f} MB of text), 2 shards x 2 replicas, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at start\n")
    print(f"Load: {seconds:,.0f} s = {len(docs) / seconds:,.0f} docs/s "
          f"({len(docs) / cpu:,.0f} docs per CPU-second, Python + Java); index {size:,.0f} MB on disk "
          f"(all replicas).\n")
    print("| query | hits | did you mean | median ms | worst ms |")
    print("|---|---:|---|---:|---:|")
    for q, total, suggestion, median, worst in rows:
        print(f"| `{q}` | {total:,} | {suggestion or ''} | {median:.0f} | {worst:.0f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
