"""A real SolrCloud for the Solr tests: ZooKeeper + 2 Solr nodes on 127.0.0.1, started once per session.

The launcher (`solr/launcher`, Solr's MiniSolrCloudCluster) is built with Maven on first use and stopped
by its PID at the end of the session. Nothing here is faked: if the cluster cannot start, the tests fail
with the launcher's log.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.solr import admin
from index.solr.backend import SolrBackend
from index.solr.client import SolrClient
from index.solr.local_cluster import LocalCluster

COLLECTION = "vnarchive_test"


@pytest.fixture(scope="session")
def solr_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    cluster = LocalCluster(Path(tmp_path_factory.mktemp("solrcloud")), nodes=2)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def solr_collection(solr_cluster: LocalCluster) -> str:
    """The shared test collection, 2 shards x 2 replicas, created once."""
    admin.init_collection(SolrClient(solr_cluster.url), COLLECTION)
    return COLLECTION


@pytest.fixture
def solr_backend(solr_cluster: LocalCluster, solr_collection: str) -> SolrBackend:
    """The shared collection, emptied for this test."""
    backend = SolrBackend(solr_cluster.url, solr_collection)
    backend.clear()
    return backend
