"""Cluster administration: upload the configset from `solr/configset/` and create the collection.

`vnarchive solr init` calls `init_collection`: the configset is zipped and sent through the Configsets
API (no ZooKeeper client needed), then the collection is created with 2 shards x 2 replicas and we wait
until every replica is active.

The name clients use (`vnarchive`) is an **alias** of a physical collection (`vnarchive_20261123094500`):
a rebuild fills a new collection while searches go on using the old one, then moves the alias in one
step and drops the old collection (`SolrBackend.staging` / `swap`).
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


def list_configsets(client: SolrClient) -> list[str]:
    return client.get("admin/configs", {"action": "LIST"}).get("configSets", [])


def collection_exists(client: SolrClient, name: str) -> bool:
    return name in client.get("admin/collections", {"action": "LIST"}).get("collections", [])


def resolve(client: SolrClient, name: str) -> str:
    """The physical collection behind an alias (the name itself when it is not an alias)."""
    aliases = client.get("admin/collections", {"action": "LISTALIASES"}).get("aliases", {})
    return aliases.get(name, name).split(",")[0]


def generation_name(alias: str) -> str:
    """A new physical collection name for `alias`: `vnarchive_20261123094500123`."""
    return f"{alias}_{time.strftime('%Y%m%d%H%M%S')}{int(time.time() * 1000) % 1000:03d}"


def create_collection(client: SolrClient, name: str, config: str, *, shards: int = 2, replicas: int = 2,
                      timeout: float = 120.0) -> CollectionStatus:
    """Create a physical collection with `config` and wait until every replica is active."""
    client.get("admin/collections", {
        "action": "CREATE", "name": name, "numShards": shards, "replicationFactor": replicas,
        "collection.configName": config, "waitForFinalState": "true",
    })
    return wait_until_active(client, name, timeout=timeout)


def point_alias(client: SolrClient, alias: str, collection: str) -> None:
    """Make `alias` name `collection` (atomic for searches)."""
    client.get("admin/collections", {"action": "CREATEALIAS", "name": alias, "collections": collection})


def init_collection(client: SolrClient, name: str, *, shards: int = 2, replicas: int = 2,
                    timeout: float = 120.0) -> CollectionStatus:
    """Upload the configset and create `name` (an alias of a new collection) if missing; wait until active.

    An existing collection keeps its documents: its configset is replaced and the collection reloaded.
    """
    try:
        upload_configset(client, name)
    except SolrError as exc:
        # A Solr that refuses uploads (-Dconfigset.upload.enabled=false) may have it from `zk upconfig`.
        if "disabled" not in str(exc) or name not in list_configsets(client):
            raise
    physical = resolve(client, name)
    if collection_exists(client, physical):
        client.get("admin/collections", {"action": "RELOAD", "name": physical})
        return wait_until_active(client, name, timeout=timeout)
    physical = generation_name(name)
    create_collection(client, physical, name, shards=shards, replicas=replicas, timeout=timeout)
    point_alias(client, name, physical)
    return collection_status(client, name)


def delete_collection(client: SolrClient, name: str) -> None:
    """Delete a physical collection (not an alias)."""
    if collection_exists(client, name):
        client.get("admin/collections", {"action": "DELETE", "name": name})


def collection_status(client: SolrClient, name: str) -> CollectionStatus:
    """Shards, replicas and how many replicas are active on live nodes (`name` may be an alias)."""
    name = resolve(client, name)
    if not collection_exists(client, name):
        raise SolrError(f"collection {name!r} does not exist (run `vnarchive solr init`)")
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
