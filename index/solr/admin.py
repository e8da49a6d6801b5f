"""Cluster administration: upload the configset from `solr/configset/` and create the collection.

`vnarchive solr init` calls `init_collection`: the configset is zipped and sent through the Configsets
API (no ZooKeeper client needed), then the collection is created with 2 shards x 2 replicas and we wait
until every replica is active.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from index.solr.client import SolrClient, SolrError

CONFIGSET_DIR = Path(__file__).resolve().parents[2] / "solr" / "configset" / "conf"


@dataclass
class CollectionStatus:
    name: str
    shards: int
    replicas: int
    active: int
    nodes: list[str]

    def summary(self) -> str:
        return (f"collection {self.name}: {self.shards} shards, {self.replicas} replicas "
                f"({self.active} active) on {len(self.nodes)} nodes")


def configset_zip(conf_dir: Path = CONFIGSET_DIR) -> bytes:
    """The configset files at the root of a zip, as the Configsets API wants them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(conf_dir.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(conf_dir).as_posix())
    return buf.getvalue()


def upload_configset(client: SolrClient, name: str, conf_dir: Path = CONFIGSET_DIR) -> None:
    """Upload (or replace) the configset `name`."""
    params = {"action": "UPLOAD", "name": name, "overwrite": "true", "cleanup": "true"}
    client.request("POST", "admin/configs", params, configset_zip(conf_dir), "application/octet-stream")


def collection_exists(client: SolrClient, name: str) -> bool:
    return name in client.get("admin/collections", {"action": "LIST"}).get("collections", [])


def init_collection(client: SolrClient, name: str, *, shards: int = 2, replicas: int = 2,
                    timeout: float = 120.0) -> CollectionStatus:
    """Upload the configset and create `name` (if missing), then wait for all replicas to be active.

    An existing collection keeps its documents: its configset is replaced and the collection reloaded.
    """
    upload_configset(client, name)
    if collection_exists(client, name):
        client.get("admin/collections", {"action": "RELOAD", "name": name})
    else:
        client.get("admin/collections", {
            "action": "CREATE", "name": name, "numShards": shards, "replicationFactor": replicas,
            "collection.configName": name, "waitForFinalState": "true",
        })
    return wait_until_active(client, name, timeout=timeout)


def delete_collection(client: SolrClient, name: str) -> None:
    if collection_exists(client, name):
        client.get("admin/collections", {"action": "DELETE", "name": name})


def collection_status(client: SolrClient, name: str) -> CollectionStatus:
    """Shards, replicas and how many replicas are active on live nodes."""
    data = client.get("admin/collections", {"action": "CLUSTERSTATUS", "collection": name})
    cluster = data.get("cluster", {})
    state = cluster.get("collections", {}).get(name)
    if state is None:
        raise SolrError(f"collection {name!r} does not exist (run `vnarchive solr init`)")
    live = set(cluster.get("live_nodes", []))
    replicas = [r for s in state["shards"].values() for r in s["replicas"].values()]
    active = sum(1 for r in replicas if r.get("state") == "active" and r.get("node_name") in live)
    return CollectionStatus(name, len(state["shards"]), len(replicas), active, sorted(live))


def wait_until_active(client: SolrClient, name: str, *, timeout: float = 120.0) -> CollectionStatus:
    """Poll until every replica of `name` is active (after a create, or a node coming back)."""
    deadline = time.monotonic() + timeout
    while True:
        status = collection_status(client, name)
        if status.active == status.replicas and status.replicas:
            return status
        if time.monotonic() > deadline:
            raise SolrError(f"{status.summary()}: not all replicas became active within {timeout:.0f}s")
        time.sleep(0.3)
