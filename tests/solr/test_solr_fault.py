"""Fault tolerance on a real cluster: one of the two Solr nodes stops in the middle of a query load.

With 2 shards x 2 replicas on 2 nodes each node holds a replica of every shard, so searches keep answering
with complete results while a node is down, writes go to the surviving replicas (now leaders), and the
node that comes back recovers what it missed and takes new writes again.
"""

from __future__ import annotations

import threading
import time

import pytest

from archive.document import Document
from index.backend import SearchRequest
from index.solr import admin
from index.solr.backend import SolrBackend
from index.solr.client import SolrClient

pytestmark = pytest.mark.slow

COLLECTION = "vnarchive_fault"
LOAD_SECONDS = 6.0  # total length of the query load; the node stops a third of the way in
MAX_QUERIES = 2000  # bound on the load, whatever the speed


def _docs(prefix: str, n: int) -> list[Document]:
    return [Document(id=f"{prefix}{i:04d}", sha256="", filename=f"{prefix}{i}.txt", title=f"Báo cáo số {i}",
                     text=f"Quy hoạch đô thị năm {1990 + i % 30}, văn bản {prefix} {i}.", year=1990 + i % 30)
            for i in range(n)]


def _replica_counts(client: SolrClient, collection: str) -> dict[str, int]:
    """Documents in each replica core, asked of that core alone (`distrib=false`)."""
    physical = admin.resolve(client, collection)
    state = client.get("admin/collections", {"action": "CLUSTERSTATUS", "collection": physical})
    shards = state["cluster"]["collections"][physical]["shards"]
    out = {}
    for shard_name, shard in shards.items():
        for replica in shard["replicas"].values():
            core = SolrClient(replica["base_url"])
            data = core.get(f"{replica['core']}/select", {"q": "*:*", "rows": 0, "distrib": "false"})
            out[f"{shard_name}/{replica['core']}"] = data["response"]["numFound"]
    return out


def test_searches_survive_a_node_stop_and_indexing_resumes_when_it_returns(solr_cluster):
    client = SolrClient(solr_cluster.url)
    status = admin.init_collection(client, COLLECTION)
    assert (status.shards, status.replicas, status.active) == (2, 4, 4)
    backend = SolrBackend(solr_cluster.url, COLLECTION)
    backend.clear()
    backend.add(_docs("a", 300))
    # Every node hosts one replica of each shard, so either node alone can answer for all documents.
    physical = admin.resolve(client, COLLECTION)
    state = client.get("admin/collections", {"action": "CLUSTERSTATUS", "collection": physical})
    shards = state["cluster"]["collections"][physical]["shards"].values()
    for shard in shards:
        assert len({r["node_name"] for r in shard["replicas"].values()}) == 2

    answers: list[int] = []
    failures: list[str] = []
    stop = threading.Event()

    def load(urls: list[str]) -> None:
        searcher = SolrBackend(urls, COLLECTION)
        while not stop.is_set() and len(answers) + len(failures) < MAX_QUERIES:
            try:
                answers.append(searcher.search(SearchRequest(q="do thi", per_page=5)).total)
            except Exception as exc:  # every failure is a test failure, reported below
                failures.append(f"{type(exc).__name__}: {exc}")

    # One client talks to the node that will stop first (and must move to the other), one to the survivor.
    orders = [solr_cluster.nodes[::-1], solr_cluster.nodes]
    threads = [threading.Thread(target=load, args=(urls,)) for urls in orders]
    for t in threads:
        t.start()
    time.sleep(LOAD_SECONDS / 3)
    before = len(answers)
    solr_cluster.stop_node(1)
    time.sleep(LOAD_SECONDS * 2 / 3)
    during = len(answers) - before
    stop.set()
    for t in threads:
        t.join(timeout=60)

    assert failures == []
    assert during > 10, "the load kept running while the node was down"
    assert set(answers) == {300}, "every search saw every document"

    try:
        # Writes while the node is down go to the replicas that are left.
        backend.add(_docs("b", 50))
        assert backend.search(SearchRequest(q="")).total == 350
    finally:
        solr_cluster.start_node(1)
    admin.wait_until_active(client, COLLECTION, timeout=120)
    backend.add(_docs("c", 50))
    counts = _replica_counts(client, COLLECTION)
    assert len(counts) == 4
    # Both replicas of each shard hold the same documents, including those written while one was away.
    by_shard: dict[str, set[int]] = {}
    for name, n in counts.items():
        by_shard.setdefault(name.split("/")[0], set()).add(n)
    assert all(len(v) == 1 for v in by_shard.values()), counts
    assert sum(next(iter(v)) for v in by_shard.values()) == 400
    assert backend.count() == 400
