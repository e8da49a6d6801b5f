"""The SolrCloud side of `bench/search.py --backend solr`: a local 2-node cluster, bulk load, timed queries.

The cluster is the same launcher the tests use (`index.solr.local_cluster`), started with the full JIT and
a 2 GB heap; the collection has 2 shards x 2 replicas, so every document is indexed twice, as in a real
deployment. Build time covers `rebuild()` (a new collection, batches of 500, one hard commit, alias swap);
CPU time adds the Java process's to ours.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import psutil

from index import rebuild
from index.backend import SearchRequest
from index.solr.backend import SolrBackend
from index.solr.local_cluster import LocalCluster

COLLECTION = "bench"


class SolrBench:
    """One cluster for one benchmark run; `stop()` ends it."""

    def __init__(self, workdir: Path, heap: str = "2g") -> None:
        self.cluster = LocalCluster(workdir, nodes=2, heap=heap, quick_start=False).start()
        self.backend = self.cluster.open_backend(COLLECTION)
        assert self.cluster.proc is not None
        self.java = psutil.Process(self.cluster.proc.pid)

    def java_cpu(self) -> float:
        times = self.java.cpu_times()
        return times.user + times.system

    def build(self, docs, cpu_seconds) -> tuple[float, float]:
        """(wall seconds, CPU seconds of Python + Java) to load `docs` into a fresh collection."""
        started, cpu, java = time.perf_counter(), cpu_seconds(), self.java_cpu()

        def progress(done: int) -> None:
            rate = done / (time.perf_counter() - started)
            print(f"\r  solr: {done}/{len(docs)} ({rate:.0f} docs/s)", end="", file=sys.stderr, flush=True)

        rebuild(lambda: SolrBackend(self.cluster.url, COLLECTION), docs, progress)
        print(file=sys.stderr)
        return time.perf_counter() - started, cpu_seconds() - cpu + self.java_cpu() - java

    def size_mb(self) -> float:
        """Index bytes on disk of all four replicas."""
        root = self.cluster.workdir / "cluster"
        return sum(f.stat().st_size for f in root.rglob("index*/*") if f.is_file()) / 1e6

    def time(self, kind: str, q: str, reps: int) -> tuple[list[float], int]:
        """Milliseconds per full API call, as Whoosh is asked: 10 hits, snippets, facets when faceted."""
        samples, total = [], 0
        for _ in range(reps):
            t = time.perf_counter()
            result = self.backend.search(SearchRequest(q=q, per_page=10, facets=kind == "faceted query"))
            samples.append((time.perf_counter() - t) * 1000)
            total = result.total
        return samples, total

    def stop(self) -> None:
        self.cluster.stop()
