"""A real SolrCloud on this machine for tests and benchmarks: ZooKeeper + 2 Solr nodes on 127.0.0.1.

The cluster is `solr/launcher` (a `MiniSolrCloudCluster` from Solr's test framework) run as one Java
process. It prints a JSON line when it is up and takes `stop I` / `start I` / `quit` on stdin, so a test can
take one node down and bring it back. It is stopped by its PID, and it also stops when our end of its
stdin closes, so a crashed test run never leaves it behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "solr" / "launcher"
CONFIGSET = REPO / "solr" / "configset"
CLASSPATH_FILE = LAUNCHER / "target" / "classpath.txt"
START_TIMEOUT = 120.0


class ClusterError(RuntimeError):
    """The local cluster could not be built, started or commanded."""


def build_launcher() -> None:
    """Compile the launcher with Maven (offline when the dependencies are already in ~/.m2)."""
    if CLASSPATH_FILE.is_file() and (LAUNCHER / "target" / "classes" / "vnarchive").is_dir():
        return
    if not shutil.which("mvn") or not shutil.which("java"):
        raise ClusterError("building the Solr launcher needs `mvn` and `java` (JDK 17) on PATH")
    for offline in (["-o"], []):
        done = subprocess.run(["mvn", "-q", "-B", *offline, "package", "-DskipTests"], cwd=LAUNCHER,
                              capture_output=True, text=True)
        if done.returncode == 0:
            return
    raise ClusterError(f"mvn package failed in {LAUNCHER}: {done.stdout[-2000:]}{done.stderr[-2000:]}")


class LocalCluster:
    """One launcher process; `nodes` holds each Solr node's base URL (`http://127.0.0.1:P/solr`)."""

    def __init__(self, workdir: Path, nodes: int = 2, heap: str = "1g", *, quick_start: bool = True):
        self.workdir = Path(workdir)
        self.size = nodes
        self.heap = heap
        # Tests want a fast start (client compiler only, serial GC); a benchmark wants full speed.
        self.jvm = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"] if quick_start else []
        self.nodes: list[str] = []
        self.zk = ""
        self.proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """Every node, comma-separated: the value for `VNARCHIVE_SOLR_URL`."""
        return ",".join(self.nodes)

    def start(self) -> LocalCluster:
        build_launcher()
        self.workdir.mkdir(parents=True, exist_ok=True)
        classpath = f"{LAUNCHER / 'target' / 'classes'}:{CLASSPATH_FILE.read_text().strip()}"
        log = open(self.workdir / "solr.log", "wb")  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(
            ["java", f"-Xmx{self.heap}", *self.jvm, "-cp", classpath,
             "vnarchive.solr.Launcher", str(self.workdir / "cluster"), str(self.size)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1,
        )
        log.close()
        ready = self._read_event(START_TIMEOUT)
        if ready.get("event") != "ready":
            self.stop()
            raise ClusterError(f"Solr cluster did not start: {ready}; see {self.workdir / 'solr.log'}")
        self.nodes, self.zk = ready["nodes"], ready["zk"]
        return self

    def open_backend(self, collection: str = "vnarchive", *, commit: bool = True):
        """Create `collection` (2 shards x 2 replicas) if needed and return a `SolrBackend` on it."""
        from index.solr import admin
        from index.solr.backend import SolrBackend

        backend = SolrBackend(self.url, collection, commit=commit)
        admin.init_collection(backend.client, collection)
        return backend

    def stop_node(self, i: int) -> None:
        """Stop node `i` as a crash would; its replicas go down, its data stays."""
        self._command(f"stop {i}", "stopped")

    def start_node(self, i: int) -> None:
        """Start node `i` again on its old port; returns once it has rejoined the cluster."""
        self._command(f"start {i}", "started")

    def stop(self) -> None:
        """Ask the launcher to quit, then make sure by PID."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.write("quit\n")
                proc.stdin.close()
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.stdout:
                proc.stdout.close()

    def _command(self, line: str, expect: str) -> dict:
        with self._lock:
            if self.proc is None or self.proc.stdin is None:
                raise ClusterError("the cluster is not running")
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
            answer = self._read_event(START_TIMEOUT)
        if answer.get("event") != expect:
            raise ClusterError(f"{line!r}: {answer}")
        return answer

    def _read_event(self, timeout: float) -> dict:
        """The launcher's next JSON line, or an error event when it exits or stays silent too long."""
        assert self.proc is not None and self.proc.stdout is not None
        result: dict = {"event": "timeout", "message": f"no answer in {timeout:.0f}s"}

        def read() -> None:
            nonlocal result
            for line in self.proc.stdout:  # type: ignore[union-attr]
                if line.startswith("{"):
                    result = json.loads(line)
                    return
            result = {"event": "exited", "code": self.proc.poll()}  # type: ignore[union-attr]

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(timeout)
        return result

    def __enter__(self) -> LocalCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
